"""The fault proxy itself: each mode breaks a response the way it says, and schedules are pure."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest

from ._proxy import PASS_THROUGH, ConnectionFault, LoopbackProxy, ProxyMode, ProxySchedule
from ._raw_http import RawHttpServer, RawRequest, response

HEALTHZ = "/api/v1/healthz"


@pytest.fixture
def clean_proxy(proxy: LoopbackProxy) -> Any:
    proxy.set_schedule()
    proxy.reset_stats()
    yield proxy
    proxy.set_schedule()


def _get(proxy: LoopbackProxy, timeout: float = 10.0) -> httpx.Response:
    with httpx.Client(base_url=proxy.url, timeout=timeout) as client:
        return client.get(HEALTHZ)


def test_pass_through_keeps_a_connection_alive_for_many_exchanges(clean_proxy: LoopbackProxy) -> None:
    with httpx.Client(base_url=clean_proxy.url, timeout=10.0) as client:
        assert [client.get(HEALTHZ).status_code for _ in range(3)] == [200, 200, 200]
    stats = clean_proxy.stats()
    assert stats["connections"] == 1 and stats["exchanges"] == 3 and stats["injected"] == {}


@pytest.mark.parametrize(
    "fault",
    [
        ConnectionFault(ProxyMode.RESET_BEFORE_RESPONSE),
        ConnectionFault(ProxyMode.RESET_MID_RESPONSE, after_bytes=10),
        ConnectionFault(ProxyMode.RESET_MID_RESPONSE, after_bytes=1000),  # cut in the body
        ConnectionFault(ProxyMode.TRUNCATE_BODY),
    ],
    ids=["reset-before", "reset-in-headers", "reset-in-body", "truncate"],
)
def test_each_breaking_mode_fails_the_exchange_and_only_the_scheduled_one(
    clean_proxy: LoopbackProxy, fault: ConnectionFault
) -> None:
    clean_proxy.set_schedule(ProxySchedule((fault,), every=2, route=HEALTHZ))
    assert _get(clean_proxy).status_code == 200  # exchange 1 is not scheduled
    with pytest.raises(httpx.TransportError):
        _get(clean_proxy)
    assert _get(clean_proxy).status_code == 200
    assert clean_proxy.stats()["injected"] == {fault.mode.value: 1}


def test_a_stall_outlasts_a_short_timeout_and_not_a_long_one(clean_proxy: LoopbackProxy) -> None:
    # The stall is six times the short timeout (which then ends the first exchange long before
    # the answer) and what the second exchange waits out.
    clean_proxy.set_schedule(
        ProxySchedule((ConnectionFault(ProxyMode.STALL, stall_s=0.6),), every=1, limit=2)
    )
    with pytest.raises(httpx.ReadTimeout):
        _get(clean_proxy, timeout=0.1)
    assert _get(clean_proxy, timeout=10.0).status_code == 200


def test_schedules_are_pure_bounded_and_filtered_by_route() -> None:
    reset = ConnectionFault(ProxyMode.RESET_BEFORE_RESPONSE)
    truncate = ConnectionFault(ProxyMode.TRUNCATE_BODY)
    schedule = ProxySchedule((reset, truncate), every=3, limit=3, route="/api/v1/forward_*")
    assert [schedule.fault_for(i) for i in range(1, 13)] == [PASS_THROUGH, PASS_THROUGH, reset] + [
        PASS_THROUGH,
        PASS_THROUGH,
        truncate,
        PASS_THROUGH,
        PASS_THROUGH,
        reset,
    ] + [PASS_THROUGH] * 3
    assert schedule.matches("/api/v1/forward_backward") and not schedule.matches("/api/v1/asample")
    with pytest.raises(ValueError, match="every"):
        ProxySchedule((reset,), every=0)
    with pytest.raises(ValueError, match="after_bytes"):
        ConnectionFault(ProxyMode.RESET_MID_RESPONSE, after_bytes=0)


def test_a_server_closing_an_idle_connection_is_not_a_fault_seen_by_the_client() -> None:
    # The server closes each connection after one answer, as it does when a keep-alive connection
    # stays idle past its timeout. A client connected directly would simply reconnect; through the
    # proxy its kept-alive connection must carry the next request too, without a disconnect.
    async def answer_then_close(request: RawRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(response(200, b"{}"))
        await writer.drain()
        writer.close()

    with RawHttpServer(answer_then_close) as server:
        proxy = LoopbackProxy(server.host, server.port).start()
        try:
            with httpx.Client(base_url=proxy.url, timeout=10.0) as client:
                assert client.get(HEALTHZ).status_code == 200
                time.sleep(0.2)  # the proxy sees the server's close before the next request
                assert client.get(HEALTHZ).status_code == 200
            assert proxy.stats()["connections"] == 1 and len(server.requests) == 2
        finally:
            proxy.stop()
