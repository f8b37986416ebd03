"""Server queue states, the observer interface, the throttled warning logger and change tracking.

While a request waits in the server's queue, polling replies carry a ``queue_state`` (and maybe a
``queue_state_reason``). ``QueueStateTracker`` turns that stream into change notifications (a bus
event plus an observer call, only when the state changes); ``QueueStateLogger`` is the default
observer that tells the user, at WARNING and without flooding the log, why their work is paused.
"""

from __future__ import annotations

import enum
import inspect
import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Literal, Protocol, TypeAlias, runtime_checkable

from tinkex.telemetry.events import QUEUE_STATE_CHANGE, EventBus, default_bus

logger = logging.getLogger(__name__)


class QueueState(enum.StrEnum):
    """An open enum: any state string the SDK does not know becomes ``UNKNOWN``."""

    ACTIVE = "active"
    PAUSED_CAPACITY = "paused_capacity"
    PAUSED_RATE_LIMIT = "paused_rate_limit"
    UNKNOWN = "unknown"

    @classmethod
    def _missing_(cls, value: object) -> QueueState:
        if isinstance(value, str) and value.lower() != value:
            return cls(value.lower())
        return cls.UNKNOWN

    @classmethod
    def parse(cls, value: object) -> QueueState:
        """Accept a wire string, a tinkex state, or another library's enum member (by ``.value``)."""
        if isinstance(value, QueueState):
            return value
        raw = getattr(value, "value", value)
        return cls(raw) if isinstance(raw, str) else cls.UNKNOWN


QueueKind: TypeAlias = Literal["training", "sampling"]

_CAPACITY_REASON = "Tinker backend is running short on capacity, please wait"
DEFAULT_REASONS: Mapping[QueueKind, Mapping[QueueState, str]] = {
    "training": {
        QueueState.PAUSED_RATE_LIMIT: "concurrent training clients rate limit hit",
        QueueState.PAUSED_CAPACITY: _CAPACITY_REASON,
    },
    "sampling": {
        QueueState.PAUSED_RATE_LIMIT: "concurrent sampler weights limit hit",
        QueueState.PAUSED_CAPACITY: _CAPACITY_REASON,
    },
}


def resolve_reason(kind: QueueKind, queue_state: QueueState, server_reason: str | None = None) -> str:
    """The server's reason when it sent a non-blank one, else the official default text."""
    if server_reason and server_reason.strip():
        return server_reason.strip()
    return DEFAULT_REASONS[kind].get(queue_state, "unknown")


@runtime_checkable
class QueueStateObserver(Protocol):
    """Told about queue-state changes. The official SDK's observers take
    ``(queue_state, queue_state_reason)``; tinkex also passes ``metadata`` to those that take it
    (see ``adapt_observer``)."""

    def on_queue_state_change(
        self,
        queue_state: QueueState,
        queue_state_reason: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> None: ...


NormalizedObserver: TypeAlias = Callable[[QueueState, "str | None", Mapping[str, Any]], None]


def _positional_arity(target: Callable[..., Any]) -> int:
    try:
        parameters = inspect.signature(target).parameters.values()
    except (TypeError, ValueError):
        return 2  # no introspectable signature: assume the official two-argument form
    arity = 0
    for parameter in parameters:
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            return 3
        if parameter.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD):
            arity += 1
    return arity


def adapt_observer(observer: object) -> NormalizedObserver:
    """Wrap an observer object (with ``on_queue_state_change``) or a plain callable taking
    ``(state)``, ``(state, reason)`` or ``(state, reason, metadata)`` into the 3-argument form."""
    method = getattr(observer, "on_queue_state_change", None)
    target = method if callable(method) else observer
    if not callable(target):
        raise TypeError(
            f"queue_state_observer must be callable or have on_queue_state_change, got {type(observer).__name__}"
        )
    arity = _positional_arity(target)
    if arity >= 3:
        return lambda state, reason, metadata: target(state, reason, metadata)
    if arity == 2:
        return lambda state, reason, metadata: target(state, reason)
    if arity == 1:
        return lambda state, reason, metadata: target(state)
    raise TypeError("queue_state_observer must accept 1 to 3 positional arguments (state, reason, metadata)")


