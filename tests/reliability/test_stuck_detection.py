"""The sampling handler's progress timeout, with an injected clock (fixes the campaign found).

Back-pressure (429) that never lets up used to loop forever; and the "no progress" clock ran
while the client sat idle, so an idle client's first retry was judged stuck at once.
"""

from __future__ import annotations

import httpx
import pytest

from tinkex._clients.sampling_retry import SamplingRetryHandler
from tinkex.errors import APIConnectionError, APITimeoutError, RateLimitError
from tinkex.retry_config import RetryConfig

PROGRESS_TIMEOUT = 60.0


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def _handler(clock: FakeClock) -> SamplingRetryHandler:
    config = RetryConfig(progress_timeout=PROGRESS_TIMEOUT)
    return SamplingRetryHandler(config, clock=clock, sleep=clock.sleep, rand=lambda: 0.5)


def _rate_limited() -> RateLimitError:
    response = httpx.Response(
        429, headers={"retry-after-ms": "10"}, request=httpx.Request("POST", "http://t/")
    )
    return RateLimitError("rate limited", response=response, body=None)


async def test_back_pressure_forever_ends_at_the_progress_timeout() -> None:
    # covers SMP-09
    clock = FakeClock()
    handler = _handler(clock)
    sends = 0

    async def always_pushed_back() -> str:
        nonlocal sends
        sends += 1
        # 1 s back-offs: far more sends than this means the progress timeout was never checked.
        assert sends < 10 * PROGRESS_TIMEOUT, "back-pressure looped past the progress timeout"
        raise _rate_limited()

    async def attempt() -> str:
        return await handler.submit_with_backpressure(always_pushed_back, payload_bytes=100)

    with pytest.raises(APITimeoutError, match="No progress made in 60 s"):
        await handler.run(attempt)
    assert PROGRESS_TIMEOUT <= clock.now < PROGRESS_TIMEOUT + 2  # 1 s back-offs until the timeout
    assert sends > 1


async def test_an_idle_client_is_not_judged_stuck_on_its_first_retry() -> None:
    # covers SMP-09
    clock = FakeClock()
    handler = _handler(clock)
    clock.now = 10 * PROGRESS_TIMEOUT  # the client sat idle far longer than the progress timeout
    failures = iter([APIConnectionError("connection reset")])

    async def attempt() -> str:
        error = next(failures, None)
        if error is not None:
            raise error
        return "sampled"

    assert await handler.run(attempt) == "sampled"
