"""Start at most ``limit`` operations at once; the rest wait as plain records (issue 8: memory).

An RL fan-out submits thousands of ``sample`` calls in one go while only so many may be in
flight. Started as tasks that wait on a semaphore, each queued call costs a task, a suspended
coroutine chain and a semaphore waiter (about 2 KiB) before it has done anything. Here a call
that cannot start yet is one tuple in a deque (the future the caller holds, the coroutine
function and its arguments); its coroutine is only created when a running one finishes.

The caller's ``concurrent.futures.Future`` behaves as ``asyncio.run_coroutine_threadsafe``'s:
it stays pending until the operation ends, so ``cancel()`` works at any time — a queued call
is then dropped unstarted, a running one has its task cancelled on the loop.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections import deque
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any, TypeVar

from . import loop as _loop

T = TypeVar("T")

_Record = tuple["concurrent.futures.Future[Any]", Callable[..., Coroutine[Any, Any, Any]], tuple[Any, ...]]


class Admission:
    """Runs coroutine functions on tinkex's loop, at most ``limit`` at a time (``None``: no limit)."""

    def __init__(self, limit: int | None) -> None:
        if limit is not None and limit < 1:
            raise ValueError(f"limit must be >= 1 or None, got {limit!r}")
        self.limit = limit
        self._queued: deque[_Record] = deque()
        self._lock = threading.Lock()  # guards ``_kick_scheduled`` against callers on other threads
        self._kick_scheduled = False
        self._running = 0  # touched on the loop thread only

    @property
    def running(self) -> int:
        return self._running

    @property
    def queued(self) -> int:
        return len(self._queued)

    def submit(
        self, function: Callable[..., Coroutine[Any, Any, T]], *args: Any
    ) -> concurrent.futures.Future[T]:
        """Queue ``function(*args)``; safe from any thread, including the loop's own."""
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        loop = _loop.get_loop()
        with self._lock:
            self._queued.append((future, function, args))
            kick = not self._kick_scheduled
            self._kick_scheduled = True
        if kick:  # one wake-up of the loop for a whole burst of submissions
            loop.call_soon_threadsafe(self._admit)
        return _loop.track(future)  # pending at exit: cancelled before the pools close

    def _admit(self) -> None:
        with self._lock:
            self._kick_scheduled = False
        self._start_queued(asyncio.get_running_loop())

    def _start_queued(self, loop: asyncio.AbstractEventLoop) -> None:
        queued = self._queued
        while queued and (self.limit is None or self._running < self.limit):
            future, function, args = queued.popleft()
            if future.cancelled():
                continue  # cancelled while queued: never started
            task = loop.create_task(function(*args))
            self._running += 1
            task.add_done_callback(partial(self._finished, future))
            future.add_done_callback(partial(_cancel_task, loop, task))

    def _finished(self, future: concurrent.futures.Future[Any], task: asyncio.Task[Any]) -> None:
        self._running -= 1
        _settle(future, task)
        self._start_queued(task.get_loop())


def _settle(future: concurrent.futures.Future[Any], task: asyncio.Task[Any]) -> None:
    """Copy the task's outcome onto the caller's future (as ``run_coroutine_threadsafe`` does)."""
    if task.cancelled():
        future.cancel()
    if not future.set_running_or_notify_cancel():
        return  # cancelled by the caller
    exception = task.exception()
    if exception is not None:
        future.set_exception(exception)
    else:
        future.set_result(task.result())


def _cancel_task(
    loop: asyncio.AbstractEventLoop, task: asyncio.Task[Any], future: concurrent.futures.Future[Any]
) -> None:
    if future.cancelled() and not task.done() and not loop.is_closed():
        loop.call_soon_threadsafe(task.cancel)
