"""The single FIFO worker thread that owns every model and runs every compute job.

One thread means jobs for a model run in the order they were accepted, no model state needs a
lock, and the engine's "call me from one thread" rule holds. JAX releases the GIL while XLA runs,
so the event loop stays responsive meanwhile.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_log = logging.getLogger(__name__)

JobDone = Callable[[Any, BaseException | None], None]


@dataclass
class _Job:
    run: Callable[[], Any]
    done: JobDone


class Worker:
    def __init__(self, name: str = "tinkex-server-worker") -> None:
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._pending = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._thread.start()

    def submit(self, run: Callable[[], Any], done: JobDone) -> None:
        """Queue ``run``; ``done(result, error)`` is called on the worker thread when it finishes."""
        with self._lock:
            self._pending += 1
        self._queue.put(_Job(run, done))

    @property
    def pending(self) -> int:
        """Jobs queued or running (drives sampling back-pressure)."""
        with self._lock:
            return self._pending

    def stop(self, timeout_s: float = 10.0) -> None:
        """Finish the jobs already queued, then end the thread."""
        if self._started:
            self._queue.put(None)
            self._thread.join(timeout_s)

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            result: Any = None
            error: BaseException | None = None
            try:
                result = job.run()
            except BaseException as caught:  # reported through done(); the thread must survive
                error = caught
            finally:
                with self._lock:
                    self._pending -= 1
            try:
                job.done(result, error)
            except Exception:
                _log.exception("worker completion callback failed")
