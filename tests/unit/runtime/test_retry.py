"""The retry module: classification, delays, loops, poll budget, back-pressure, progress watchdog."""

from __future__ import annotations

import email.utils
import time
from typing import Any

import httpx
import pytest

from tinkex._http import retry as R
from tinkex.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    RateLimitError,
    TinkexValidationError,
    make_status_error,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# --- delays ---

RANGES = [
    (0, 0.375, 0.5),
    (1, 0.75, 1.0),
    (2, 1.5, 2.0),
    (3, 3.0, 4.0),
    (4, 6.0, 8.0),
    (5, 7.5, 10.0),
    (6, 7.5, 10.0),
    (1000, 7.5, 10.0),
]


@pytest.mark.parametrize(("attempt", "low", "high"), RANGES)
def test_delay_range_per_attempt(attempt: int, low: float, high: float) -> None:
    # covers HTTP-03, OVR-02
    assert R.compute_delay(attempt, rand=lambda: 0.0) == pytest.approx(high)
    assert R.compute_delay(attempt, rand=lambda: 1.0) == pytest.approx(low)
    assert low <= R.compute_delay(attempt, rand=lambda: 0.5) <= high


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"Retry-After": "2"}, 2.0),
        ({"retry-after": "0.25"}, 0.25),
        ({"retry-after-ms": "60000"}, 60.0),
        ({"retry-after": "0"}, None),  # not in (0, 60]: computed delay
        ({"retry-after": "61"}, None),
        ({"retry-after": "-3"}, None),
        ({"retry-after": "later"}, None),
        ({}, None),
    ],
)
def test_retry_after_wins_when_plausible(headers: dict[str, str], expected: float | None) -> None:
    # covers HTTP-04
    delay = R.compute_delay(3, headers=headers, rand=lambda: 0.0)
    assert delay == pytest.approx(expected if expected is not None else 4.0)


def test_retry_after_http_date() -> None:
    # covers HTTP-04
    date = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25.0 < R.compute_delay(0, headers={"retry-after": date}) <= 30.0


def test_symmetric_jitter_for_sampling() -> None:
    # covers SMP-09
    assert R.compute_delay(2, rand=lambda: 0.0, symmetric=True) == pytest.approx(1.5)
    assert R.compute_delay(2, rand=lambda: 1.0, symmetric=True) == pytest.approx(2.5)
    assert R.compute_delay(9, rand=lambda: 1.0, symmetric=True) == pytest.approx(10.0)  # clamped to cap


@pytest.mark.parametrize(
    ("attempt", "expected"), [(0, 1.0), (1, 2.0), (2, 4.0), (4, 16.0), (5, 30.0), (500, 30.0)]
)
def test_pending_delay(attempt: int, expected: float) -> None:
    # covers FUT-03
    assert R.pending_delay(attempt) == expected


# --- classification ---

CLASSIFY = [
    (200, None, None, False),
    (302, None, None, False),
    (400, None, None, False),
    (401, None, None, False),
    (404, None, None, False),
    (408, None, None, True),
    (409, None, None, True),
    (410, None, None, False),
    (422, None, None, False),
    (429, None, None, True),
    (500, None, None, True),
    (503, None, None, True),
    (599, None, None, True),
    (400, None, {"x-should-retry": "true"}, True),
    (503, None, {"X-Should-Retry": "false"}, False),
    (None, APIConnectionError(), None, True),
    (None, APITimeoutError(), None, True),
    (None, httpx.ConnectError("refused"), None, True),
    (None, httpx.ReadTimeout("slow"), None, True),
    (None, httpx.RemoteProtocolError("closed"), None, True),
    (None, ConnectionResetError(), None, True),
    (None, ValueError("bug"), None, False),
    (None, TinkexValidationError("bad"), None, False),
    (None, make_status_error(429, b"", {}), None, True),
    (None, make_status_error(404, b"", {}), None, False),
    (None, make_status_error(500, b"", {"x-should-retry": "false"}), None, False),
    (None, make_status_error(403, b"", {"x-should-retry": "true"}), None, True),
    (None, None, None, False),
]


