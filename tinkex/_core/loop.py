"""The one background event loop that does all of tinkex's I/O.

Sync methods hand coroutines to this loop and get concurrent futures back; async callers
await the same coroutines. One loop per process keeps connection pools, heartbeats and
polling on a single thread, so there is no cross-loop sharing of httpx clients.

At interpreter exit the loop is wound down, not abandoned: every task still pending is
cancelled and awaited (bounded), async generators are finalized and the loop is closed. A
loop that is merely stopped leaves its tasks to the garbage collector, which prints "Task was
destroyed but it is pending" and "Event loop is closed" for each of them.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
_thread: threading.Thread | None = None
# Operations handed to the loop by ``submit`` and not finished yet: what "pending calls" means
# at exit (cancelled first, so nothing runs against pools that are being closed).
_inflight: set[concurrent.futures.Future[Any]] = set()
_inflight_lock = threading.Lock()
SHUTDOWN_TIMEOUT = 5.0


def _run_forever(loop: asyncio.AbstractEventLoop, ready: threading.Event) -> None:
    asyncio.set_event_loop(loop)
    ready.set()
    loop.run_forever()


def get_loop() -> asyncio.AbstractEventLoop:
    """Start the background loop on first use and return it."""
    global _loop, _thread
    with _lock:
        if _loop is not None and not _loop.is_closed() and _thread is not None and _thread.is_alive():
            return _loop
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        thread = threading.Thread(target=_run_forever, args=(loop, ready), name="tinkex-loop", daemon=True)
        thread.start()
        ready.wait()
        _loop, _thread = loop, thread
        return loop


def is_running() -> bool:
    """Whether the background loop exists and runs (it is never started just to ask)."""
    loop = _loop
    return loop is not None and loop.is_running()


def in_loop_thread() -> bool:
    """True when called from the SDK's own loop thread (where blocking would deadlock)."""
    return _thread is not None and threading.current_thread() is _thread


def submit(coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
    """Schedule ``coro`` on the background loop from any thread."""
    return track(asyncio.run_coroutine_threadsafe(coro, get_loop()))


def track(future: concurrent.futures.Future[T]) -> concurrent.futures.Future[T]:
    """Count ``future`` (an operation running on the loop) as pending until it finishes."""
    with _inflight_lock:
        _inflight.add(future)
    future.add_done_callback(_forget)
    return future


def _forget(future: concurrent.futures.Future[Any]) -> None:
    with _inflight_lock:
        _inflight.discard(future)


def cancel_pending() -> int:
    """Cancel every operation handed to the loop that has not finished; returns how many."""
    with _inflight_lock:
        pending = list(_inflight)
    return sum(1 for future in pending if future.cancel())


def wait_interruptibly(future: concurrent.futures.Future[T], timeout: float | None) -> T:
    """``future.result(timeout)``; Ctrl-C cancels the operation behind it, then propagates."""
    try:
        return future.result(timeout)
    except KeyboardInterrupt:
        future.cancel()  # the loop cancels the task: its requests stop, its cleanup runs
        raise


def run_sync(coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
    """Run ``coro`` on the background loop and block for its result."""
    if in_loop_thread():
        coro.close()
        raise RuntimeError(
            "a blocking tinkex call was made from tinkex's own event loop thread; "
            "use the async variant (await ...) inside callbacks that run on that loop"
        )
    return wait_interruptibly(submit(coro), timeout)


async def run_on_loop(coro: Coroutine[Any, Any, T]) -> T:
    """Await ``coro`` on the background loop, which owns the HTTP pools, from any event loop
    (at once when already on it)."""
    if in_loop_thread():
        return await coro
    return await asyncio.wrap_future(submit(coro))


async def _wind_down(timeout: float) -> None:
    """Cancel every other task on this loop and wait for them (bounded), then finalize async
    generators. Tasks that outlive the bound are marked so the collector does not report them."""
    current = asyncio.current_task()
    tasks = [task for task in asyncio.all_tasks() if task is not current and not task.done()]
    for task in tasks:
        task.cancel()
    if tasks:
        _, stuck = await asyncio.wait(tasks, timeout=timeout)
        for task in stuck:
            # asyncio's own switch for tasks that are abandoned on purpose (gather uses it too).
            task._log_destroy_pending = False  # type: ignore[attr-defined]
    await asyncio.get_running_loop().shutdown_asyncgens()


def _shutdown() -> None:
    global _loop, _thread
    with _lock:
        loop, thread = _loop, _thread
        _loop = _thread = None
    if loop is None or loop.is_closed():
        return
    if loop.is_running():
        cancel_pending()
        wound = asyncio.run_coroutine_threadsafe(_wind_down(SHUTDOWN_TIMEOUT), loop)
        try:
            wound.result(SHUTDOWN_TIMEOUT + 1.0)
        except BaseException:  # exit goes on whatever happened; nothing here may print
            wound.cancel()
        loop.call_soon_threadsafe(loop.stop)
    if thread is not None:
        thread.join(timeout=SHUTDOWN_TIMEOUT)
    if thread is None or not thread.is_alive():
        loop.close()


atexit.register(_shutdown)
