"""The ``Expires`` header of a checkpoint archive redirect (REST-08), against a mocked service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import respx

import tinkex

MOCK_URL = "http://tinker.mock"
API_KEY = "tml-" + "a" * 24
ARCHIVE = "/api/v1/training_runs/run-1/checkpoints/weights/0001/archive"
SIGNED = "https://storage.example/archive.tar?sig=abc"


@pytest.fixture
def mocked(monkeypatch: pytest.MonkeyPatch) -> Iterator[respx.MockRouter]:
    monkeypatch.setenv("TINKEX_TRANSPORT", "httpx")  # respx intercepts httpx's own pool
    with respx.mock(base_url=MOCK_URL, assert_all_called=False) as router:
        router.post("/api/v1/client/config").respond(json={"pjwt_auth_enabled": False})
        router.post("/api/v1/client/dynamic_config").respond(json={})
        yield router


@pytest.mark.parametrize(
    ("expires", "expected"),
    [
        ("Sat, 01 Mar 2025 12:15:02 GMT", dt.datetime(2025, 3, 1, 12, 15, 2, tzinfo=dt.UTC)),
        ("2025-03-01T12:15:02+00:00", dt.datetime(2025, 3, 1, 12, 15, 2, tzinfo=dt.UTC)),
        ("in about an hour", "in about an hour"),  # not a date: the raw text is kept
        (None, None),
    ],
)
def test_redirect_expires_is_a_datetime_or_the_raw_text(
    mocked: respx.MockRouter, expires: str | None, expected: object
) -> None:
    # covers REST-08
    headers = {"location": SIGNED} | ({"expires": expires} if expires is not None else {})
    mocked.get(ARCHIVE).respond(302, headers=headers)
    rest = tinkex.RestClient(base_url=MOCK_URL, api_key=API_KEY)

    reply = rest.get_checkpoint_archive_url_from_tinker_path("tinker://run-1/weights/0001").result(timeout=30)

    assert reply.url == SIGNED
    assert reply.expires == expected
