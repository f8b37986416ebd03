"""Nothing hangs: faults that never clear end every call with a clear error within its deadline,
and the client stays usable afterwards.

Each test makes one kind of fault permanent, checks the error and how long it took against the
SDK's own deadline (never against a speed), then clears the fault and makes one more call.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest

from tinkex import types
from tinkex.errors import APITimeoutError, InternalServerError
from tinkex.futures import APIFuture
from tinkex.retry_config import RetryConfig
from tinkex.server.faults_rules import FaultMatch, FaultRule, FutureFault, StatusAction

from ._proxy import ConnectionFault, LoopbackProxy, ProxyMode, ProxySchedule
from ._workload import (
    MODEL,
    PROBE_DATA,
    CampaignSettings,
    Tally,
    create_trainer,
    new_service,
    sample_request,
)
from .conftest import CampaignReport

T = TypeVar("T")
# The SDK's deadline for every future of a test's client (config future_timeout), which each
# paused or orphaned future waits out. Setting up the client (creating the model) and the
# follow-up call on a warm server take a small fraction of it, even on a loaded 2-core box.
FUTURE_DEADLINE_S = 2.0
# The sampling progress timeout: a 429 is back-pressure held 1 s per round (an SDK constant),
# so the stuck check fires at the first 429 after this.
PROGRESS_TIMEOUT_S = 1.0
# The stalled-connection test waits this out on every try (the stall itself lasts far longer);
# every unfaulted call of that client, answered by a warm local server, takes a few ms.
STALL_TIMEOUT_S = 1.0
# A server-named wait before each retry of the permanent 503: the retry budget, not the
# backoff's length, is what that test checks; three tries 10 ms apart end well inside a second.
RETRY_AFTER_MS = "10"
RETRY_BUDGET_S = 1.0
# Scheduling slack on a loaded 2-core machine: a deadline is met if the error comes within it.
SLACK_S = 20.0


@pytest.fixture(scope="session")
def warm_server(campaign_server: Any, campaign_settings: CampaignSettings) -> Any:
    """Every program compiled once, so the short deadlines below time only the faults."""
    tally = Tally()
    with new_service(campaign_server.base_url, campaign_settings) as service:
        trainer = create_trainer(service, campaign_settings, tally)
        tally.wait(trainer.forward_backward(PROBE_DATA[:2], "cross_entropy"), campaign_settings.wait_s)
        tally.wait(trainer.optim_step(types.AdamParams(learning_rate=1e-3)), campaign_settings.wait_s)
        tally.wait(trainer.forward(PROBE_DATA[:2], "cross_entropy"), campaign_settings.wait_s)
    return campaign_server


@pytest.fixture
def faults(warm_server: Any, proxy: LoopbackProxy) -> Iterator[Any]:
    campaign_server = warm_server
    campaign_server.faults.reset()
    yield campaign_server.faults
    campaign_server.faults.reset()
    proxy.set_schedule()


def _fails_within(
    tally: Tally, future: APIFuture[T], error: type[Exception], deadline_s: float
) -> tuple[Exception, float]:
    """The error ``future`` ends with, and after how long; a wait past the deadline is a hang."""
    started = time.monotonic()
    with pytest.raises(error) as caught:
        tally.wait(future, deadline_s + SLACK_S)
    # The SDK ended the call itself: this test's own wait did not run out.
    assert future.done() and tally.hangs == 0, f"hung: {caught.value}"
    return caught.value, time.monotonic() - started


def _record(report: CampaignReport, name: str, kind: str, tally: Tally, injected: int) -> None:
    report.add(
        {
            "name": name,
            "kinds": [kind],
            "faults_injected": injected,
            "calls_failed_within_deadline": 1,
            "results_lost": 0,
            "duplicates": 0,
            "hangs": tally.hangs,
        }
    )


def _still_usable(tally: Tally, make: Callable[[], APIFuture[T]], settings: CampaignSettings) -> T:
    return tally.wait(make(), settings.wait_s)


@pytest.mark.timeout(180)
def test_a_future_paused_forever_times_out_naming_its_queue_state(
    faults: Any, proxy: LoopbackProxy, campaign_settings: CampaignSettings, campaign_report: CampaignReport
) -> None:
    # covers FUT-03, FUT-05 (finite deadline, queue state in the error)
    paused = FutureFault(
        try_again_count=10**9, queue_state="paused_capacity", queue_state_reason="campaign pause"
    )
    faults.add(FaultRule(action=paused, match=FaultMatch(request_type="forward_backward")))
    tally = Tally()
    with new_service(proxy.url, campaign_settings, future_timeout=FUTURE_DEADLINE_S) as service:
        trainer = create_trainer(service, campaign_settings, tally)
        error, _ = _fails_within(
            tally,
            trainer.forward_backward(PROBE_DATA[:2], "cross_entropy"),
            APITimeoutError,
            FUTURE_DEADLINE_S,
        )
        assert "paused_capacity" in str(error) and "campaign pause" in str(error)
        faults.clear()
        _still_usable(tally, lambda: trainer.forward(PROBE_DATA[:2], "cross_entropy"), campaign_settings)
    assert tally.hangs == 0
    _record(
        campaign_report,
        "deadline: future paused forever",
        "try_again forever",
        tally,
        faults.stats()["dedupe_hits"] + 1,
    )


@pytest.mark.timeout(180)
def test_a_permanent_server_error_surfaces_after_the_retry_budget(
    faults: Any, proxy: LoopbackProxy, campaign_settings: CampaignSettings, campaign_report: CampaignReport
) -> None:
    # covers HTTP-06 (retry budget), TRN-06
    rule = FaultRule(
        action=StatusAction(status=503, headers={"retry-after-ms": RETRY_AFTER_MS}),
        match=FaultMatch(method="POST", route="/api/v1/optim_step"),
    )
    tally = Tally()
    with new_service(proxy.url, campaign_settings, max_retries=2) as service:
        trainer = create_trainer(service, campaign_settings, tally)
        faults.add(rule)
        error, _ = _fails_within(
            tally,
            trainer.optim_step(types.AdamParams(learning_rate=1e-3)),
            InternalServerError,
            RETRY_BUDGET_S,
        )
        assert error.status_code == 503  # type: ignore[attr-defined]
        fired = faults.stats()["rules"][0]["fired"]
        assert fired == 3  # the first try and max_retries=2 retries, then the error
        faults.clear()
        _still_usable(
            tally, lambda: trainer.optim_step(types.AdamParams(learning_rate=1e-3)), campaign_settings
        )
    assert tally.hangs == 0
    _record(campaign_report, "deadline: permanent 503", "503 on every optim_step", tally, fired)


@pytest.mark.timeout(180)
def test_sampling_back_pressure_forever_gives_up_at_the_progress_timeout(
    faults: Any, proxy: LoopbackProxy, campaign_settings: CampaignSettings, campaign_report: CampaignReport
) -> None:
    # covers SMP-09 (progress timeout also bounds back-pressure)
    rule = FaultRule(
        action=StatusAction(status=429, headers={"retry-after-ms": "10"}),
        match=FaultMatch(method="POST", route="/api/v1/asample"),
    )
    tally = Tally()
    prompt, params = sample_request(1)
    with new_service(proxy.url, campaign_settings) as service:
        sampler = tally.wait(
            service.create_sampling_client(
                base_model=MODEL, retry_config=RetryConfig(progress_timeout=PROGRESS_TIMEOUT_S)
            ),
            campaign_settings.wait_s,
        )
        faults.add(rule)
        error, _ = _fails_within(
            tally, sampler.sample(prompt, 1, params), APITimeoutError, PROGRESS_TIMEOUT_S
        )
        assert "progress" in str(error).lower()
        fired = faults.stats()["rules"][0]["fired"]
        faults.clear()
        _still_usable(tally, lambda: sampler.sample(prompt, 1, params), campaign_settings)
    assert tally.hangs == 0
    _record(campaign_report, "deadline: back-pressure forever", "429 on every asample", tally, fired)


@pytest.mark.timeout(180)
def test_a_stalled_connection_times_out_and_the_retry_goes_through(
    faults: Any, proxy: LoopbackProxy, campaign_settings: CampaignSettings, campaign_report: CampaignReport
) -> None:
    # covers HTTP-02 (timeouts are retried), HTTP-05
    tally = Tally()
    with new_service(proxy.url, campaign_settings, timeout=STALL_TIMEOUT_S, max_retries=2) as service:
        trainer = create_trainer(service, campaign_settings, tally)
        stall = ConnectionFault(ProxyMode.STALL, stall_s=10.0)
        proxy.set_schedule(ProxySchedule((stall,), every=1, route="/api/v1/optim_step"))
        # Every try stalls past the timeout: the call ends with a timeout after two retries.
        budget = 3 * STALL_TIMEOUT_S + 1.5  # three tries and the back-offs between them
        _fails_within(
            tally, trainer.optim_step(types.AdamParams(learning_rate=1e-3)), APITimeoutError, budget
        )
        stalled = int(proxy.stats()["injected_by_path"].get("/api/v1/optim_step", 0))
        assert stalled == 3
        # Only the first try stalls now: the retry goes through, deduplicated by its seq_id.
        proxy.set_schedule(ProxySchedule((stall,), every=1, limit=1, route="/api/v1/optim_step"))
        dedupe_before = faults.stats()["dedupe_hits"]
        _still_usable(
            tally, lambda: trainer.optim_step(types.AdamParams(learning_rate=1e-3)), campaign_settings
        )
        assert faults.stats()["dedupe_hits"] == dedupe_before + 1
    assert tally.hangs == 0
    _record(
        campaign_report,
        "deadline: stalled connection",
        "stall past the timeout, every try",
        tally,
        stalled + 1,
    )


@pytest.mark.timeout(180)
def test_in_flight_futures_of_a_server_that_never_returns_fail_at_their_deadline(
    server_factory: Any, campaign_settings: CampaignSettings, campaign_report: CampaignReport
) -> None:
    # covers FUT-03 (finite deadline while the server is unreachable)
    server = server_factory.start()
    tally = Tally()
    service = new_service(server.base_url, campaign_settings, future_timeout=FUTURE_DEADLINE_S)
    try:
        trainer = create_trainer(service, campaign_settings, tally)
        held = FutureFault(complete_delay_s=600.0)
        server.faults.add(FaultRule(action=held, match=FaultMatch(request_type="forward_backward")))
        pending = trainer.forward_backward(PROBE_DATA[:2], "cross_entropy")
        deadline = time.monotonic() + 30
        while server.faults.stats()["rules"][0]["fired"] == 0:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        server.stop()
        error, _ = _fails_within(tally, pending, APITimeoutError, FUTURE_DEADLINE_S)
        assert "did not complete within" in str(error)
    finally:
        service.close().result(timeout=60)  # the server is gone: closing still ends, quietly
    assert tally.hangs == 0
    _record(campaign_report, "deadline: server gone for good", "server stopped, never restarted", tally, 1)
