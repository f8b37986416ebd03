"""How the future poll loop waits after ``try_again`` (FUT-03, FUT-06).

A long poll (the server held the request) is followed by another at once, as the official SDK
does; a quick ``try_again`` waits ``retry_after_ms`` when the server sends it, 1 s while the
queue is paused, else ``min(2**n, 30)`` s, so a server that does not long-poll is not polled in
a busy loop. The loop runs against a respx-mocked ``retrieve_future`` with an injected clock
and sleep: no real waiting.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import respx

from tinkex._config.env import EnvSnapshot
from tinkex._core.requests import FutureOutcome, PollOptions, poll_future
from tinkex._http.calls import ApiClient
from tinkex._http.retry import PollRetryBudget
from tinkex.config import resolve_config

BASE = "http://poll.test"
RETRIEVE = f"{BASE}/api/v1/retrieve_future"


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def _try_again(state: str = "active", retry_after_ms: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "try_again", "request_id": "req-1", "queue_state": state}
    if retry_after_ms is not None:
        body["retry_after_ms"] = retry_after_ms
    return body


def _poll(replies: list[dict[str, Any]], *, hold: float = 0.0) -> tuple[FakeTime, int]:
    """Poll one future whose server answers ``replies`` in turn, each held ``hold`` seconds,
    then completes. Returns the fake time (its sleeps) and how many polls were sent."""
    fake = FakeTime()
    answers = [*replies, {"ok": True}]

    def answer(request: httpx.Request) -> httpx.Response:
        fake.now += hold  # the server held the poll this long
        return httpx.Response(200, json=answers.pop(0))

    config = resolve_config(
        env=EnvSnapshot.read({}), api_key="tml-poll-test", base_url=BASE, transport="httpx"
    )
    options = PollOptions(request_type="Sample", clock=fake.clock, sleep=fake.sleep)

    def parse(outcome: FutureOutcome) -> Any:
        return outcome.payload

    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(RETRIEVE).mock(side_effect=answer)
        assert asyncio.run(poll_future(ApiClient(config), "req-1", options, parse)) == {"ok": True}
        return fake, route.call_count


def test_quick_try_again_backs_off_exponentially() -> None:
    # covers FUT-03, FUT-06
    fake, polls = _poll([_try_again()] * 4)
    assert polls == 5
    assert fake.sleeps == [1.0, 2.0, 4.0, 8.0]


def test_retry_after_ms_is_honoured() -> None:
    # covers FUT-06
    fake, _ = _poll([_try_again(retry_after_ms=250), _try_again("paused_capacity", retry_after_ms=1500)])
    assert fake.sleeps == [0.25, 1.5]


@pytest.mark.parametrize("state", ["paused_rate_limit", "paused_capacity"])
def test_quick_try_again_while_paused_waits_one_second(state: str) -> None:
    # covers FUT-06
    fake, _ = _poll([_try_again(state)] * 3)
    assert fake.sleeps == [1.0, 1.0, 1.0]


def test_a_long_poll_is_followed_by_another_at_once() -> None:
    # covers FUT-06 (the official behaviour against a long-polling server)
    fake, polls = _poll([_try_again(), _try_again("paused_capacity")], hold=20.0)
    assert polls == 3
    assert fake.sleeps == []


def test_budget_caps_the_backoff_and_resets_after_a_long_poll() -> None:
    # covers FUT-03
    budget = PollRetryBudget()
    quick = [budget.on_try_again("active", None, held=0.01) for _ in range(7)]
    assert quick == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert budget.on_try_again("active", None, held=25.0) == 0.0
    assert budget.on_try_again("active", None, held=0.0) == 1.0  # counting starts again
    assert budget.on_try_again("active", 3_600_000, held=0.0) == 60.0  # a server hint is capped
