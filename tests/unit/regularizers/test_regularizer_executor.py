"""The executor: order kept, bounded concurrency, timeouts, errors (LOSS-13), telemetry (LOSS-17)."""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from tinkex.regularizers import (
    RegularizerError,
    RegularizerSpec,
    RegularizerTimeoutError,
    execute_all,
    telemetry,
)
from tinkex.telemetry import events

LPS = [np.array([-1.0, -2.0], np.float32)]


def _const(value: float) -> Any:
    return lambda data, logprobs: value


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Unblocks abandoned worker threads at the end of a test."""
    event = threading.Event()
    yield event
    event.set()


def test_parallel_keeps_order_when_tasks_finish_out_of_order() -> None:
    # covers LOSS-13
    first_may_finish = threading.Event()

    def slow_first(data: Any, logprobs: Any) -> float:
        assert first_may_finish.wait(10)
        return 1.0

    def fast_second(data: Any, logprobs: Any) -> float:
        first_may_finish.set()  # only reachable when both run at once
        return 2.0

    specs = [
        RegularizerSpec(fn=slow_first, weight=0.5, name="a"),
        RegularizerSpec(fn=fast_second, weight=2.0, name="b"),
    ]
    outputs = execute_all(specs, [], LPS, parallel=True, max_concurrency=2)
    assert [(o.name, o.value, o.contribution) for o in outputs] == [("a", 1.0, 0.5), ("b", 2.0, 4.0)]


def test_concurrency_is_bounded() -> None:
    # covers LOSS-13
    lock = threading.Lock()
    running = [0]
    peak = [0]
    barrier_like = threading.Event()

    def tracked(data: Any, logprobs: Any) -> float:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        barrier_like.wait(0.02)
        with lock:
            running[0] -= 1
        return 0.0

    specs = [RegularizerSpec(fn=tracked, weight=1.0, name=f"r{i}") for i in range(6)]
    assert len(execute_all(specs, [], LPS, max_concurrency=2)) == 6
    assert peak[0] <= 2


def test_sequential_and_parallel_agree() -> None:
    # covers LOSS-13
    specs = [RegularizerSpec(fn=_const(float(i)), weight=0.1 * i, name=f"r{i}") for i in range(4)]
    seq = execute_all(specs, [], LPS, parallel=False, track_grad_norms=True)
    par = execute_all(specs, [], LPS, parallel=True, track_grad_norms=True)
    assert [o.to_dict() for o in seq] == [o.to_dict() for o in par]
    assert execute_all([], [], LPS) == []


def test_sequential_stops_at_the_first_error() -> None:
    # covers LOSS-13
    calls: list[str] = []

    def record(name: str, fail: bool) -> Any:
        def fn(data: Any, logprobs: Any) -> float:
            calls.append(name)
            if fail:
                raise ValueError("boom")
            return 0.0

        return fn

    specs = [
        RegularizerSpec(fn=record("a", False), weight=1.0, name="a"),
        RegularizerSpec(fn=record("b", True), weight=1.0, name="b"),
        RegularizerSpec(fn=record("c", False), weight=1.0, name="c"),
    ]
    with pytest.raises(RegularizerError) as info:
        execute_all(specs, [], LPS, parallel=False)
    assert info.value.name == "b" and isinstance(info.value.__cause__, ValueError)
    assert calls == ["a", "b"]


def test_parallel_error_names_the_regularizer() -> None:
    # covers LOSS-13
    def bad(data: Any, logprobs: Any) -> float:
        raise RuntimeError("nope")

    specs = [
        RegularizerSpec(fn=_const(1.0), weight=1.0, name="ok"),
        RegularizerSpec(fn=bad, weight=1.0, name="bad"),
    ]
    with pytest.raises(RegularizerError, match="'bad' failed: RuntimeError: nope"):
        execute_all(specs, [], LPS, parallel=True)


@pytest.mark.parametrize("parallel", [True, False])
def test_timeout_raises_for_that_regularizer(parallel: bool, release: threading.Event) -> None:
    # covers LOSS-13
    def hang(data: Any, logprobs: Any) -> float:
        release.wait(30)
        return 0.0

    specs = [
        RegularizerSpec(fn=_const(1.0), weight=1.0, name="quick"),
        RegularizerSpec(fn=hang, weight=1.0, name="stuck", timeout=0.05),
    ]
    with pytest.raises(RegularizerTimeoutError) as info:
        execute_all(specs, [], LPS, parallel=parallel, timeout=30.0)
    assert info.value.name == "stuck" and info.value.timeout == 0.05


def test_executor_timeout_applies_when_the_spec_has_none(release: threading.Event) -> None:
    # covers LOSS-13
    spec = RegularizerSpec(fn=lambda d, lp: release.wait(30), weight=1.0, name="slow")
    with pytest.raises(RegularizerTimeoutError):
        execute_all([spec], [], LPS, timeout=0.05)


def test_async_and_future_results_are_awaited() -> None:
    # covers LOSS-09
    async def coro_value() -> float:
        await asyncio.sleep(0)
        return 7.0

    def returns_future(data: Any, logprobs: Any) -> cf.Future[float]:
        fut: cf.Future[float] = cf.Future()
        fut.set_result(8.0)
        return fut

    specs = [
        RegularizerSpec(fn=lambda d, lp: coro_value(), weight=1.0, name="coro"),
        RegularizerSpec(fn=returns_future, weight=1.0, name="future"),
    ]
    assert [o.value for o in execute_all(specs, [], LPS)] == [7.0, 8.0]


def test_values_custom_metrics_and_telemetry() -> None:
    # covers LOSS-11, LOSS-17
    seen: list[tuple[tuple[str, ...], dict[str, Any], dict[str, Any]]] = []
    handler_id = events.subscribe(
        telemetry.EVENTS, lambda name, m, md: seen.append((name, dict(m), dict(md)))
    )
    try:
        spec = RegularizerSpec(
            fn=lambda d, lp: (np.array([1.0, 2.0]), {"extra": np.float32(3.0)}), weight=0.5, name="vec"
        )
        [out] = execute_all([spec], [], LPS, track_grad_norms=False)

        def broken(data: Any, logprobs: Any) -> float:
            raise ValueError("x")

        with pytest.raises(RegularizerError):
            execute_all([RegularizerSpec(fn=broken, weight=1.0, name="broken")], [], LPS)
    finally:
        events.unsubscribe(handler_id)
    assert (out.value, out.contribution, out.custom, out.grad_norm) == (3.0, 1.5, {"extra": 3.0}, None)
    assert "grad_norm" not in out.to_dict()
    names = [name for name, _, _ in seen]
    assert names == [
        telemetry.REGULARIZER_START,
        telemetry.REGULARIZER_STOP,
        telemetry.REGULARIZER_START,
        telemetry.REGULARIZER_EXCEPTION,
    ]
    stop = seen[1]
    assert stop[1]["value"] == 3.0 and stop[1]["contribution"] == 1.5 and stop[2]["regularizer_name"] == "vec"
    assert "ValueError" in seen[3][2]["reason"]