class QueueStateLogger:
    """Logs ``"<Training|Sampling> is paused for <id>. Reason: <reason>"`` at WARNING.

    Nothing is logged for ``active``. The same state is not repeated within ``interval`` seconds
    (a different paused state is news and logs at once). ``label`` replaces the leading word,
    e.g. ``"Model creation"``.
    """

    def __init__(
        self,
        kind: QueueKind,
        identifier: str | None,
        *,
        interval: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        label: str | None = None,
    ) -> None:
        if kind not in DEFAULT_REASONS:
            raise ValueError(f"kind must be 'training' or 'sampling', got {kind!r}")
        if interval < 0:
            raise ValueError(f"interval must be >= 0, got {interval!r}")
        self._kind: QueueKind = kind
        # Never print "None": users grep these lines for the id.
        self._identifier = identifier or "unknown"
        self._interval = interval
        self._clock = clock
        self._label = label or kind.capitalize()
        self._lock = threading.Lock()
        self._last_state: QueueState | None = None
        self._last_logged_at = 0.0

    def on_queue_state_change(
        self,
        queue_state: QueueState | str,
        queue_state_reason: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        state = QueueState.parse(queue_state)
        if state is QueueState.ACTIVE:
            return
        now = self._clock()
        with self._lock:
            if state is self._last_state and now - self._last_logged_at < self._interval:
                return
            self._last_state, self._last_logged_at = state, now
        reason = resolve_reason(self._kind, state, queue_state_reason)
        logger.warning("%s is paused for %s. Reason: %s", self._label, self._identifier, reason)


class QueueStateTracker:
    """Remembers the last queue state of one request and reports only changes: it emits
    ``("tinkex", "queue", "state_change")`` on ``bus`` and calls the observers (whose failures
    are logged and ignored, so an observer bug never breaks polling).

    ``observer`` is the built-in one (a client's ``QueueStateLogger``); users add their own with
    ``add_observer`` (what ``TrainingClient`` / ``SamplingClient.add_queue_state_observer`` do)."""

    def __init__(
        self,
        observer: object | None = None,
        *,
        bus: EventBus | None = default_bus,
        metadata: Mapping[str, Any] | None = None,
        initial: QueueState | None = None,
    ) -> None:
        self._observers: list[NormalizedObserver] = [adapt_observer(observer)] if observer is not None else []
        self._bus = bus
        self._metadata = dict(metadata or {})
        self._state = initial
        self._lock = threading.Lock()

    @property
    def state(self) -> QueueState | None:
        return self._state

    def add_observer(self, observer: object) -> Callable[[], None]:
        """Also notify ``observer`` (an object with ``on_queue_state_change`` or a callable taking
        ``(state)``, ``(state, reason)`` or ``(state, reason, metadata)``) of every change. It
        runs on tinkex's loop thread next to the built-in warning logger; its errors are logged
        and ignored. Returns a function that removes it again."""
        adapted = adapt_observer(observer)
        with self._lock:
            self._observers.append(adapted)

        def remove() -> None:
            with self._lock:
                if adapted in self._observers:
                    self._observers.remove(adapted)

        return remove

    def update(
        self,
        queue_state: QueueState | str | None,
        queue_state_reason: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> bool:
        """Record a reported state; returns True when it differed from the previous one.

        ``None`` means the reply carried no state, which is not a change.
        """
        if queue_state is None:
            return False
        state = QueueState.parse(queue_state)
        with self._lock:
            if state is self._state:
                return False
            self._state = state
            observers = list(self._observers)
        details = {
            **self._metadata,
            **(metadata or {}),
            "queue_state": state.value,
            "queue_state_reason": queue_state_reason,
        }
        if self._bus is not None:
            self._bus.emit(QUEUE_STATE_CHANGE, {}, details)
        for observer in observers:
            try:
                observer(state, queue_state_reason, details)
            except Exception:
                logger.warning("Queue state observer failed on %s; ignoring", state.value, exc_info=True)
        return True
