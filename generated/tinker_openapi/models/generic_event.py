from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.generic_event_data import GenericEventData
    from ..models.severity import Severity

    pass

_C_event: _f.Converter = _f.const("GENERIC_EVENT")
_D_event: Any = _f.Default("GENERIC_EVENT")
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
_C_event_name: _f.Converter = _f.as_str
_C_event_data: _f.Converter = _f.map_of(_f.as_any)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class GenericEvent(TinkerModel):
    """
    The GenericEvent type of the Tinker API.

    Attributes:
        event:
        event_id:
        event_session_index:
        severity:
        timestamp:
        event_name: e.g. user_error, APIFuture.result_async.timeout
        event_data: event-specific data (request ids, status codes, exception text, timings, ...)
    """

    _tinker_title: ClassVar[str] = "GenericEvent"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "event",
        "event_id",
        "event_session_index",
        "severity",
        "timestamp",
        "event_name",
        "event_data",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("event", "GENERIC_EVENT")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "event_id",
            "event_session_index",
            "severity",
            "timestamp",
            "event_name",
            "event_data",
        }
    )

    event: Literal["GENERIC_EVENT"] = _attrs_field(
        default="GENERIC_EVENT", metadata={"wire": "event", "annotation": "Literal['GENERIC_EVENT']"}
    )
    event_id: str = _attrs_field(metadata={"wire": "event_id", "annotation": "str"})
    event_session_index: int = _attrs_field(metadata={"wire": "event_session_index", "annotation": "int"})
    severity: Severity = _attrs_field(metadata={"wire": "severity", "annotation": "Severity"})
    timestamp: datetime.datetime = _attrs_field(metadata={"wire": "timestamp", "annotation": "datetime.datetime"})
    event_name: str = _attrs_field(
        metadata={"wire": "event_name", "annotation": "str", "doc": "e.g. user_error, APIFuture.result_async.timeout"}
    )
    event_data: GenericEventData = _attrs_field(
        metadata={
            "wire": "event_data",
            "annotation": "GenericEventData",
            "doc": "event-specific data (request ids, status codes, exception text, timings, ...)",
        }
    )

    def __init__(
        self,
        *,
        event_id: str,
        event_session_index: int,
        severity: Severity,
        timestamp: datetime.datetime,
        event_name: str,
        event_data: GenericEventData,
        event: Literal["GENERIC_EVENT"] = _D_event,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "event_id",
            "event_session_index",
            "severity",
            "timestamp",
            "event_name",
            "event_data",
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
            _tinker_set(self, "event_name", _C_event_name(event_name, ("event_name",)))
            _tinker_set(self, "event_data", _C_event_data(event_data, ("event_data",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("GenericEvent", ()) from None
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
        out["event_name"] = self.event_name
        out["event_data"] = dict(self.event_data)
        return out
