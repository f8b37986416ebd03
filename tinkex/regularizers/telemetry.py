"""Custom-loss and regularizer telemetry on the in-process bus (LOSS-17).

Events (durations in float seconds):

* ``CUSTOM_LOSS_START``: metadata ``regularizer_count``, ``track_grad_norms``.
* ``CUSTOM_LOSS_STOP``: measurements ``duration``, ``loss_total``, ``regularizer_total``.
* ``CUSTOM_LOSS_EXCEPTION``: measurements ``duration``; metadata ``reason``.
* ``REGULARIZER_START``: metadata ``regularizer_name``.
* ``REGULARIZER_STOP``: measurements ``duration``, ``value``, ``contribution`` and, when
  tracked, ``grad_norm``; metadata ``regularizer_name``.
* ``REGULARIZER_EXCEPTION``: measurements ``duration``; metadata ``regularizer_name``, ``reason``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from ..telemetry import events as bus

__all__ = [
    "CUSTOM_LOSS_EXCEPTION",
    "CUSTOM_LOSS_START",
    "CUSTOM_LOSS_STOP",
    "EVENTS",
    "REGULARIZER_EXCEPTION",
    "REGULARIZER_START",
    "REGULARIZER_STOP",
    "attach_logger",
    "detach",
    "emit",
]

CUSTOM_LOSS_START: bus.EventName = ("tinkex", "custom_loss", "start")
CUSTOM_LOSS_STOP: bus.EventName = ("tinkex", "custom_loss", "stop")
CUSTOM_LOSS_EXCEPTION: bus.EventName = ("tinkex", "custom_loss", "exception")
REGULARIZER_START: bus.EventName = ("tinkex", "regularizer", "compute", "start")
REGULARIZER_STOP: bus.EventName = ("tinkex", "regularizer", "compute", "stop")
REGULARIZER_EXCEPTION: bus.EventName = ("tinkex", "regularizer", "compute", "exception")

EVENTS: tuple[bus.EventName, ...] = (
    CUSTOM_LOSS_START,
    CUSTOM_LOSS_STOP,
    CUSTOM_LOSS_EXCEPTION,
    REGULARIZER_START,
    REGULARIZER_STOP,
    REGULARIZER_EXCEPTION,
)

_log = logging.getLogger("tinkex.regularizers")


def emit(event: bus.EventName, measurements: Mapping[str, float], metadata: Mapping[str, Any]) -> None:
    """Emit on the process-wide bus (looked up at call time so tests may swap handlers)."""
    bus.emit(event, measurements, metadata)


def attach_logger(level: int = logging.INFO, *, handler_id: str | None = None) -> str:
    """Log every pipeline event as one readable line; returns the id for ``detach``."""

    def handler(name: bus.EventName, measurements: bus.Measurements, metadata: bus.Metadata) -> None:
        fields = {**metadata, **measurements}
        shown = " ".join(f"{k}={v:.6g}" if isinstance(v, float) else f"{k}={v}" for k, v in fields.items())
        _log.log(level, "%s %s", ".".join(name), shown)

    return bus.subscribe(EVENTS, handler, handler_id=handler_id)


def detach(handler_id: str) -> bool:
    """Remove a handler added by ``attach_logger``."""
    return bus.unsubscribe(handler_id)
