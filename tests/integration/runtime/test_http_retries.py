"""HTTP-layer retries against the local server's fault hooks (features HTTP-02…HTTP-07, HTTP-22).

Each test injects faults on ``GET /api/v1/get_server_capabilities`` (cheap, sessionless, and not
touched by background tasks) and counts what the server saw.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

import tinkex
from tinkex.server.faults import DropAction, FaultInjector, FaultMatch, FaultRule, FaultWindow, StatusAction
from tinkex.telemetry import events as bus

from .conftest import CAPABILITIES_ROUTE, MODEL, BusRecorder, requests_to, status_rule

ServiceFactory = Callable[..., tinkex.ServiceClient]


def capabilities_ok(client: tinkex.ServiceClient) -> None:
    models = [m.model_name for m in client.get_server_capabilities().supported_models]
    assert MODEL in models


def test_429_retry_after_ms_is_waited_out(
    make_client: ServiceFactory,
    faults: FaultInjector,
    bus_events: BusRecorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # covers HTTP-04, HTTP-02
    # 700 ms is above the largest jittered first backoff (500 ms), so only the header explains it.
    faults.add(status_rule(CAPABILITIES_ROUTE, 429, first_n=1, retry_after_ms="700"))
    caplog.set_level(logging.DEBUG, logger="tinkex.http")

    capabilities_ok(make_client())

    assert requests_to(faults, CAPABILITIES_ROUTE) == 2
    events = bus_events.http(CAPABILITIES_ROUTE)
    rejected = next(e for e in events if e.name == bus.HTTP_REQUEST_STOP and e.metadata["status"] == 429)
    retried = next(e for e in events if e.name == bus.HTTP_REQUEST_START and e.at > rejected.at)
    # asyncio may wake a timer up to its clock resolution early; allow 10 ms for that.
    assert retried.at - rejected.at >= 0.69
    assert any("retrying (1/10) in 0.70 s after status 429" in r.getMessage() for r in caplog.records)


def test_5xx_burst_is_retried_then_succeeds(
    make_client: ServiceFactory, faults: FaultInjector, bus_events: BusRecorder
) -> None:
    # covers HTTP-02, HTTP-03, HTTP-05
    # The 500 leaves the wait to the SDK's backoff (attempt 0: 0.375..0.5 s); the 502 and 503
    # name a 10 ms wait, so the burst does not also wait out attempts 1 and 2 (0.75..2 s).
    faults.add(status_rule(CAPABILITIES_ROUTE, 500, first_n=1))
    for status in (502, 503):
        faults.add(status_rule(CAPABILITIES_ROUTE, status, first_n=1, retry_after_ms="10"))
    capabilities_ok(make_client())
    assert requests_to(faults, CAPABILITIES_ROUTE) == 3 + 1
    assert [rule["fired"] for rule in faults.stats()["rules"]] == [1, 1, 1]
    events = bus_events.http(CAPABILITIES_ROUTE)
    rejected = next(e for e in events if e.name == bus.HTTP_REQUEST_STOP and e.metadata["status"] == 500)
    retried = next(e for e in events if e.name == bus.HTTP_REQUEST_START and e.at > rejected.at)
    assert retried.at - rejected.at >= 0.375 - 0.01  # asyncio may wake a timer 10 ms early


def test_retry_count_header_and_final_error_when_budget_runs_out(
    make_client: ServiceFactory, faults: FaultInjector, bus_events: BusRecorder
) -> None:
    # covers HTTP-02 (only max_retries limits retries), HTTP-05, HTTP-21
    faults.add(status_rule(CAPABILITIES_ROUTE, 503, retry_after_ms="10"))
    client = make_client(max_retries=2)
    with pytest.raises(tinkex.InternalServerError) as caught:
        client.get_server_capabilities()
    assert caught.value.status_code == 503
    assert requests_to(faults, CAPABILITIES_ROUTE) == 3
    stops = [e for e in bus_events.http(CAPABILITIES_ROUTE) if e.name == bus.HTTP_REQUEST_STOP]
    assert [e.metadata["retry_count"] for e in stops] == [0, 1, 2]
    assert all(e.metadata["result"] == "error" for e in stops)


def test_x_should_retry_false_forbids_retrying_a_500(
    make_client: ServiceFactory, faults: FaultInjector
) -> None:
    # covers HTTP-02
    faults.add(status_rule(CAPABILITIES_ROUTE, 500, first_n=1, x_should_retry="false"))
    with pytest.raises(tinkex.InternalServerError):
        make_client().get_server_capabilities()
    assert requests_to(faults, CAPABILITIES_ROUTE) == 1


def test_x_should_retry_true_forces_retrying_a_400(
    make_client: ServiceFactory, faults: FaultInjector
) -> None:
    # covers HTTP-02
    faults.add(status_rule(CAPABILITIES_ROUTE, 400, first_n=1, x_should_retry="true", retry_after_ms="10"))
    capabilities_ok(make_client())
    assert requests_to(faults, CAPABILITIES_ROUTE) == 2


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, tinkex.BadRequestError), (422, tinkex.UnprocessableEntityError), (404, tinkex.NotFoundError)],
)
def test_user_errors_are_not_retried(
    make_client: ServiceFactory, faults: FaultInjector, status: int, error: type[Exception]
) -> None:
    # covers HTTP-02, HTTP-21, HTTP-22
    body = {"detail": f"bad input ({status})", "category": "user"}
    faults.add(
        FaultRule(
            StatusAction(status, body=body), FaultMatch(route=CAPABILITIES_ROUTE), FaultWindow(first_n=1)
        )
    )
    with pytest.raises(error) as caught:
        make_client().get_server_capabilities()
    assert requests_to(faults, CAPABILITIES_ROUTE) == 1
    assert tinkex.is_user_error(caught.value)
    assert not tinkex.is_retryable(caught.value)


@pytest.mark.parametrize("status", [408, 409])
def test_408_and_409_are_retried(make_client: ServiceFactory, faults: FaultInjector, status: int) -> None:
    # covers HTTP-02, HTTP-06
    faults.add(status_rule(CAPABILITIES_ROUTE, status, first_n=2, retry_after_ms="10"))
    capabilities_ok(make_client())
    assert requests_to(faults, CAPABILITIES_ROUTE) == 3


def test_dropped_connection_is_retried(
    make_client: ServiceFactory, faults: FaultInjector, bus_events: BusRecorder
) -> None:
    # covers HTTP-07
    faults.add(FaultRule(DropAction(), FaultMatch(route=CAPABILITIES_ROUTE), FaultWindow(first_n=1)))
    capabilities_ok(make_client())
    assert requests_to(faults, CAPABILITIES_ROUTE) == 2
    names = [e.name for e in bus_events.http(CAPABILITIES_ROUTE)]
    assert bus.HTTP_REQUEST_EXCEPTION in names  # the truncated reply surfaced as a transport error


def test_dropped_connection_without_retries_is_a_connection_error(
    make_client: ServiceFactory, faults: FaultInjector
) -> None:
    # covers HTTP-07
    faults.add(FaultRule(DropAction(), FaultMatch(route=CAPABILITIES_ROUTE)))
    with pytest.raises(tinkex.APIConnectionError) as caught:
        make_client(max_retries=0).get_server_capabilities()
    assert getattr(caught.value, "status_code", None) is None
    assert tinkex.is_retryable(caught.value)
