from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.audit_event_details import AuditEventDetails

    pass

_C_timestamp: _f.Converter = _f.as_datetime
_C_event: _f.Converter = _f.as_str
_C_event_details: _f.Converter = _f.map_of(_f.as_any)
_C_event_details = _f.nullable(_C_event_details)
_D_event_details: Any = _f.Default(None)
_C_model_id: _f.Converter = _f.nullable(_f.as_str)
_D_model_id: Any = _f.Default(None)
_C_tinker_path: _f.Converter = _f.nullable(_f.as_str)
_D_tinker_path: Any = _f.Default(None)
_C_purpose: _f.Converter = _f.nullable(_f.as_str)
_D_purpose: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class AuditLogEntry(TinkerModel):
    """
    The AuditLogEntry type of the Tinker API.

    Attributes:
        timestamp:
        event:
        event_details:
        model_id:
        tinker_path:
        purpose:
    """

    _tinker_title: ClassVar[str] = "AuditLogEntry"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "timestamp",
        "event",
        "event_details",
        "model_id",
        "tinker_path",
        "purpose",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "timestamp",
            "event",
        }
    )

    timestamp: datetime.datetime = _attrs_field(metadata={"wire": "timestamp", "annotation": "datetime.datetime"})
    event: str = _attrs_field(metadata={"wire": "event", "annotation": "str"})
    event_details: AuditEventDetails | None = _attrs_field(
        default=None, metadata={"wire": "event_details", "annotation": "AuditEventDetails | None"}
    )
    model_id: str | None = _attrs_field(default=None, metadata={"wire": "model_id", "annotation": "str | None"})
    tinker_path: str | None = _attrs_field(default=None, metadata={"wire": "tinker_path", "annotation": "str | None"})
    purpose: str | None = _attrs_field(default=None, metadata={"wire": "purpose", "annotation": "str | None"})

    def __init__(
        self,
        *,
        timestamp: datetime.datetime,
        event: str,
        event_details: AuditEventDetails | None = _D_event_details,
        model_id: str | None = _D_model_id,
        tinker_path: str | None = _D_tinker_path,
        purpose: str | None = _D_purpose,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "timestamp",
            "event",
        }
        try:
            _tinker_set(self, "timestamp", _C_timestamp(timestamp, ("timestamp",)))
            _tinker_set(self, "event", _C_event(event, ("event",)))
            if _f.omitted(event_details, _D_event_details):
                _tinker_set(self, "event_details", _D_event_details.get())
            else:
                _tinker_fs.add("event_details")
                _tinker_set(self, "event_details", _C_event_details(event_details, ("event_details",)))
            if _f.omitted(model_id, _D_model_id):
                _tinker_set(self, "model_id", _D_model_id.get())
            else:
                _tinker_fs.add("model_id")
                _tinker_set(self, "model_id", _C_model_id(model_id, ("model_id",)))
            if _f.omitted(tinker_path, _D_tinker_path):
                _tinker_set(self, "tinker_path", _D_tinker_path.get())
            else:
                _tinker_fs.add("tinker_path")
                _tinker_set(self, "tinker_path", _C_tinker_path(tinker_path, ("tinker_path",)))
            if _f.omitted(purpose, _D_purpose):
                _tinker_set(self, "purpose", _D_purpose.get())
            else:
                _tinker_fs.add("purpose")
                _tinker_set(self, "purpose", _C_purpose(purpose, ("purpose",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("AuditLogEntry", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["timestamp"] = self.timestamp.isoformat()
        out["event"] = self.event
        if self.event_details is not None:
            out["event_details"] = dict(self.event_details)
        if self.model_id is not None:
            out["model_id"] = self.model_id
        if self.tinker_path is not None:
            out["tinker_path"] = self.tinker_path
        if self.purpose is not None:
            out["purpose"] = self.purpose
        return out
