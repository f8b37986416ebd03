"""The fault campaign: under each fault mix the seeded training run and the sampling fan-out
must reproduce the fault-free run exactly — nothing lost, nothing applied twice, nothing hung.

Training and sampling run at the same time through the fault proxy against one campaign
server; server rules and the proxy schedule are swapped between mixes.

Also here, because it is compared with the same fault-free run (built once per worker): a
server restart in the middle of a training run, seen through the fault proxy. The server keeps
futures, models and sessions in memory, so a restart loses them: futures in flight must then
fail with a clear error within their deadline (never hang), the old clients must fail fast, and
the checkpoints written before the restart must load — training resumed from one ends
bit-identical to the uninterrupted fault-free run.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from tinkex.errors import APIStatusError
from tinkex.futures import APIFuture
from tinkex.server.faults_rules import AcceptThenDropAction, FaultMatch, FaultRule, FutureFault

from ._mixes import FORWARD_BACKWARD, OPTIM_STEP, FaultMix, bounded_mixes
from ._proxy import LoopbackProxy
from ._workload import (
    MODEL,
    PROBE_DATA,
    CampaignSettings,
    Tally,
    collect_samples,
    create_trainer,
    new_service,
    run_training,
    sample_request,
    settings_from_env,
    submit_samples,
)
from .conftest import Baseline, CampaignReport

MIXES = bounded_mixes(settings_from_env().long)


def _first_difference(left: list[float], right: list[float]) -> str:
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        if a != b:
            return f"step {index}: {a!r} != {b!r}"
    return f"lengths {len(left)} != {len(right)}"


def _dedupe_hits(stats: dict[str, Any], route: str) -> int:
    by_type: dict[str, int] = stats["dedupe_hits_by_type"]
    if route == FORWARD_BACKWARD:  # the final probe (a forward) shares the route
        return int(by_type.get("forward_backward", 0) + by_type.get("forward", 0))
    return int(by_type.get(route.rsplit("/", 1)[-1], 0))


def _lost_replies(mix: FaultMix, stats: dict[str, Any], proxy_stats: dict[str, Any], route: str) -> int:
    """Requests on ``route`` the server ran but whose reply never reached the client."""
    dropped = sum(
        int(fired["fired"])
        for rule, fired in zip(mix.rules, stats["rules"], strict=True)
        if isinstance(rule.action, AcceptThenDropAction) and rule.match.route == route
    )
    return dropped + int(proxy_stats["injected_by_path"].get(route, 0))


@pytest.mark.timeout(600)
@pytest.mark.parametrize("mix", MIXES, ids=[mix.name for mix in MIXES])
def test_fault_mix_reproduces_the_fault_free_run(
    mix: FaultMix,
    campaign_server: Any,
    proxy: LoopbackProxy,
    baseline: Baseline,
    campaign_settings: CampaignSettings,
    campaign_report: CampaignReport,
) -> None:
    # covers HTTP-02, HTTP-03, HTTP-06, FUT-03, SMP-09, TRN-03 (retries, polling, back-pressure, seq_id dedupe)
    settings = campaign_settings
    faults = campaign_server.faults
    faults.reset()
    proxy.reset_stats()
    for rule in mix.rules:
        faults.add(rule)
    proxy.set_schedule(*mix.proxy)
    tally = Tally()
    started = time.monotonic()
    service = new_service(proxy.url, settings, **mix.client)
    try:
        sampler = tally.call(lambda: service.create_sampling_client(base_model=MODEL), settings.wait_s)
        futures = submit_samples(sampler, settings.samples)
        run = run_training(service, settings, tally)
        fan_out = collect_samples(sampler, futures, settings, tally)
        stats = faults.stats()
        proxy_stats = proxy.stats()
        # read while the session is open: the server releases a finished session's models
        server_steps = campaign_server.context.models[run.model_id].trainable.step
    finally:
        faults.clear()
        proxy.set_schedule()
        service.close().result(timeout=60)
    expected = baseline.fan_out.tokens
    lost = sum(tokens is None for tokens in fan_out.tokens)
    misplaced = sum(t is not None and t != e for t, e in zip(fan_out.tokens, expected, strict=True))
    rule_fired = [rule["fired"] for rule in stats["rules"]]
    proxy_injected = sum(proxy_stats["injected"].values())
    campaign_report.add(
        {
            "name": mix.name,
            "kinds": list(mix.kinds),
            "faults_injected": sum(rule_fired) + proxy_injected,
            "server_faults_by_rule": rule_fired,
            "proxy_faults": proxy_stats["injected"],
            "proxy_connections": proxy_stats["connections"],
            "proxy_exchanges": proxy_stats["exchanges"],
            "requests_at_server": sum(stats["requests"].values()),
            "steps_completed": run.steps_completed,
            "samples_requested": settings.samples,
            "samples_returned": len(fan_out.tokens) - lost,
            "results_lost": lost,
            "duplicates": max(server_steps - settings.steps, 0) + misplaced,
            "hangs": tally.hangs,
            "dedupe_hits": stats["dedupe_hits"],
            "whole_call_retries": tally.whole_call_retries,
            "wall_s": round(time.monotonic() - started, 1),
        }
    )

    # The mix really injected every fault it names.
    assert all(fired > 0 for fired in rule_fired), f"rules that never fired: {stats['rules']}"
    if mix.proxy:
        assert proxy_injected > 0, proxy_stats
    # Nothing hung, nothing was lost, nothing arrived twice or out of order.
    assert tally.hangs == 0
    assert fan_out.failures == [], fan_out.failures[:5]
    assert lost == 0 and misplaced == 0
    # Every step applied exactly once: the server counted one optimizer step per training step,
    # and every loss and the final weights (seen through their logprobs) match the fault-free run
    # bit for bit.
    assert run.steps_completed == settings.steps
    assert server_steps == settings.steps
    assert run.losses == baseline.training.losses, _first_difference(run.losses, baseline.training.losses)
    for got, want in zip(run.final_logprobs, baseline.training.final_logprobs, strict=True):
        assert np.array_equal(got, want)
    # A training POST whose reply was lost is retried with its seq_id and answered from the
    # server's dedupe index: exactly one dedupe hit per lost reply, and none otherwise.
    for route in (FORWARD_BACKWARD, OPTIM_STEP):
        hits, lost_replies = _dedupe_hits(stats, route), _lost_replies(mix, stats, proxy_stats, route)
        if mix.dedupe_check == "exact":
            assert hits == lost_replies, (route, stats, proxy_stats)
        elif mix.dedupe_check == "at_least":
            assert hits >= lost_replies, (route, stats, proxy_stats)


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
