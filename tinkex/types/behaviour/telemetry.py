"""Behaviour of ``TelemetryBatch`` (TEL-29): Tinkex's list helpers on the official batch type.

Tinkex's batch is ``{events, metadata}``; the official one keeps the metadata as fields
(``platform``, ``sdk_version``, ``session_id``, ``process_uuid``), so ``from_list`` takes them as
keywords. ``to_list`` gives the events' wire dicts, the form ``from_list`` reads back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from tinker_openapi.models.generic_event import GenericEvent
    from tinker_openapi.models.session_end_event import SessionEndEvent
    from tinker_openapi.models.session_start_event import SessionStartEvent
    from tinker_openapi.models.unhandled_exception_event import UnhandledExceptionEvent

__all__ = ["TelemetryBatchBehaviour"]

# The ``event`` tags the spec knows; anything else is a newer kind this SDK cannot represent.
_KNOWN_EVENTS = frozenset({"SESSION_START", "SESSION_END", "UNHANDLED_EXCEPTION", "GENERIC_EVENT"})


def _as_wire(event: object) -> Mapping[str, Any] | None:
    """A wire dict for ``event``: a dict as given, a generated event model or one of
    ``tinkex.telemetry``'s typed events converted; None for anything else."""
    if isinstance(event, Mapping):
        return event
    for method in ("to_wire", "to_dict"):
        convert = getattr(event, method, None)
        if callable(convert):
            wire = convert()
            return wire if isinstance(wire, Mapping) else None
    return None


class TelemetryBatchBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        events: list[SessionStartEvent | SessionEndEvent | UnhandledExceptionEvent | GenericEvent]

    @classmethod
    def from_list(
        cls,
        events: Iterable[object],
        *,
        platform: str,
        sdk_version: str,
        session_id: str,
        process_uuid: str,
    ) -> Self:
        """A batch of ``events`` (wire dicts or event objects), dropping kinds this SDK does
        not know, as a forward-compatible reader should. A known kind that is malformed still
        raises: dropping it would hide a bug."""
        wires = [wire for wire in map(_as_wire, events) if wire is not None]
        known = [wire for wire in wires if wire.get("event") in _KNOWN_EVENTS]
        return cls.from_dict(  # type: ignore[attr-defined]
            {
                "events": known,
                "platform": platform,
                "sdk_version": sdk_version,
                "session_id": session_id,
                "process_uuid": process_uuid,
            }
        )

    def to_list(self) -> list[dict[str, Any]]:
        """The events as wire dicts, in order."""
        return [event.to_dict() for event in self.events]

    def size(self) -> int:
        """The number of events in the batch."""
        return len(self.events)
