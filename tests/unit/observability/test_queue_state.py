"""Queue states, observer adapters, the throttled warning logger and change tracking."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import pytest

from tinkex.queue_state import (
    QueueState,
    QueueStateLogger,
    QueueStateObserver,
    QueueStateTracker,
    adapt_observer,
    resolve_reason,
)
from tinkex.telemetry.events import QUEUE_STATE_CHANGE, EventBus, EventName, Measurements, Metadata

LOGGER = "tinkex.queue_state"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def warnings_in(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]


def test_queue_state_is_an_open_enum() -> None:
    # covers FUT-08, TYP-36 (case-insensitive parse, anything else -> unknown)
    assert QueueState("active") is QueueState.ACTIVE
    assert QueueState("paused_capacity") is QueueState.PAUSED_CAPACITY
    assert QueueState("paused_rate_limit") is QueueState.PAUSED_RATE_LIMIT
    assert QueueState("PAUSED_CAPACITY") is QueueState.PAUSED_CAPACITY
    assert QueueState("paused_for_lunch") is QueueState.UNKNOWN
    assert QueueState.parse(None) is QueueState.UNKNOWN
    assert QueueState.parse(42) is QueueState.UNKNOWN
    assert isinstance(QueueState.ACTIVE, str)
    assert f"{QueueState.PAUSED_CAPACITY}" == "paused_capacity"


def test_parse_accepts_the_official_sdk_enum() -> None:
    import tinker.lib.api_future_impl as official

    assert QueueState.parse(official.QueueState.PAUSED_RATE_LIMIT) is QueueState.PAUSED_RATE_LIMIT


@pytest.mark.parametrize(
    ("kind", "state", "expected"),
    [
        ("training", QueueState.PAUSED_RATE_LIMIT, "concurrent training clients rate limit hit"),
        ("sampling", QueueState.PAUSED_RATE_LIMIT, "concurrent sampler weights limit hit"),
        ("training", QueueState.PAUSED_CAPACITY, "Tinker backend is running short on capacity, please wait"),
        ("sampling", QueueState.PAUSED_CAPACITY, "Tinker backend is running short on capacity, please wait"),
        ("sampling", QueueState.UNKNOWN, "unknown"),
    ],
)
def test_default_reasons(kind: Any, state: QueueState, expected: str) -> None:
    # covers FUT-11, OVR-28
    assert resolve_reason(kind, state) == expected
    assert resolve_reason(kind, state, "   ") == expected
    assert resolve_reason(kind, state, "server says wait") == "server says wait"


def test_logger_wording_and_nothing_for_active(caplog: pytest.LogCaptureFixture) -> None:
    # covers FUT-11, D-07
    sampling = QueueStateLogger("sampling", "sampler-7", clock=FakeClock())
    training = QueueStateLogger("training", "model-3", clock=FakeClock())
    creation = QueueStateLogger("training", "Qwen/Qwen3-8B", label="Model creation", clock=FakeClock())

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        sampling.on_queue_state_change(QueueState.ACTIVE)
        sampling.on_queue_state_change(QueueState.PAUSED_RATE_LIMIT)
        training.on_queue_state_change("paused_capacity", "maintenance window")
        creation.on_queue_state_change(QueueState.PAUSED_RATE_LIMIT, None)

    assert warnings_in(caplog) == [
        "Sampling is paused for sampler-7. Reason: concurrent sampler weights limit hit",
        "Training is paused for model-3. Reason: maintenance window",
        "Model creation is paused for Qwen/Qwen3-8B. Reason: concurrent training clients rate limit hit",
    ]


def test_missing_identifier_is_shown_as_unknown(caplog: pytest.LogCaptureFixture) -> None:
    # covers FUT-12
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        QueueStateLogger("training", None, clock=FakeClock()).on_queue_state_change(
            QueueState.PAUSED_CAPACITY
        )
    assert warnings_in(caplog) == [
        "Training is paused for unknown. Reason: Tinker backend is running short on capacity, please wait"
    ]


def test_logger_debounces_the_same_state_within_the_interval(caplog: pytest.LogCaptureFixture) -> None:
    # covers FUT-11
    clock = FakeClock()
    log = QueueStateLogger("training", "m", interval=60.0, clock=clock)

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        log.on_queue_state_change(QueueState.PAUSED_CAPACITY)
        clock.now += 59.9
        log.on_queue_state_change(QueueState.PAUSED_CAPACITY)
        log.on_queue_state_change(QueueState.ACTIVE)
        log.on_queue_state_change(QueueState.PAUSED_CAPACITY)  # still within 60 s of the last warning
        clock.now += 0.1
        log.on_queue_state_change(QueueState.PAUSED_CAPACITY)  # 60 s later: repeated
        clock.now += 1
        log.on_queue_state_change(QueueState.PAUSED_RATE_LIMIT)  # a different pause is news

    assert [m.split("Reason: ")[1] for m in warnings_in(caplog)] == [
        "Tinker backend is running short on capacity, please wait",
        "Tinker backend is running short on capacity, please wait",
        "concurrent training clients rate limit hit",
    ]


def test_logger_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="kind"):
        QueueStateLogger("inference", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="interval"):
        QueueStateLogger("training", "x", interval=-1)


def test_logger_satisfies_the_observer_protocol() -> None:
    # covers FUT-10
    assert isinstance(QueueStateLogger("training", "m"), QueueStateObserver)


class OfficialStyleObserver:
    """The official SDK's observer signature: (queue_state, queue_state_reason)."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def on_queue_state_change(self, queue_state: QueueState, queue_state_reason: str | None) -> None:
        self.calls.append((queue_state, queue_state_reason))