@pytest.mark.parametrize(("status", "exc", "headers", "retry"), CLASSIFY)
def test_classify_table(
    status: int | None, exc: BaseException | None, headers: dict[str, str] | None, retry: bool
) -> None:
    # covers HTTP-02, HTTP-06, HTTP-07
    decision = R.classify(status, exc, headers)
    assert decision.retry is retry
    assert decision.reason


def test_classify_reports_retry_after_and_reason() -> None:
    # covers HTTP-02, HTTP-04
    decision = R.classify(429, None, {"retry-after": "3"})
    assert decision == R.RetryDecision(True, "status 429", 429, 3.0)
    assert R.classify(400, None, {"x-should-retry": "true"}).reason == "x-should-retry: true"


def test_retryable_status_helper() -> None:
    # covers HTTP-06
    policy = R.RetryPolicy()
    assert [s for s in (200, 301, 400, 404, 408, 409, 429, 500, 504) if policy.is_retryable_status(s)] == [
        408,
        409,
        429,
        500,
        504,
    ]


# --- the loops ---


def _flaky(errors: list[BaseException], result: str = "ok") -> tuple[list[int], Any]:
    calls: list[int] = []

    def fn(attempt: int) -> str:
        calls.append(attempt)
        if errors:
            raise errors.pop(0)
        return result

    return calls, fn


def test_sync_loop_retries_then_succeeds() -> None:
    # covers HTTP-02, HTTP-03
    calls, fn = _flaky([make_status_error(503, b"", {}), APIConnectionError()])
    sleeps: list[float] = []
    events: list[R.RetryAttempt] = []
    result = R.retry_sync(
        fn, R.RetryPolicy(max_retries=5), sleep=sleeps.append, rand=lambda: 0.0, on_retry=events.append
    )
    assert result == "ok"
    assert calls == [0, 1, 2]
    assert sleeps == [0.5, 1.0]
    assert [e.attempt for e in events] == [0, 1]
    assert events[0].decision.reason == "status 503"


def test_loop_stops_on_non_retryable() -> None:
    # covers HTTP-02
    calls, fn = _flaky([make_status_error(404, b"", {}), make_status_error(503, b"", {})])
    sleeps: list[float] = []
    with pytest.raises(Exception) as info:
        R.retry_sync(fn, R.RetryPolicy(max_retries=5), sleep=sleeps.append)
    assert info.value.status_code == 404  # type: ignore[attr-defined]
    assert calls == [0] and sleeps == []


def test_loop_exhausts_max_retries_and_reraises_last() -> None:
    # covers HTTP-02, OVR-01
    errors: list[BaseException] = [
        make_status_error(500, f'{{"message": "e{i}"}}'.encode(), {}) for i in range(20)
    ]
    calls, fn = _flaky(errors)
    sleeps: list[float] = []
    with pytest.raises(Exception) as info:
        R.retry_sync(fn, R.RetryPolicy(max_retries=3), sleep=sleeps.append, rand=lambda: 0.0)
    assert calls == [0, 1, 2, 3]  # max_retries + 1 attempts
    assert sleeps == [0.5, 1.0, 2.0]
    assert info.value.message == "e3"  # type: ignore[attr-defined]


def test_zero_retries_means_one_attempt() -> None:
    # covers OVR-04
    calls, fn = _flaky([APIConnectionError()])
    with pytest.raises(APIConnectionError):
        R.retry_sync(fn, R.RetryPolicy(max_retries=0), sleep=lambda s: None)
    assert calls == [0]


def test_loop_uses_retry_after_from_error_headers() -> None:
    # covers HTTP-04
    _calls, fn = _flaky([make_status_error(429, b"", {"retry-after-ms": "2500"})])
    sleeps: list[float] = []
    R.retry_sync(fn, R.RetryPolicy(), sleep=sleeps.append, rand=lambda: 0.0)
    assert sleeps == [2.5]


