"""Queue-state and telemetry hooks shared by ``TrainingClient`` and ``SamplingClient``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..queue_state import QueueStateTracker
from .holder import ClientHolder


class ClientObservers:
    holder: ClientHolder
    _tracker: QueueStateTracker

    def on_queue_state_change(self, queue_state: Any, queue_state_reason: str | None = None) -> None:
        """Queue-state observer hook (official API); the default logs paused states, debounced."""
        self._tracker.update(queue_state, queue_state_reason)

    def add_queue_state_observer(self, observer: Any) -> Callable[[], None]:
        """Tinkex queue observers (FUT-10/12): also tell ``observer`` when this client's requests
        change queue state. It is an object with ``on_queue_state_change(state, reason[, metadata])``
        or a callable taking ``(state)``, ``(state, reason)`` or ``(state, reason, metadata)``; it
        runs on tinkex's loop thread next to the built-in warning logger, and its errors are
        logged and ignored. Returns a function that removes the observer."""
        return self._tracker.add_observer(observer)

    def get_telemetry(self) -> Any:
        return enabled_reporter(self.holder)


def enabled_reporter(holder: ClientHolder) -> Any:
    """``get_telemetry()`` of every client (SVC-12, TEL-21): the session's reporter, or ``None``
    when telemetry is off (or no session has started yet), as in the official SDK."""
    reporter = holder.reporter
    return reporter if reporter is not None and reporter.enabled else None