def test_adapters_for_one_two_and_three_argument_observers() -> None:
    # covers FUT-08, FUT-10
    one: list[Any] = []
    three: list[Any] = []
    star: list[Any] = []
    official = OfficialStyleObserver()

    def three_args(state: QueueState, reason: str | None, metadata: Mapping[str, Any]) -> None:
        three.append((state, reason, dict(metadata)))

    def variadic(*args: Any) -> None:
        star.append(args)

    meta = {"request_id": "r1"}
    adapt_observer(one.append)(QueueState.PAUSED_CAPACITY, "why", meta)
    adapt_observer(official)(QueueState.PAUSED_CAPACITY, "why", meta)
    adapt_observer(three_args)(QueueState.PAUSED_CAPACITY, "why", meta)
    adapt_observer(variadic)(QueueState.PAUSED_CAPACITY, "why", meta)
    adapt_observer(lambda state: one.append(("lambda", state)))(QueueState.ACTIVE, None, meta)

    assert one == [QueueState.PAUSED_CAPACITY, ("lambda", QueueState.ACTIVE)]
    assert official.calls == [(QueueState.PAUSED_CAPACITY, "why")]
    assert three == [(QueueState.PAUSED_CAPACITY, "why", meta)]
    assert star == [(QueueState.PAUSED_CAPACITY, "why", meta)]


def test_adapter_rejects_things_that_cannot_observe() -> None:
    with pytest.raises(TypeError, match="queue_state_observer"):
        adapt_observer(42)
    with pytest.raises(TypeError, match="1 to 3"):
        adapt_observer(lambda: None)


def test_tracker_reports_only_changes_on_bus_and_observer() -> None:
    # covers FUT-08
    bus = EventBus()
    events: list[tuple[EventName, dict[str, Any]]] = []

    def record(name: EventName, measurements: Measurements, metadata: Metadata) -> None:
        events.append((name, dict(metadata)))

    bus.subscribe(QUEUE_STATE_CHANGE, record)
    observer = OfficialStyleObserver()
    tracker = QueueStateTracker(observer, bus=bus, metadata={"request_id": "req-1", "model_id": "m"})

    changes = [
        tracker.update("active"),
        tracker.update("active"),
        tracker.update("paused_capacity", "busy", {"iteration": 3}),
        tracker.update(QueueState.PAUSED_CAPACITY, "still busy"),
        tracker.update(None),  # the reply had no state at all
        tracker.update("active"),
    ]

    assert changes == [True, False, True, False, False, True]
    assert tracker.state is QueueState.ACTIVE
    assert observer.calls == [
        (QueueState.ACTIVE, None),
        (QueueState.PAUSED_CAPACITY, "busy"),
        (QueueState.ACTIVE, None),
    ]
    assert [name for name, _ in events] == [QUEUE_STATE_CHANGE] * 3
    assert events[1][1] == {
        "request_id": "req-1",
        "model_id": "m",
        "iteration": 3,
        "queue_state": "paused_capacity",
        "queue_state_reason": "busy",
    }


def test_tracker_initial_state_counts_as_previous() -> None:
    calls: list[QueueState] = []
    tracker = QueueStateTracker(calls.append, bus=None, initial=QueueState.ACTIVE)
    assert tracker.update("active") is False
    assert tracker.update("paused_rate_limit") is True
    assert calls == [QueueState.PAUSED_RATE_LIMIT]


def test_failing_observer_is_logged_and_ignored(caplog: pytest.LogCaptureFixture) -> None:
    # covers FUT-08
    def broken(state: QueueState) -> None:
        raise RuntimeError("observer bug")

    tracker = QueueStateTracker(broken, bus=None)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert tracker.update("paused_capacity") is True

    assert "Queue state observer failed on paused_capacity" in caplog.text


def test_tracker_feeding_the_logger_end_to_end(caplog: pytest.LogCaptureFixture) -> None:
    # covers FUT-08, FUT-11, FUT-12
    clock = FakeClock()
    tracker = QueueStateTracker(QueueStateLogger("sampling", "sampler-1", clock=clock), bus=None)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        for state in ["active", "paused_rate_limit", "paused_rate_limit", "active", "paused_rate_limit"]:
            tracker.update(state)

    # The second pause comes within 60 s of the first warning, so only one line is printed.
    assert warnings_in(caplog) == [
        "Sampling is paused for sampler-1. Reason: concurrent sampler weights limit hit"
    ]
