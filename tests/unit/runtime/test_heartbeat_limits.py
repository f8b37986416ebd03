"""The optional heartbeat removal limits (feature SES-06): a session is dropped from the
heartbeat loop after more than N consecutive failures, or more than D seconds without a
success, with a warning; by default neither limit applies. respx stands in for the service
and a fake clock for time."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
import pytest
import respx

from tinkex._config.env import EnvSnapshot
from tinkex._core.heartbeat import Heartbeat
from tinkex._http.calls import ApiClient
from tinkex.config import resolve_config

BASE = "http://heartbeat.test"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _beats(statuses: list[int], clock: FakeClock, step: float, **limits: Any) -> Heartbeat:
    """Send one heartbeat per status (the clock advancing ``step`` s before each); the loop state."""
    config = resolve_config(env=EnvSnapshot.read({}), api_key="tml-hb", base_url=BASE, transport="httpx")
    replies = [httpx.Response(s, json={"type": "session_heartbeat"}) for s in statuses]

    async def run() -> Heartbeat:
        api = ApiClient(config)
        heartbeat = Heartbeat(api, "sess-1", clock=clock, **limits)
        try:
            for _ in statuses:
                if heartbeat.state.stopped_reason is not None:
                    break
                clock.now += step
                await heartbeat.beat()
        finally:
            await api.aclose()
        return heartbeat

    with respx.mock(assert_all_called=False) as mock:
        mock.post(f"{BASE}/api/v1/session_heartbeat").mock(side_effect=replies)
        return asyncio.run(run())


def test_removed_after_more_than_max_failures(caplog: pytest.LogCaptureFixture) -> None:
    # covers SES-06
    caplog.set_level(logging.WARNING, logger="tinkex.session")
    heartbeat = _beats([500, 500, 500, 500], FakeClock(), 1.0, max_failures=2)
    assert heartbeat.state.failure_count == 3  # two failures are tolerated, the third is "more than"
    assert heartbeat.state.sent == 3
    assert heartbeat.state.stopped_reason is not None
    assert any("heartbeats stopped for session sess-1" in r.getMessage() for r in caplog.records)


def test_a_success_resets_the_failure_count() -> None:
    # covers SES-06
    heartbeat = _beats([500, 500, 200, 500, 500], FakeClock(), 1.0, max_failures=2)
    assert heartbeat.state.stopped_reason is None and heartbeat.state.failure_count == 2


def test_removed_after_more_than_max_failure_duration() -> None:
    # covers SES-06
    clock = FakeClock()
    heartbeat = _beats([500] * 10, clock, 10.0, max_failure_duration=25.0)
    assert heartbeat.state.stopped_reason is not None
    assert heartbeat.state.sent == 3  # 10 s, 20 s (within 25 s), then 30 s: removed


def test_no_limits_by_default() -> None:
    # covers SES-06
    heartbeat = _beats([500] * 8, FakeClock(), 60.0)
    assert heartbeat.state.stopped_reason is None and heartbeat.state.failure_count == 8
