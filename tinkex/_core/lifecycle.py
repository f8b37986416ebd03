"""Closing clients: ``close()`` / ``aclose()`` / ``with`` / ``async with``, and interpreter exit.

Every ``ClientHolder`` (the pools, session, heartbeat and telemetry of a ServiceClient, a
standalone RestClient or a SamplingClient from a sampler handle) registers here until it is
closed. At exit, pending operations are cancelled first, then an uncaught exception is reported
to telemetry as fatal (TEL-07/SVC-14), then every open holder is closed (session finished with
``errored`` / ``interrupted`` / ``success``, telemetry flushed), all within a bound, and only
then does ``tinkex._core.loop`` wind the loop down. So an exit never hangs and never prints asyncio
noise, whatever the script left pending.
"""

from __future__ import annotations

import asyncio
import atexit
import sys
import threading
from types import TracebackType
from typing import TYPE_CHECKING, Literal, Protocol, Self

from ..futures import APIFuture, OperationScope
from ..telemetry.capture import report_exception
from . import loop as _loop

if TYPE_CHECKING:
    from ..telemetry.reporter import TelemetryReporter

FinishStatus = Literal["success", "errored", "interrupted"]
# Bound on closing everything at exit (finishing sessions, flushing telemetry).
EXIT_CLOSE_TIMEOUT = 10.0
# Bound on the blocking close of a ``with`` block.
CLOSE_TIMEOUT = EXIT_CLOSE_TIMEOUT + 30.0


class Closable(Protocol):
    @property
    def reporter(self) -> TelemetryReporter | None: ...

    async def aclose(self, status: FinishStatus = "success", detail: str | None = None) -> None: ...


_open: set[Closable] = set()
_open_lock = threading.Lock()


def register(holder: Closable) -> None:
    """Keep ``holder`` to be closed at exit (a strong reference: an unclosed pool must not be
    left to the garbage collector, which would only warn about it)."""
    with _open_lock:
        _open.add(holder)


def unregister(holder: Closable) -> None:
    with _open_lock:
        _open.discard(holder)


def status_for(exc_type: type[BaseException] | None) -> FinishStatus:
    """How a session ends after a block that raised ``exc_type`` (None: it did not raise)."""
    if exc_type is None:
        return "success"
    return "errored" if issubclass(exc_type, Exception) else "interrupted"


async def _close_all(holders: list[Closable], fatal: BaseException | None) -> None:
    status = status_for(None if fatal is None else type(fatal))
    detail = None if fatal is None else type(fatal).__name__

    async def close(holder: Closable) -> None:
        if isinstance(fatal, Exception):
            await report_exception(holder.reporter, fatal, "uncaught exception")
        await holder.aclose(status, detail)

    await asyncio.gather(*(close(h) for h in holders), return_exceptions=True)


def _uncaught() -> BaseException | None:
    """The exception that is ending the interpreter, if any (set before atexit handlers run)."""
    exc = getattr(sys, "last_value", None)
    if isinstance(exc, SystemExit) and exc.code in (None, 0):
        return None
    return exc if isinstance(exc, BaseException) else None


def close_at_exit() -> None:
    with _open_lock:
        holders = list(_open)
    if not _loop.is_running():
        return
    _loop.cancel_pending()  # abandoned calls stop before the pools they use are closed
    if not holders:
        return
    future = _loop.submit(_close_all(holders, _uncaught()))
    try:
        future.result(timeout=EXIT_CLOSE_TIMEOUT)
    except BaseException:  # exit goes on: the loop's wind-down cancels whatever is left
        future.cancel()


atexit.register(close_at_exit)  # registered after tinkex._core.loop's, so it runs before it


class ClosableClient:
    """``close()`` / ``aclose()`` and context managers for a client of a shared holder.

    Closing a TrainingClient or SamplingClient cancels its own operations still in flight and
    refuses new ones; the session stays open for its ServiceClient. A client that owns its
    holder (a standalone RestClient, a SamplingClient from a sampler handle) also closes it:
    pools, telemetry flush (bounded) and background tasks.
    """

    def __init__(self, *, owned_holder: Closable | None = None) -> None:
        self._operations = OperationScope(type(self).__name__)
        self._owned_holder = owned_holder

    def _own_holder(self, holder: Closable) -> None:
        """Close ``holder`` with this client (one built with pools of its own)."""
        self._owned_holder = holder

    async def _close_on_loop(self) -> None:
        if self._owned_holder is not None:
            await self._owned_holder.aclose()

    def close(self) -> APIFuture[None]:
        """Cancel this client's pending operations and release what it owns; idempotent.
        Returns a future (as ``ServiceClient.close`` does): ``.result()`` waits for it."""
        if not self._operations.close():
            return APIFuture.completed(None, description="close")
        return APIFuture.submit(self._close_on_loop(), description="close")

    async def aclose(self) -> None:
        await self.close()

    def __enter__(self) -> Self:
        self._operations.ensure_open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if _loop.in_loop_thread():  # cannot block here; the loop closes it at exit
            self._operations.refuse_new()
            return
        self.close().result(timeout=CLOSE_TIMEOUT)

    async def __aenter__(self) -> Self:
        self._operations.ensure_open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
