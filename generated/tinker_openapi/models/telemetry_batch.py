from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.telemetry import TelemetryBatchBehaviour

if TYPE_CHECKING:
    from ..models.generic_event import GenericEvent
    from ..models.session_end_event import SessionEndEvent
    from ..models.session_start_event import SessionStartEvent
    from ..models.unhandled_exception_event import UnhandledExceptionEvent

    pass

_C_events: _f.Converter = _f.list_of(
    _f.untagged(
        _f.ModelRef(__package__, "session_start_event", "SessionStartEvent"),
        _f.ModelRef(__package__, "session_end_event", "SessionEndEvent"),
        _f.ModelRef(__package__, "unhandled_exception_event", "UnhandledExceptionEvent"),
        _f.ModelRef(__package__, "generic_event", "GenericEvent"),
    )
)
_C_platform: _f.Converter = _f.as_str
_C_sdk_version: _f.Converter = _f.as_str
_C_session_id: _f.Converter = _f.as_str
_C_process_uuid: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class TelemetryBatch(TelemetryBatchBehaviour, TinkerModel):
    """
    a batch of telemetry events as the reporter queues them (the body of send_telemetry)

    Attributes:
        events:
        platform:
        sdk_version:
        session_id:
        process_uuid:
    """

    _tinker_title: ClassVar[str] = "TelemetryBatch"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "events",
        "platform",
        "sdk_version",
        "session_id",
        "process_uuid",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "events",
            "platform",
            "sdk_version",
            "session_id",
            "process_uuid",
        }
    )

    events: list[SessionStartEvent | SessionEndEvent | UnhandledExceptionEvent | GenericEvent] = _attrs_field(
        metadata={
            "wire": "events",
            "annotation": "list[SessionStartEvent | SessionEndEvent | UnhandledExceptionEvent | GenericEvent]",
        }
    )
    platform: str = _attrs_field(metadata={"wire": "platform", "annotation": "str"})
    sdk_version: str = _attrs_field(metadata={"wire": "sdk_version", "annotation": "str"})
    session_id: str = _attrs_field(metadata={"wire": "session_id", "annotation": "str"})
    process_uuid: str = _attrs_field(metadata={"wire": "process_uuid", "annotation": "str"})

    def __init__(
        self,
        *,
        events: Sequence[SessionStartEvent | SessionEndEvent | UnhandledExceptionEvent | GenericEvent],
        platform: str,
        sdk_version: str,
        session_id: str,
        process_uuid: str,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "events",
            "platform",
            "sdk_version",
            "session_id",
            "process_uuid",
        }
        try:
            _tinker_set(self, "events", _C_events(events, ("events",)))
            _tinker_set(self, "platform", _C_platform(platform, ("platform",)))
            _tinker_set(self, "sdk_version", _C_sdk_version(sdk_version, ("sdk_version",)))
            _tinker_set(self, "session_id", _C_session_id(session_id, ("session_id",)))
            _tinker_set(self, "process_uuid", _C_process_uuid(process_uuid, ("process_uuid",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("TelemetryBatch", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["events"] = [_f.to_wire(x) for x in self.events]
        out["platform"] = self.platform
        out["sdk_version"] = self.sdk_version
        out["session_id"] = self.session_id
        out["process_uuid"] = self.process_uuid
        return out
