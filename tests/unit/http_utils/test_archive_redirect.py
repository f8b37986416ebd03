"""The checkpoint archive endpoint's redirect is captured, not followed (feature HTTP-20):
the call returns the Location (and Expires) of the 302; a redirect without a Location is an
error. respx stands in for the service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import respx

import tinkex

MOCK_URL = "http://tinker.mock"
ARCHIVE = "/api/v1/training_runs/run-1/checkpoints/weights/w1/archive"
SIGNED = "http://blob.mock/run-1/w1.tar?signature=abc"


@pytest.fixture
def mocked(monkeypatch: pytest.MonkeyPatch) -> Iterator[respx.MockRouter]:
    monkeypatch.setenv("TINKEX_TRANSPORT", "httpx")  # respx intercepts httpx's own pool
    with respx.mock(base_url=MOCK_URL, assert_all_called=False) as router:
        router.post("/api/v1/client/config").respond(json={"pjwt_auth_enabled": False})
        router.post("/api/v1/client/dynamic_config").respond(json={})
        yield router


def test_redirect_is_returned_not_followed(mocked: respx.MockRouter) -> None:
    # covers HTTP-20
    mocked.get(ARCHIVE).respond(302, headers={"Location": SIGNED, "Expires": "Wed, 21 Oct 2037 07:28:00 GMT"})
    blob = mocked.get(SIGNED).respond(200, content=b"tar bytes")
    rest = tinkex.RestClient(base_url=MOCK_URL, api_key="tml-redirect-test")
    reply = rest.get_checkpoint_archive_url("run-1", "weights/w1").result(timeout=30)
    assert reply.url == SIGNED
    assert reply.expires == dt.datetime(2037, 10, 21, 7, 28, tzinfo=dt.UTC)
    assert not blob.called  # the signed URL is handed back, never fetched by the call


def test_redirect_without_location_is_an_error(mocked: respx.MockRouter) -> None:
    # covers HTTP-20
    mocked.get(ARCHIVE).respond(302)
    rest = tinkex.RestClient(base_url=MOCK_URL, api_key="tml-redirect-test")
    with pytest.raises(tinkex.TinkexValidationError, match="Location"):
        rest.get_checkpoint_archive_url("run-1", "weights/w1").result(timeout=30)
