"""The one background event loop that does all of tinkex's I/O.

Sync methods hand coroutines to this loop and get concurrent futures back; async callers
await the same coroutines. One loop per process keeps connection pools, heartbeats and
polling on a single thread, so there is no cross-loop sharing of httpx clients.
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


def in_loop_thread() -> bool:
    """True when called from the SDK's own loop thread (where blocking would deadlock)."""
    return _thread is not None and threading.current_thread() is _thread


def submit(coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
    """Schedule ``coro`` on the background loop from any thread."""
    return asyncio.run_coroutine_threadsafe(coro, get_loop())


def run_sync(coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
    """Run ``coro`` on the background loop and block for its result."""
    if in_loop_thread():
        coro.close()
        raise RuntimeError(
            "a blocking tinkex call was made from tinkex's own event loop thread; "
            "use the async variant (await ...) inside callbacks that run on that loop"
        )
    return submit(coro).result(timeout)


def _shutdown() -> None:
    global _loop, _thread
    with _lock:
        loop, thread = _loop, _thread
        _loop = _thread = None
    if loop is None or loop.is_closed():
        return
    loop.call_soon_threadsafe(loop.stop)
    if thread is not None:
        thread.join(timeout=5)


atexit.register(_shutdown)
