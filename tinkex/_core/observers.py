"""``get_telemetry()`` of every client: the reporter its holder's session uses, when enabled."""

from __future__ import annotations

from typing import Any

from .holder import ClientHolder


def enabled_reporter(holder: ClientHolder) -> Any:
    """``get_telemetry()`` of every client (SVC-12, TEL-21): the session's reporter, or ``None``
    when telemetry is off (or no session has started yet), as in the official SDK."""
    reporter = holder.reporter
    return reporter if reporter is not None and reporter.enabled else None
