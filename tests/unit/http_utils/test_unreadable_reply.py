"""A 2xx reply that cannot be read is sent again unchanged (``calls.call``), within the client's
own retry budget: up to ``UNREADABLE_REPLY_RETRIES`` times by default and with a per-call
``max_retries=0`` (sample submits and polls), never by a client configured with ``max_retries=0``.
Seen on the requests that reach a respx-mocked service."""

from __future__ import annotations

import asyncio
import functools
from typing import Any

import httpx
import pytest
import respx
from tinker_openapi.api.futures import retrieve_future

from tinkex._config.env import EnvSnapshot
from tinkex._http import calls
from tinkex._http.calls import UNREADABLE_REPLY_RETRIES, ApiClient, call
from tinkex._http.options import CallOptions
from tinkex._http.retry import retry_async
from tinkex.config import resolve_config
from tinkex.errors import APIResponseValidationError
from tinkex.types import FutureRetrieveRequest

BASE = "http://unreadable.test"
TRY_AGAIN = {"type": "try_again", "request_id": "r-1", "queue_state": "active"}
DEFAULT_OPTIONS = CallOptions()


@pytest.fixture(autouse=True)
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The backoff before each re-send, recorded instead of slept (its length is not what these
    tests check, and the real one would make each test wait seconds)."""
    recorded: list[float] = []

    async def record(delay: float) -> None:
        recorded.append(delay)

    monkeypatch.setattr(calls, "retry_async", functools.partial(retry_async, sleep=record))
    return recorded


def _garbled() -> httpx.Response:
    return httpx.Response(200, content=b"<html>not json</html>", headers={"content-type": "text/html"})


def _readable() -> httpx.Response:
    return httpx.Response(200, json=TRY_AGAIN)


def _send(
    replies: list[httpx.Response], options: CallOptions = DEFAULT_OPTIONS, **settings: Any
) -> tuple[object, list[httpx.Request]]:
    """One logical call: its outcome (the parsed result or the error) and the requests sent."""
    config = resolve_config(
        env=EnvSnapshot.read({}), api_key="tml-unreadable-test", base_url=BASE, transport="httpx", **settings
    )
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(f"{BASE}/api/v1/retrieve_future").mock(side_effect=replies)

        async def run() -> object:
            api = ApiClient(config)
            try:
                return await call(api, retrieve_future, options, body=FutureRetrieveRequest(request_id="r-1"))
            except APIResponseValidationError as exc:
                return exc
            finally:
                await api.aclose()

        outcome = asyncio.run(run())
        return outcome, [c.request for c in route.calls]


def _same_request(sent: list[httpx.Request]) -> None:
    assert len({r.headers["x-idempotency-key"] for r in sent}) == 1
    assert len({r.content for r in sent}) == 1


@pytest.mark.parametrize(
    "options", [CallOptions(), CallOptions(max_retries=0)], ids=["default", "per-call-max-retries-0"]
)
def test_an_unreadable_reply_is_sent_again_unchanged(options: CallOptions, waits: list[float]) -> None:
    outcome, sent = _send([_garbled(), _garbled(), _readable()], options)
    assert not isinstance(outcome, Exception)
    assert len(sent) == 3
    assert len(waits) == 2 and all(wait > 0 for wait in waits)  # the normal backoff between sends
    _same_request(sent)


@pytest.mark.parametrize(
    "options", [CallOptions(), CallOptions(max_retries=0)], ids=["default", "per-call-max-retries-0"]
)
def test_the_resends_stop_after_the_budget(options: CallOptions) -> None:
    outcome, sent = _send([_garbled()] * (UNREADABLE_REPLY_RETRIES + 2), options)
    assert isinstance(outcome, APIResponseValidationError)
    assert len(sent) == UNREADABLE_REPLY_RETRIES + 1
    _same_request(sent)


@pytest.mark.parametrize(("max_retries", "sends"), [(0, 1), (1, 2)])
def test_the_client_configured_retry_budget_bounds_the_resends(max_retries: int, sends: int) -> None:
    """A client configured with ``max_retries=0`` sends every request once."""
    outcome, sent = _send([_garbled()] * (UNREADABLE_REPLY_RETRIES + 2), max_retries=max_retries)
    assert isinstance(outcome, APIResponseValidationError)
    assert outcome.status_code == 200
    assert len(sent) == sends
