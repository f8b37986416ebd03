"""``tinkex._core.admission.Admission``: bounded start of operations on tinkex's loop (issue 8).

Covers FUT-01 (futures usable from any thread) and the sampling concurrency limit of
protocol §7.3: at most ``limit`` operations run; queued ones start in submission order,
can be cancelled before they start, and a running one is cancelled through its future.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from typing import Any

import pytest

from tinkex._core import loop as _loop
from tinkex._core.admission import Admission
from tinkex.futures import APIFuture

WAIT = 10.0  # hang guard only


class Gate:
    """Operations that block until the test opens their gate (a loop-side asyncio.Event)."""

    def __init__(self) -> None:
        self.started: list[int] = []
        self.cancelled: list[int] = []
        self.running = 0
        self.most_running = 0
        self._events: dict[int, asyncio.Event] = {}
        self._lock = threading.Lock()

    def _event(self, key: int) -> asyncio.Event:
        with self._lock:
            return self._events.setdefault(key, asyncio.Event())

    async def operation(self, key: int, value: Any) -> Any:
        self.started.append(key)
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            await self._event(key).wait()
        except asyncio.CancelledError:
            self.cancelled.append(key)
            raise
        finally:
            self.running -= 1
        if isinstance(value, BaseException):
            raise value
        return value

    def release(self, key: int) -> None:
        loop = _loop.get_loop()
        loop.call_soon_threadsafe(self._event(key).set)

    def wait_started(self, count: int) -> None:
        _loop.run_sync(_until(lambda: len(self.started) >= count), timeout=WAIT)


async def _until(condition: Any) -> None:
    while not condition():
        await asyncio.sleep(0.001)


def test_no_more_than_limit_run_and_the_rest_start_in_submission_order() -> None:
    gate, admission = Gate(), Admission(3)
    futures = [admission.submit(gate.operation, key, key * 10) for key in range(10)]
    gate.wait_started(3)
    assert gate.started == [0, 1, 2]
    assert admission.queued == 7
    for key in range(10):
        gate.release(key)
        assert futures[key].result(WAIT) == key * 10
    assert gate.started == list(range(10))
    assert gate.most_running == 3
    assert admission.running == 0 and admission.queued == 0


def test_exceptions_reach_the_callers_future() -> None:
    gate, admission = Gate(), Admission(2)
    failing = admission.submit(gate.operation, 1, ValueError("bad sample"))
    gate.release(1)
    with pytest.raises(ValueError, match="bad sample"):
        failing.result(WAIT)
    ok = admission.submit(gate.operation, 2, "fine")
    gate.release(2)
    assert ok.result(WAIT) == "fine"


def test_a_queued_call_cancelled_before_it_starts_never_runs_and_frees_nothing() -> None:
    gate, admission = Gate(), Admission(1)
    first = admission.submit(gate.operation, 1, "a")
    gate.wait_started(1)
    queued = admission.submit(gate.operation, 2, "b")
    third = admission.submit(gate.operation, 3, "c")
    assert queued.cancel()
    gate.release(1)
    gate.release(3)
    assert first.result(WAIT) == "a"
    assert third.result(WAIT) == "c"
    assert 2 not in gate.started
    assert queued.cancelled()


def test_cancelling_a_running_call_cancels_its_task_and_lets_the_next_start() -> None:
    gate, admission = Gate(), Admission(1)
    running = admission.submit(gate.operation, 1, "a")
    gate.wait_started(1)
    waiting = admission.submit(gate.operation, 2, "b")
    assert running.cancel()  # still pending from the caller's side, like run_coroutine_threadsafe
    gate.wait_started(2)
    assert gate.cancelled == [1]
    gate.release(2)
    assert waiting.result(WAIT) == "b"
    with pytest.raises(concurrent.futures.CancelledError):
        running.result(WAIT)


def test_submissions_from_many_threads_and_from_the_loop_itself_all_complete() -> None:
    admission = Admission(4)

    async def double(value: int) -> int:
        await asyncio.sleep(0)
        return 2 * value

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        futures = list(pool.map(lambda v: admission.submit(double, v), range(200)))
    assert [f.result(WAIT) for f in futures] == [2 * v for v in range(200)]

    async def from_loop() -> int:
        return await APIFuture(admission.submit(double, 21))

    assert _loop.run_sync(from_loop(), timeout=WAIT) == 42


def test_no_limit_starts_everything_at_once() -> None:
    gate, admission = Gate(), Admission(None)
    futures = [admission.submit(gate.operation, key, key) for key in range(20)]
    gate.wait_started(20)
    assert admission.queued == 0
    for key in range(20):
        gate.release(key)
    assert [f.result(WAIT) for f in futures] == list(range(20))


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_below_one_is_refused(limit: int) -> None:
    with pytest.raises(ValueError, match="limit"):
        Admission(limit)
