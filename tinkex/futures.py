"""``APIFuture``: the result of every submitted operation, usable from sync and async code.

Mirrors the official SDK's future: ``.result(timeout)``, ``await future``,
``.result_async(timeout)``, ``.future()`` and ``.coroutine()``, plus ``done()`` and
``cancel()``. The work itself runs on tinkex's background loop (``tinkex._loop``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable, Coroutine, Generator
from typing import Any, Generic, TypeVar

from . import _loop
from .errors import APITimeoutError

T = TypeVar("T")


class APIFuture(Generic[T]):
    """A handle on an operation running on tinkex's background loop."""

    __slots__ = ("_description", "_future")

    def __init__(self, future: concurrent.futures.Future[T], *, description: str = "operation") -> None:
        self._future = future
        self._description = description

    @classmethod
    def submit(cls, coro: Coroutine[Any, Any, T], *, description: str = "operation") -> APIFuture[T]:
        """Start ``coro`` on the background loop now and return its future."""
        return cls(_loop.submit(coro), description=description)

    @classmethod
    def completed(cls, value: T, *, description: str = "operation") -> APIFuture[T]:
        fut: concurrent.futures.Future[T] = concurrent.futures.Future()
        fut.set_result(value)
        return cls(fut, description=description)

    def result(self, timeout: float | None = None) -> T:
        """Block until the result is ready; raise ``APITimeoutError`` after ``timeout`` seconds."""
        if _loop.in_loop_thread() and not self._future.done():
            raise RuntimeError(
                f"{self._description}: .result() was called on tinkex's own event loop thread, "
                "which would deadlock; use `await future` there instead"
            )
        try:
            # Ctrl-C here cancels the operation (its requests and polls stop) and propagates.
            return _loop.wait_interruptibly(self._future, timeout)
        except concurrent.futures.TimeoutError:
            # That is the builtin TimeoutError, which the operation's own APITimeoutError also is:
            # a finished operation gives its own outcome; only a wait that ran out gets this message.
            if self._future.done():
                return self._future.result()
            raise APITimeoutError(f"{self._description} did not complete within {timeout} s") from None

    async def result_async(self, timeout: float | None = None) -> T:
        """Await the result from any event loop; ``timeout`` leaves the operation running."""
        wrapped = asyncio.wrap_future(self._future)
        if timeout is None:
            return await wrapped
        try:
            return await asyncio.wait_for(asyncio.shield(wrapped), timeout)
        except TimeoutError:
            if wrapped.done():  # the operation's own outcome, e.g. its APITimeoutError (see ``result``)
                return wrapped.result()
            raise APITimeoutError(f"{self._description} did not complete within {timeout} s") from None

    def future(self) -> concurrent.futures.Future[T]:
        """The underlying ``concurrent.futures.Future``; cancelling it cancels the operation."""
        return self._future

    async def coroutine(self) -> T:
        """This future as a coroutine (for ``asyncio.create_task``)."""
        return await self.result_async()

    def done(self) -> bool:
        return self._future.done()

    def cancel(self) -> bool:
        return self._future.cancel()

    def add_done_callback(self, fn: Callable[[APIFuture[T]], object]) -> None:
        self._future.add_done_callback(lambda _f: fn(self))

    def __await__(self) -> Generator[Any, None, T]:
        return self.result_async().__await__()

    def __repr__(self) -> str:
        state = "done" if self._future.done() else "pending"
        return f"<APIFuture {self._description} {state}>"
