from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.severity import Severity

    pass

_C_event: _f.Converter = _f.const("SESSION_START")
_D_event: Any = _f.Default("SESSION_START")
_C_event_id: _f.Converter = _f.as_str
_C_event_session_index: _f.Converter = _f.as_int
_C_severity: _f.Converter = _f.choice(
    frozenset(
        {
            "CRITICAL",
            "DEBUG",
            "ERROR",
            "INFO",
            "WARNING",
        }
    )
)
_C_timestamp: _f.Converter = _f.as_datetime


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionStartEvent(TinkerModel):
    """
    The SessionStartEvent type of the Tinker API.

    Attributes:
        event:
        event_id: uuid4
        event_session_index: monotonic per session
        severity:
        timestamp:
    """

    _tinker_title: ClassVar[str] = "SessionStartEvent"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "event",
        "event_id",
        "event_session_index",
        "severity",
        "timestamp",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("event", "SESSION_START")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "event_id",
            "event_session_index",
            "severity",
            "timestamp",
        }
    )

    event: Literal["SESSION_START"] = _attrs_field(
        default="SESSION_START", metadata={"wire": "event", "annotation": "Literal['SESSION_START']"}
    )
    event_id: str = _attrs_field(metadata={"wire": "event_id", "annotation": "str", "doc": "uuid4"})
    event_session_index: int = _attrs_field(
        metadata={"wire": "event_session_index", "annotation": "int", "doc": "monotonic per session"}
    )
    severity: Severity = _attrs_field(metadata={"wire": "severity", "annotation": "Severity"})
    timestamp: datetime.datetime = _attrs_field(metadata={"wire": "timestamp", "annotation": "datetime.datetime"})

    def __init__(
        self,
        *,
        event_id: str,
        event_session_index: int,
        severity: Severity,
        timestamp: datetime.datetime,
        event: Literal["SESSION_START"] = _D_event,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "event_id",
            "event_session_index",
            "severity",
            "timestamp",
        }
        try:
            if _f.omitted(event, _D_event):
                _tinker_set(self, "event", _D_event.get())
            else:
                _tinker_fs.add("event")
                _tinker_set(self, "event", _C_event(event, ("event",)))
            _tinker_set(self, "event_id", _C_event_id(event_id, ("event_id",)))
            _tinker_set(
                self, "event_session_index", _C_event_session_index(event_session_index, ("event_session_index",))
            )
            _tinker_set(self, "severity", _C_severity(severity, ("severity",)))
            _tinker_set(self, "timestamp", _C_timestamp(timestamp, ("timestamp",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionStartEvent", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["event"] = self.event
        out["event_id"] = self.event_id
        out["event_session_index"] = self.event_session_index
        out["severity"] = self.severity
        out["timestamp"] = self.timestamp.isoformat()
        return out
