"""``APIFuture``: the result of every submitted operation, usable from sync and async code.

Mirrors the official SDK's future: ``.result(timeout)``, ``await future``,
``.result_async(timeout)``, ``.future()`` and ``.coroutine()``, plus ``done()`` and
``cancel()``. The work itself runs on tinkex's background loop (``tinkex._core.loop``).

``gather_results`` / ``gather_results_async`` (a Tinkex addition, FUT-09) wait for many futures
at once under one deadline and give every outcome back in input order.

``OperationScope`` is what each client keeps of its own operations in flight, so closing the
client cancels them and refuses new ones. It sits here, beside ``APIFuture``, because every
call goes through it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable, Coroutine, Generator, Iterable
from typing import Any, Generic, TypeVar

from ._core import loop as _loop
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

    @classmethod
    def failed(cls, error: BaseException, *, description: str = "operation") -> APIFuture[T]:
        """A future that already failed with ``error`` (raised by ``result()`` / ``await``)."""
        fut: concurrent.futures.Future[T] = concurrent.futures.Future()
        fut.set_exception(error)
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


class OperationScope:
    """The operations one client has in flight, and whether that client has been closed.

    ``tinkex._core.lifecycle.ClosableClient`` owns one; its client submits every operation
    through ``submit`` (or ``track`` for a future it started itself).
    """

    __slots__ = ("_closed", "_owner", "_pending")

    def __init__(self, owner: str) -> None:
        self._owner = owner  # the client's class name, for the error of a closed client
        self._closed = False
        self._pending: set[APIFuture[Any]] = set()

    def ensure_open(self) -> None:
        if self._closed:
            raise RuntimeError(f"this {self._owner} has been closed")

    def track(self, future: APIFuture[T]) -> APIFuture[T]:
        """Remember ``future`` until it finishes, so ``close()`` can cancel it."""
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)
        return future

    def submit(self, work: Coroutine[Any, Any, T], description: str) -> APIFuture[T]:
        """Start ``work`` on the background loop as one of this client's operations."""
        if self._closed:
            work.close()  # never started: no "coroutine was never awaited" warning
            self.ensure_open()
        return self.track(APIFuture.submit(work, description=description))

    def refuse_new(self) -> None:
        """Refuse new operations but leave those in flight (a ``with`` block that ends on
        tinkex's own loop thread, where closing cannot be waited for; exit cancels the rest)."""
        self._closed = True

    def close(self) -> bool:
        """Refuse new operations and cancel those in flight; ``False`` if already closed."""
        was_open = not self._closed
        self._closed = True
        for future in list(self._pending):
            future.cancel()
        return was_open


# The official SDK's name for its concrete future class (``tinker.lib.public_interfaces``).
AwaitableConcurrentFuture = APIFuture


def _outcomes(
    futures: list[APIFuture[T]], timeout: float | None, return_exceptions: bool
) -> list[T | BaseException]:
    """Every future's outcome in input order; those still running are cancelled (their polling
    stops) and get an ``APITimeoutError``, as Tinkex's ``await_many`` kills its unfinished tasks."""
    outcomes: list[T | BaseException] = []
    for item in futures:
        inner = item.future()
        outcome: T | BaseException
        if not inner.done() and (inner.cancel() or not inner.done()):
            outcome = APITimeoutError(f"{item._description} did not complete within {timeout} s")
        elif inner.cancelled():
            outcome = concurrent.futures.CancelledError(f"{item._description} was cancelled")
        else:
            error = inner.exception()
            outcome = error if error is not None else inner.result()
        outcomes.append(outcome)
    if not return_exceptions:
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
    return outcomes


def gather_results(
    futures: Iterable[APIFuture[T]], timeout: float | None = None, *, return_exceptions: bool = True
) -> list[T | BaseException]:
    """Wait for all ``futures`` (at most ``timeout`` seconds in total) and return their results
    in input order. With ``return_exceptions`` (the default) an error takes its future's place
    instead of being raised, so one failure never hides the other results; otherwise the first
    error in input order is raised once every future has finished or the deadline has passed."""
    items = list(futures)
    if _loop.in_loop_thread() and not all(f.done() for f in items):
        raise RuntimeError(
            "gather_results() was called on tinkex's own event loop thread, which would deadlock; "
            "use `await gather_results_async(...)` there instead"
        )
    concurrent.futures.wait([f.future() for f in items], timeout)
    return _outcomes(items, timeout, return_exceptions)


async def gather_results_async(
    futures: Iterable[APIFuture[T]], timeout: float | None = None, *, return_exceptions: bool = True
) -> list[T | BaseException]:
    """``gather_results`` for async code, from any event loop."""
    items = list(futures)
    wrapped = [asyncio.wrap_future(f.future()) for f in items]
    for waiter in wrapped:
        # The outcomes are read from the concurrent futures; mark each copy's error as seen so
        # asyncio never logs "exception was never retrieved" for it.
        waiter.add_done_callback(lambda w: None if w.cancelled() else w.exception())
    if wrapped:
        await asyncio.wait(wrapped, timeout=timeout)
    return _outcomes(items, timeout, return_exceptions)
