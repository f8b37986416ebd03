"""Interpreter exit and Ctrl-C with calls still pending end without asyncio noise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tinkex.server.faults import FaultInjector, FaultRule

from .conftest import MODEL, ScriptRun

HOLD_SAMPLES = {"match": {"request_type": "sample"}, "action": {"type": "future", "complete_delay_s": 600}}


def hold_samples(local_server: Any) -> None:
    """Samples stay pending on the server (until the rule is cleared after the test)."""
    faults = local_server.faults
    assert isinstance(faults, FaultInjector)
    faults.add(FaultRule.from_json(HOLD_SAMPLES))


def test_rest_only_script_exits_silently(run_script: Callable[..., ScriptRun]) -> None:
    run = run_script(
        """
        import tinkex
        caps = tinkex.RestClient().get_server_capabilities().result()
        print(len(caps.supported_models))
        """,
        TINKER_TELEMETRY="1",  # the reporter's task must be wound down too
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() != "0"
    assert run.stderr == ""


def test_exit_with_calls_pending_is_silent(run_script: Callable[..., ScriptRun], local_server: Any) -> None:
    hold_samples(local_server)
    run = run_script(
        f"""
        import tinkex
        from tinkex import types
        service = tinkex.ServiceClient()
        training = service.create_lora_training_client({MODEL!r}, rank=2).result()
        sampler = service.create_sampling_client(base_model={MODEL!r}).result()
        prompt = types.ModelInput.from_ints([1, 2, 3])
        pending = [sampler.sample(prompt, 1, types.SamplingParams(max_tokens=2)) for _ in range(3)]
        training.save_weights_and_get_sampling_client()  # never waited for
        print("leaving", sum(not f.done() for f in pending))
        """,
        TINKER_TELEMETRY="1",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "leaving 3"
    assert run.stderr == ""


def test_ctrl_c_in_result_raises_keyboard_interrupt_and_cancels(
    run_script: Callable[..., ScriptRun], local_server: Any
) -> None:
    hold_samples(local_server)
    run = run_script(
        f"""
        import tinkex
        from tinkex import types
        service = tinkex.ServiceClient()
        sampler = service.create_sampling_client(base_model={MODEL!r}).result()
        future = sampler.sample(types.ModelInput.from_ints([1, 2, 3]), 1, types.SamplingParams(max_tokens=2))
        try:
            print("ready", flush=True)
            future.result()
        except KeyboardInterrupt:
            print("cancelled" if future.future().cancelled() else "still running", flush=True)
            raise
        """,
        interrupt_after="ready",
    )
    assert run.stdout.split() == ["ready", "cancelled"]
    assert run.returncode != 0
    assert run.noise() == []
    lines = run.stderr.strip().splitlines()
    # A plain KeyboardInterrupt traceback, as the official SDK gives: nothing else.
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-1] == "KeyboardInterrupt"
    assert run.stderr.count("Traceback") == 1


def test_ctrl_c_in_blocking_service_call_is_plain(
    run_script: Callable[..., ScriptRun], local_server: Any
) -> None:
    hold_samples(local_server)
    run = run_script(
        f"""
        import tinkex
        from tinkex import types
        with tinkex.ServiceClient() as service:
            sampler = service.create_sampling_client(base_model={MODEL!r}).result()
            futures = [sampler.sample(types.ModelInput.from_ints([1, 2]), 1, types.SamplingParams(max_tokens=2))
                       for _ in range(4)]
            print("ready", flush=True)
            futures[0].result()
        """,
        interrupt_after="ready",
    )
    assert run.returncode != 0
    assert run.noise() == []
    assert run.stderr.strip().splitlines()[-1] == "KeyboardInterrupt"
