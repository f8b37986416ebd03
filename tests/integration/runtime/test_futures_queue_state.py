"""Future polling against injected future faults: queue states reach user observers and the
debounced logger; a future that never completes times out naming its last queue state
(features FUT-06, FUT-07, FUT-08, FUT-10, FUT-11, FUT-12; DESIGN §5)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

import pytest

import tinkex
from tinkex import types
from tinkex.server.faults import FaultInjector, FaultMatch, FaultRule, FaultWindow, FutureFault
from tinkex.telemetry import events as bus

from .conftest import MODEL, BusRecorder

ServiceFactory = Callable[..., tinkex.ServiceClient]
BOS = 257
# The server's retry hint for each try_again: with none, a paused future is re-polled after 1 s
# (that wait is unit-tested in test_try_again_backoff); the observers and logs checked here
# depend only on the states the polls see, not on how long the SDK waits between them.
RETRY_AFTER_MS = 10


class RecordingObserver:
    """An official-style observer object (``on_queue_state_change(state, reason)``)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: list[tuple[str, str | None]] = []

    def on_queue_state_change(self, queue_state: Any, queue_state_reason: str | None = None) -> None:
        with self.lock:
            self.calls.append((str(queue_state.value), queue_state_reason))


def future_rule(request_type: str, first_n: int, **fault: Any) -> FaultRule:
    fault.setdefault("retry_after_ms", RETRY_AFTER_MS)
    return FaultRule(
        FutureFault(**fault), FaultMatch(request_type=request_type), FaultWindow(first_n=first_n)
    )


def paused_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "is paused for" in r.getMessage()]


