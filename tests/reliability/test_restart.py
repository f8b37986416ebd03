"""A server restart in the middle of a training run, seen through the fault proxy.

The server keeps futures, models and sessions in memory, so a restart loses them: futures in
flight must then fail with a clear error within their deadline (never hang), the old clients
must fail fast, and the checkpoints written before the restart must load — training resumed
from one ends bit-identical to the uninterrupted fault-free run.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from tinkex.errors import APIStatusError
from tinkex.futures import APIFuture
from tinkex.server.faults_rules import FaultMatch, FaultRule, FutureFault

from ._proxy import LoopbackProxy
from ._workload import (
    PROBE_DATA,
    CampaignSettings,
    Tally,
    create_trainer,
    new_service,
    run_training,
    sample_request,
)
from .conftest import Baseline, CampaignReport

# Futures of the first server never complete (their completion is held back past the restart).
HELD_BACK_S = 600.0
# The SDK's deadline for every future in this test; in-flight futures must fail well before it.
RESTART_FUTURE_TIMEOUT = 60.0


@pytest.fixture
def restart_proxy(server_factory: Any, tmp_path: Any) -> Iterator[tuple[Any, LoopbackProxy]]:
    server = server_factory.start(data_dir=tmp_path / "data")
    proxy = LoopbackProxy(server.host, server.port).start()
    yield server, proxy
    proxy.stop()


def _wait_until(condition: Any, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the server never saw the in-flight requests"
        time.sleep(0.01)


@pytest.mark.timeout(300)
def test_restart_mid_run_fails_in_flight_futures_and_keeps_checkpoints(
    restart_proxy: tuple[Any, LoopbackProxy],
    server_factory: Any,
    baseline: Baseline,
    campaign_settings: CampaignSettings,
    campaign_report: CampaignReport,
) -> None:
    # covers FUT-03, TRN-07, TRN-08, SMP-01 (deadlines, save/load state, sampling from saved weights)
    settings = campaign_settings
    server, proxy = restart_proxy
    half = settings.steps // 2
    tally = Tally()
    first = new_service(proxy.url, settings, future_timeout=RESTART_FUTURE_TIMEOUT)
    trainer = create_trainer(first, settings, tally)
    before = run_training(first, settings, tally, steps=range(half), client=trainer)
    checkpoint = tally.wait(trainer.save_state("restart-mid"), settings.wait_s).path
    sampler_path = tally.wait(trainer.save_weights_for_sampler("restart-mid-sampler"), settings.wait_s).path
    sampler = tally.wait(first.create_sampling_client(model_path=sampler_path), settings.wait_s)
    prompt, params = sample_request(7)
    tokens_before = list(tally.wait(sampler.sample(prompt, 1, params), settings.wait_s).sequences[0].tokens)

    # Two requests in flight at the restart: the server accepted them, their results never come.
    held = FutureFault(complete_delay_s=HELD_BACK_S)
    for request_type in ("forward_backward", "sample"):
        server.faults.add(FaultRule(action=held, match=FaultMatch(request_type=request_type)))
    in_flight: list[APIFuture[Any]] = [
        trainer.forward_backward(PROBE_DATA[:2], "cross_entropy"),
        sampler.sample(prompt, 1, params),
    ]
    _wait_until(
        lambda: server.faults.stats()["rules"][0]["fired"] + server.faults.stats()["rules"][1]["fired"] == 2
    )

    port, data_dir = server.port, server.data_dir
    requests_before = sum(server.faults.stats()["requests"].values())
    server.stop()
    restarted_at = time.monotonic()
    restarted = server_factory.start(port=port, data_dir=data_dir)

    # In-flight futures fail with a clear error, well within their deadline.
    for future in in_flight:
        with pytest.raises(APIStatusError) as failure:
            tally.wait(future, settings.wait_s)
        assert failure.value.status_code == 404
        assert "earlier server run" in str(failure.value)
    assert time.monotonic() - restarted_at < RESTART_FUTURE_TIMEOUT
    # The old client fails fast and says how to recover.
    with pytest.raises(APIStatusError, match="load a saved checkpoint"):
        tally.wait(trainer.forward(PROBE_DATA[:2], "cross_entropy"), settings.wait_s)
    first.close().result(timeout=60)  # finishing the lost session must not fail or hang

    # The checkpoints survived: resume from the saved state and finish the run.
    second = new_service(proxy.url, settings)
    try:
        resumed = tally.wait(
            second.create_training_client_from_state_with_optimizer(checkpoint), settings.wait_s
        )
        after = run_training(second, settings, tally, steps=range(half, settings.steps), client=resumed)
        restored_sampler = tally.wait(second.create_sampling_client(model_path=sampler_path), settings.wait_s)
        tokens_after = list(
            tally.wait(restored_sampler.sample(prompt, 1, params), settings.wait_s).sequences[0].tokens
        )
    finally:
        second.close().result(timeout=60)

    campaign_report.add(
        {
            "name": "server restart mid-run",
            "kinds": ["server stopped and restarted on the same port and data dir"],
            "faults_injected": 1,
            "requests_at_server": requests_before + sum(restarted.faults.stats()["requests"].values()),
            "steps_completed": before.steps_completed + after.steps_completed,
            "in_flight_failed_clearly": len(in_flight),
            "results_lost": 0,
            "duplicates": 0,
            "hangs": tally.hangs,
            "dedupe_hits": 0,
            "whole_call_retries": tally.whole_call_retries,
        }
    )
    assert tally.hangs == 0
    assert tokens_after == tokens_before
    # No step lost or applied twice across the restart: the same losses and final weights as
    # the uninterrupted fault-free run.
    assert before.losses + after.losses == baseline.training.losses
    for got, want in zip(after.final_logprobs, baseline.training.final_logprobs, strict=True):
        assert np.array_equal(got, want)
