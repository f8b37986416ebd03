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

_C_event: _f.Converter = _f.const("UNHANDLED_EXCEPTION")
_D_event: Any = _f.Default("UNHANDLED_EXCEPTION")
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
_C_error_type: _f.Converter = _f.as_str
_C_error_message: _f.Converter = _f.as_str
_C_traceback: _f.Converter = _f.nullable(_f.as_str)
_D_traceback: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class UnhandledExceptionEvent(TinkerModel):
    """
    The UnhandledExceptionEvent type of the Tinker API.

    Attributes:
        event:
        event_id:
        event_session_index:
        severity:
        timestamp:
        error_type:
        error_message:
        traceback:
    """

    _tinker_title: ClassVar[str] = "UnhandledExceptionEvent"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "event",
        "event_id",
        "event_session_index",
        "severity",
        "timestamp",
        "error_type",
        "error_message",
        "traceback",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("event", "UNHANDLED_EXCEPTION")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "event_id",
            "event_session_index",
            "severity",
            "timestamp",
            "error_type",
            "error_message",
        }
    )

    event: Literal["UNHANDLED_EXCEPTION"] = _attrs_field(
        default="UNHANDLED_EXCEPTION", metadata={"wire": "event", "annotation": "Literal['UNHANDLED_EXCEPTION']"}
    )
    event_id: str = _attrs_field(metadata={"wire": "event_id", "annotation": "str"})
    event_session_index: int = _attrs_field(metadata={"wire": "event_session_index", "annotation": "int"})
    severity: Severity = _attrs_field(metadata={"wire": "severity", "annotation": "Severity"})
    timestamp: datetime.datetime = _attrs_field(metadata={"wire": "timestamp", "annotation": "datetime.datetime"})
    error_type: str = _attrs_field(metadata={"wire": "error_type", "annotation": "str"})
    error_message: str = _attrs_field(metadata={"wire": "error_message", "annotation": "str"})
    traceback: str | None = _attrs_field(default=None, metadata={"wire": "traceback", "annotation": "str | None"})

    def __init__(
        self,
        *,
        event_id: str,
        event_session_index: int,
        severity: Severity,
        timestamp: datetime.datetime,
        error_type: str,
        error_message: str,
        event: Literal["UNHANDLED_EXCEPTION"] = _D_event,
        traceback: str | None = _D_traceback,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "event_id",
            "event_session_index",
            "severity",
            "timestamp",
            "error_type",
            "error_message",
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
            _tinker_set(self, "error_type", _C_error_type(error_type, ("error_type",)))
            _tinker_set(self, "error_message", _C_error_message(error_message, ("error_message",)))
            if _f.omitted(traceback, _D_traceback):
                _tinker_set(self, "traceback", _D_traceback.get())
            else:
                _tinker_fs.add("traceback")
                _tinker_set(self, "traceback", _C_traceback(traceback, ("traceback",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("UnhandledExceptionEvent", ()) from None
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
        out["error_type"] = self.error_type
        out["error_message"] = self.error_message
        if self.traceback is not None:
            out["traceback"] = self.traceback
        return out