def test_max_elapsed_bounds_the_loop() -> None:
    clock = FakeClock()

    def fn(attempt: int) -> str:
        clock.advance(4.0)
        raise APIConnectionError()

    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock.advance(seconds)

    policy = R.RetryPolicy(max_retries=None, initial_delay=1.0, max_delay=30.0, jitter=0.0, max_elapsed=10.0)
    with pytest.raises(APIConnectionError):
        R.retry_sync(fn, policy, sleep=sleep, clock=clock)
    assert sleeps == [1.0, 1.0]  # the second wait is cut to the 1 s left of the budget


def test_on_retry_failure_does_not_change_outcome() -> None:
    calls, fn = _flaky([APIConnectionError()])

    def broken(event: R.RetryAttempt) -> None:
        raise RuntimeError("observer bug")

    assert R.retry_sync(fn, R.RetryPolicy(), sleep=lambda s: None, on_retry=broken) == "ok"
    assert calls == [0, 1]


async def test_async_loop_matches_sync() -> None:
    # covers HTTP-02
    errors: list[BaseException] = [RateLimitError("slow", status_code=429), httpx.ReadTimeout("t")]
    calls: list[int] = []

    async def fn(attempt: int) -> int:
        calls.append(attempt)
        if errors:
            raise errors.pop(0)
        return 7

    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    assert await R.retry_async(fn, R.RetryPolicy(), sleep=sleep, rand=lambda: 1.0) == 7
    assert calls == [0, 1, 2]
    assert sleeps == [0.375, 0.75]


async def test_async_loop_reraises_non_retryable() -> None:
    async def fn(attempt: int) -> int:
        raise ValueError("bug")

    async def sleep(seconds: float) -> None:
        raise AssertionError("must not sleep")

    with pytest.raises(ValueError, match="bug"):
        await R.retry_async(fn, R.RetryPolicy(), sleep=sleep)


def test_policy_from_config() -> None:
    class Cfg:
        max_retries = 4

    assert R.RetryPolicy.from_config(Cfg()).max_retries == 4
    assert R.HttpRetryPolicy is R.RetryPolicy


# --- poll loop budget ---


@pytest.mark.parametrize(
    ("status", "action", "delay"),
    [
        (408, "retry", 0.0),
        (500, "retry", 0.0),
        (503, "retry", 0.0),
        (429, "retry", 1.0),
        (400, "retry", 0.0),
        (402, "retry", 5.0),
        (410, "fail", 0.0),
        (404, "fail", 0.0),
        (401, "fail", 0.0),
        (422, "fail", 0.0),
    ],
)
def test_poll_budget_first_reaction(status: int, action: str, delay: float) -> None:
    # covers LATER-24, LATER-12, D-18
    result = R.PollRetryBudget().on_status(status)
    assert (result.action, result.delay) == (action, delay)


def test_poll_transport_backoff_grows_and_resets() -> None:
    # covers LATER-24
    budget = R.PollRetryBudget()
    delays = [budget.on_error(httpx.ConnectError("x")).delay for _ in range(3)]
    delays.append(budget.on_status(429).delay)
    assert delays == [1.0, 2.0, 4.0, 8.0]
    for _ in range(10):
        budget.on_error(APITimeoutError())
    assert budget.on_error(APIConnectionError()).delay == 30.0
    budget.on_success()
    assert budget.on_error(APIConnectionError()).delay == 1.0


def test_poll_bad_request_retried_three_times() -> None:
    # covers LATER-34
    budget = R.PollRetryBudget()
    assert [budget.on_status(400).action for _ in range(4)] == ["retry", "retry", "retry", "fail"]


def test_poll_billing_window() -> None:
    clock = FakeClock()
    budget = R.PollRetryBudget(billing_max_pause=12.0, clock=clock)
    assert budget.on_status(402) == R.PollAction("retry", 5.0, "billing pause (402)")
    clock.advance(11.0)
    assert budget.on_status(402).action == "retry"
    clock.advance(1.0)
    assert budget.on_status(402).action == "fail"


