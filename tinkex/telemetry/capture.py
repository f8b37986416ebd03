"""Exception capture on client entry points (features TEL-09, SVC-14).

Every failing client call (create_*, forward/backward, optim_step, sample, save/load, REST) is
reported to its session's reporter and then re-raised unchanged. As in the official SDK, a
client-call failure is fatal for telemetry: the exception event and a SESSION_END (once per
session) are queued and flushed before the error reaches the caller, with a short bound so
telemetry never turns a failure into a long wait. Cancellation and Ctrl-C are not failures.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Protocol, TypeVar

from tinkex.telemetry.types import Severity

if TYPE_CHECKING:
    from tinkex.telemetry.reporter import TelemetryReporter

T = TypeVar("T")
logger = logging.getLogger(__name__)

# The longest a failing call waits for its exception event to be sent.
FATAL_FLUSH_TIMEOUT = 5.0


class HasReporter(Protocol):
    """What owns a session's reporter (``tinkex._core.holder.ClientHolder``); None until it starts."""

    @property
    def reporter(self) -> TelemetryReporter | None: ...


async def report_exception(
    reporter: TelemetryReporter | None,
    exc: BaseException,
    operation: str,
    *,
    fatal: bool = True,
    severity: Severity | str = Severity.ERROR,
) -> None:
    """Report ``exc`` from ``operation``; telemetry problems are logged, never raised."""
    if reporter is None or not reporter.enabled:
        return
    try:
        if fatal:
            await reporter.log_fatal_exception(
                exc, severity, operation=operation, timeout=FATAL_FLUSH_TIMEOUT
            )
        else:
            reporter.log_exception(exc, severity, operation=operation)
    except Exception:  # the caller's own error matters more than its report
        logger.debug("could not report the failure of %s to telemetry", operation, exc_info=True)


async def captured(source: HasReporter, operation: str, work: Awaitable[T], *, fatal: bool = True) -> T:
    """``await work``; if it raises, report the exception for ``operation`` and re-raise it."""
    try:
        return await work
    except Exception as exc:
        await report_exception(source.reporter, exc, operation, fatal=fatal)
        raise