def test_sampling_queue_states_reach_user_observers_and_logger_once(
    make_client: ServiceFactory,
    faults: FaultInjector,
    bus_events: BusRecorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # covers FUT-06, FUT-08, FUT-10, FUT-11, FUT-12, LATER-07, SMP-05 (the sampler logs its own futures)
    caplog.set_level(logging.WARNING, logger="tinkex")
    sampler = make_client().create_sampling_client(base_model=MODEL).result(timeout=60)
    observer = RecordingObserver()
    three_args: list[tuple[str, str | None, Mapping[str, Any]]] = []
    sampler.add_queue_state_observer(observer)
    remove = sampler.add_queue_state_observer(lambda s, r, meta: three_args.append((s.value, r, dict(meta))))
    # Two requests paused by the rate limit (3 try_again polls each), then one short of capacity.
    faults.add(future_rule("sample", 2, try_again_count=3, queue_state="paused_rate_limit"))
    faults.add(
        future_rule(
            "sample", 1, try_again_count=2, queue_state="paused_capacity", queue_state_reason="GPUs busy"
        )
    )
    prompt = types.ModelInput.from_ints([BOS])
    params = types.SamplingParams(max_tokens=2, temperature=0.0)

    for _ in range(2):
        assert len(sampler.sample(prompt, 1, params).result(timeout=120).sequences) == 1
    # Six paused polls, but the state changed once: one observer call and one warning.
    assert observer.calls == [("paused_rate_limit", None)]
    assert paused_lines(caplog) == [
        f"Sampling is paused for {sampler.sampling_session_id}. Reason: concurrent sampler weights limit hit"
    ]

    remove()
    sampler.sample(prompt, 1, params).result(timeout=120)
    assert observer.calls == [("paused_rate_limit", None), ("paused_capacity", "GPUs busy")]
    assert [call[:2] for call in three_args] == [("paused_rate_limit", None)]  # removed before the change
    assert three_args[0][2]["sampling_session_id"] == sampler.sampling_session_id
    assert three_args[0][2]["request_id"].startswith("req-")
    assert paused_lines(caplog)[1:] == [
        f"Sampling is paused for {sampler.sampling_session_id}. Reason: GPUs busy"
    ]
    changes = [e.metadata["queue_state"] for e in bus_events.named(bus.QUEUE_STATE_CHANGE)]
    assert changes == ["paused_rate_limit", "paused_capacity"]
    retrieves = faults.stats()["requests"]["POST /api/v1/retrieve_future"]
    assert retrieves >= 3 * 2 + 2 + 3  # every try_again was answered by a re-poll


def test_a_failing_observer_never_breaks_polling(
    make_client: ServiceFactory, faults: FaultInjector, caplog: pytest.LogCaptureFixture
) -> None:
    # covers FUT-08
    sampler = make_client().create_sampling_client(base_model=MODEL).result(timeout=60)

    def broken(state: Any) -> None:
        raise RuntimeError("observer bug")

    sampler.add_queue_state_observer(broken)
    faults.add(future_rule("sample", 1, try_again_count=1, queue_state="paused_capacity"))
    prompt = types.ModelInput.from_ints([BOS])
    result = sampler.sample(prompt, 1, types.SamplingParams(max_tokens=1)).result(timeout=120)
    assert len(result.sequences) == 1
    assert any("Queue state observer failed" in r.getMessage() for r in caplog.records)


def test_never_completing_future_times_out_naming_the_last_queue_state(
    make_client: ServiceFactory, faults: FaultInjector, caplog: pytest.LogCaptureFixture
) -> None:
    # covers FUT-07, FUT-11, DESIGN §5 (no silent hangs)
    caplog.set_level(logging.WARNING, logger="tinkex")
    faults.add(
        future_rule(
            "create_model", 1, try_again_count=1, queue_state="paused_capacity", complete_delay_s=3600.0
        )
    )
    # The deadline is waited out in full; the paused state it names is seen on the first poll,
    # a few ms after the submission.
    client = make_client(future_timeout=1.0)
    pending = client.create_lora_training_client(base_model=MODEL, rank=4)
    # The outer timeout is only a guard: if the SDK hung, this raises a different message.
    with pytest.raises(tinkex.APITimeoutError) as caught:
        pending.result(timeout=60)
    message = str(caught.value)
    assert "did not complete within 1 s" in message
    assert "last queue state: paused_capacity" in message
    assert isinstance(caught.value, TimeoutError)  # FUT-07: also a builtin TimeoutError
    assert any(line.startswith(f"Model creation is paused for {MODEL}") for line in paused_lines(caplog))


def test_failed_future_raises_request_failed_with_its_category(
    make_client: ServiceFactory, faults: FaultInjector
) -> None:
    # covers FUT-05
    faults.add(future_rule("create_model", 1, fail_with=("rank: not supported here", "user")))
    with pytest.raises(tinkex.RequestFailedError) as caught:
        make_client().create_lora_training_client(base_model=MODEL, rank=4).result(timeout=60)
    assert "rank: not supported here" in str(caught.value)
    assert tinkex.is_user_error(caught.value)


def test_training_client_observer_sees_its_queue_states(
    make_client: ServiceFactory, faults: FaultInjector, caplog: pytest.LogCaptureFixture
) -> None:
    # covers FUT-08, FUT-10, FUT-11, FUT-12
    caplog.set_level(logging.WARNING, logger="tinkex")
    training = make_client().create_lora_training_client(base_model=MODEL, rank=4).result(timeout=120)
    seen: list[tuple[str, Mapping[str, Any]]] = []
    training.add_queue_state_observer(lambda state, reason, meta: seen.append((state.value, dict(meta))))
    faults.add(future_rule("optim_step", 1, try_again_count=2, queue_state="paused_rate_limit"))

    training.optim_step(types.AdamParams(learning_rate=1e-3)).result(timeout=120)

    assert [state for state, _ in seen] == ["paused_rate_limit"]
    assert seen[0][1]["model_id"] == training.model_id
    assert paused_lines(caplog) == [
        f"Training is paused for {training.model_id}. Reason: concurrent training clients rate limit hit"
    ]
