"""The account-wide sampling backoff and dispatch limit (SMP-04, SMP-06, SMP-07)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from tinkex import config as C
from tinkex._config.env import EnvSnapshot
from tinkex.rate_limit import (
    THROTTLED_CONCURRENCY,
    SamplingDispatch,
    SharedBackoff,
    account_key,
)

KEY = "tml-rate-limit-test-key"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_one_backoff_per_normalized_url_and_key() -> None:
    # covers SMP-06
    same = SharedBackoff.for_key("HTTP://Example.COM:8000/svc/", KEY)
    assert same is SharedBackoff.for_key("http://example.com:8000/svc", KEY)
    assert same is not SharedBackoff.for_key("http://example.com:8000/svc", KEY + "-other")
    assert same is not SharedBackoff.for_key("http://example.com:8001/svc", KEY)
    url, digest = account_key("http://example.com/", KEY)
    assert url == "http://example.com" and KEY not in digest  # the key itself is never kept


def test_backoff_window_is_kept_extended_and_cleared() -> None:
    # covers SMP-04, SMP-06
    clock = FakeClock()
    backoff = SharedBackoff(clock=clock)
    assert not backoff.active() and not backoff.throttled()
    backoff.set(5.0)
    backoff.set(1.0)  # a shorter window never cuts a longer one
    assert backoff.remaining() == 5.0
    backoff.wait(sleep=clock.sleep)
    assert clock.slept == [5.0] and not backoff.active()
    assert backoff.throttled()  # throttled for 10 s after the window ...
    clock.now += 10.0
    assert not backoff.throttled()  # ... and no longer
    backoff.set(2.0)
    backoff.clear()
    assert backoff.remaining() == 0.0 and not backoff.throttled()


async def test_async_wait_sleeps_out_the_window() -> None:
    # covers SMP-06
    clock = FakeClock()
    backoff = SharedBackoff(clock=clock)
    backoff.set(1.0)

    async def sleep(seconds: float) -> None:
        clock.sleep(seconds)

    await backoff.wait_async(sleep)
    assert clock.slept == [1.0]


async def test_dispatch_slots_cap_concurrency_and_throttle_after_a_backoff() -> None:
    # covers SMP-07
    backoff = SharedBackoff()
    dispatch = SamplingDispatch(backoff, limit=3)
    peak = 0
    release = asyncio.Event()

    async def one() -> None:
        nonlocal peak
        async with dispatch.slot():
            peak = max(peak, dispatch.in_flight)
            await release.wait()

    tasks = [asyncio.create_task(one()) for _ in range(8)]
    while dispatch.in_flight < 3:
        await asyncio.sleep(0)
    for _ in range(5):
        await asyncio.sleep(0)
    assert dispatch.in_flight == 3  # the other five wait for a place
    release.set()
    await asyncio.gather(*tasks)
    assert peak == 3

    throttled = SamplingDispatch(SharedBackoff(), limit=400)
    throttled.backoff.set(0.0)  # a window that just ended: throttled for the next 10 s
    gate = asyncio.Event()

    async def held() -> None:
        async with throttled.slot():
            await gate.wait()

    tasks = [asyncio.create_task(held()) for _ in range(THROTTLED_CONCURRENCY + 5)]
    while throttled.in_flight < THROTTLED_CONCURRENCY:
        await asyncio.sleep(0)
    for _ in range(5):
        await asyncio.sleep(0)
    assert throttled.in_flight == THROTTLED_CONCURRENCY
    gate.set()
    await asyncio.gather(*tasks)


async def test_for_key_shares_one_dispatch_per_account_and_limit_on_a_loop() -> None:
    # covers SMP-07
    first = SamplingDispatch.for_key("http://svc.test", KEY)
    assert first.limit == 400
    assert SamplingDispatch.for_key("http://svc.test/", KEY) is first
    assert SamplingDispatch.for_key("http://svc.test", KEY, 5) is not first
    assert SamplingDispatch.for_key("http://svc.test", KEY, 5).backoff is first.backoff


def test_dispatch_concurrency_setting(caplog: pytest.LogCaptureFixture) -> None:
    # covers SMP-07
    def resolve(environ: dict[str, str], **explicit: object) -> C.Config:
        return C.resolve_config(env=EnvSnapshot.read({"TINKER_API_KEY": KEY, **environ}), **explicit)

    assert resolve({}).dispatch_concurrency == 400
    assert resolve({"TINKEX_DISPATCH_CONCURRENCY": "25"}).dispatch_concurrency == 25
    assert resolve({"TINKEX_DISPATCH_CONCURRENCY": "25"}, dispatch_concurrency=7).dispatch_concurrency == 7
    assert resolve({"TINKEX_DISPATCH_CONCURRENCY": "lots"}).dispatch_concurrency == 400
    with caplog.at_level(logging.WARNING, logger="tinkex.config"):
        assert resolve({}, dispatch_concurrency=0).dispatch_concurrency == 400  # invalid -> 400
    assert any("dispatch_concurrency" in r.getMessage() for r in caplog.records)