def test_poll_exponential_option_and_errors() -> None:
    # covers LATER-25
    budget = R.PollRetryBudget(poll_backoff="exponential")
    assert [budget.on_status(503).delay for _ in range(3)] == [1.0, 2.0, 4.0]
    assert budget.on_error(make_status_error(404, b"", {})).action == "fail"
    assert budget.on_error(ValueError("bug")).action == "fail"
    with pytest.raises(ValueError):
        budget.on_status(200)


# --- sampling back-pressure ---


@pytest.mark.parametrize(
    ("size", "headers", "expected"),
    [
        (0, None, 1.0),
        (128 * 1024, None, 1.0),
        (128 * 1024 + 1, None, 5.0),
        (10, {"retry-after": "3"}, 3.0),
        (10, {"retry-after": "0.5"}, 1.0),
        (10**6, {"retry-after-ms": "2000"}, 5.0),
        (10**6, {"retry-after": "7"}, 7.0),
    ],
)
def test_backpressure_delay(size: int, headers: dict[str, str] | None, expected: float) -> None:
    # covers SMP-04, LATER-11, D-10
    assert R.backpressure_delay(size, headers) == expected


def test_backpressure_throttle_window() -> None:
    # covers LATER-10
    clock = FakeClock()
    tracker = R.BackpressureTracker(clock=clock)
    assert not tracker.throttled()
    assert tracker.record(200 * 1024) == 5.0
    assert tracker.throttled()
    clock.advance(9.9)
    assert tracker.throttled()
    clock.advance(0.1)
    assert not tracker.throttled()


# --- progress watchdog ---


def test_progress_timeout() -> None:
    # covers SMP-09, SMP-10, OVR-25
    clock = FakeClock()
    watchdog = R.ProgressTimeout(60.0, clock=clock)
    clock.advance(59.0)
    watchdog.check()
    assert watchdog.remaining() == pytest.approx(1.0)
    watchdog.record_progress()
    clock.advance(59.0)
    assert not watchdog.expired()
    clock.advance(1.0)
    assert watchdog.expired()
    with pytest.raises(APITimeoutError, match="No progress made in 60 s"):
        watchdog.check()
    with pytest.raises(ValueError):
        R.ProgressTimeout(0)


def test_archive_building_budget_waits_out_503_only() -> None:
    # covers REST-08: a 503 on the archive URL means "still being built": 6 retries, 30 s apart
    for status, calls_expected in ((503, 7), (500, 1)):
        calls, fn = _flaky([make_status_error(status, b"", {}) for _ in range(10)])
        sleeps: list[float] = []
        with pytest.raises(APIStatusError):
            R.retry_sync(fn, R.ARCHIVE_BUILDING_BUDGET, sleep=sleeps.append)
        assert len(calls) == calls_expected
        assert sleeps == [30.0] * (calls_expected - 1)


async def test_repeat_loop_sleeps_each_requested_delay_until_a_result() -> None:
    # covers FUT-03, SES-02: the poll and heartbeat loops run on backoff.on_predicate
    answers: list[R.Again[str] | str] = [R.Again(2.0), R.Again(0.0), R.Again(0.5), "done"]
    slept: list[float] = []

    async def step() -> R.Again[str] | str:
        return answers.pop(0)

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    assert await R.repeat_async(step, sleep=sleep) == "done"
    assert slept == [2.0, 0.5]  # a 0 s wait is no sleep at all


def test_heartbeat_budget() -> None:
    # covers SES-04, SES-05
    budget = R.HeartbeatBudget(interval=1.0, warning_after=30.0, max_failures=3, max_failure_duration=60.0)
    assert not budget.should_warn(29.9) and budget.should_warn(30.0)
    assert not budget.exhausted(3, 60.0)
    assert budget.exhausted(4, 0.0) and budget.exhausted(1, 60.1)
    assert not R.HeartbeatBudget().exhausted(10_000, 10_000.0)  # by default heartbeats never give up
