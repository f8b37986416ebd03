"""Queue-state observers and ``get_telemetry()``: what the Training and Sampling clients share.

``ObservedClient`` owns the client's holder and its ``QueueStateTracker`` (set in its own
``__init__``), so the three public methods below are written once for both clients.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ..queue_state import QueueStateLogger, QueueStateTracker
from .holder import ClientHolder
from .lifecycle import ClosableClient


def enabled_reporter(holder: ClientHolder) -> Any:
    """``get_telemetry()`` of every client (SVC-12, TEL-21): the session's reporter, or ``None``
    when telemetry is off (or no session has started yet), as in the official SDK."""
    reporter = holder.reporter
    return reporter if reporter is not None and reporter.enabled else None


class ObservedClient(ClosableClient):
    """A closable client whose requests report queue state (the Training and Sampling clients)."""

    def __init__(
        self, holder: ClientHolder, kind: Literal["training", "sampling"], key: str, client_id: str
    ) -> None:
        """``kind``: "training" or "sampling"; ``key``/``client_id``: the metadata naming the client
        in observer calls (``model_id`` or ``sampling_session_id``)."""
        super().__init__()
        self.holder = holder
        self._tracker = QueueStateTracker(QueueStateLogger(kind, client_id), metadata={key: client_id})

    def on_queue_state_change(self, queue_state: Any, queue_state_reason: str | None = None) -> None:
        """Queue-state observer hook (official API); the default logs paused states, debounced."""
        self._tracker.update(queue_state, queue_state_reason)

    def add_queue_state_observer(self, observer: Any) -> Callable[[], None]:
        """Also tell ``observer`` when this client's requests change queue state (FUT-10/12;
        what it may be: ``QueueStateTracker.add_observer``). Returns a function removing it."""
        return self._tracker.add_observer(observer)

    def get_telemetry(self) -> Any:
        return enabled_reporter(self.holder)
