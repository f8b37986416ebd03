"""Telemetry, billing, storage-usage, audit-log and server-side custom-loss messages."""

from __future__ import annotations

import datetime as _dt
from typing import Any, ClassVar, Literal

import attrs

from ._base import WireModel

__all__ = [
    "AuditLogEntry",
    "AuditLogResponse",
    "BillingEventInfo",
    "BillingUsageEvent",
    "BillingUsageResponse",
    "BillingUsageSession",
    "CheckpointBillingEvent",
    "CreateCustomLossRequest",
    "CreateCustomLossResponse",
    "CurrentCheckpointStorageUsageItem",
    "CurrentCheckpointStorageUsageResponse",
    "CustomLossGraph",
    "CustomLossInput",
    "CustomLossInputRank",
    "CustomLossNode",
    "EventType",
    "GenericEvent",
    "GetBillingUsageRequest",
    "GetCurrentCheckpointStorageUsageRequest",
    "SamplingPrefillBillingEvent",
    "SamplingSampleBillingEvent",
    "SessionEndEvent",
    "SessionStartEvent",
    "Severity",
    "StorageBillingEvent",
    "TelemetryBatch",
    "TelemetryEvent",
    "TelemetryResponse",
    "TelemetrySendRequest",
    "TrainingBillingEvent",
    "UnhandledExceptionEvent",
]

EventType = Literal["SESSION_START", "SESSION_END", "UNHANDLED_EXCEPTION", "GENERIC_EVENT"]
Severity = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
CustomLossInputRank = Literal[0, 1, 2]


# ---- telemetry ---------------------------------------------------------------------------
@attrs.define(frozen=True, kw_only=True)
class SessionStartEvent(WireModel):
    event: EventType
    event_id: str
    event_session_index: int
    severity: Severity
    timestamp: _dt.datetime


@attrs.define(frozen=True, kw_only=True)
class SessionEndEvent(WireModel):
    duration: str
    event: EventType
    event_id: str
    event_session_index: int
    severity: Severity
    timestamp: _dt.datetime


@attrs.define(frozen=True, kw_only=True)
class UnhandledExceptionEvent(WireModel):
    error_message: str
    error_type: str
    event: EventType
    event_id: str
    event_session_index: int
    severity: Severity
    timestamp: _dt.datetime
    traceback: str | None = None


@attrs.define(frozen=True, kw_only=True)
class GenericEvent(WireModel):
    event: EventType
    event_id: str
    event_name: str
    event_session_index: int
    severity: Severity
    timestamp: _dt.datetime
    event_data: dict[str, object] = attrs.field(factory=dict)


TelemetryEvent = SessionStartEvent | SessionEndEvent | UnhandledExceptionEvent | GenericEvent


def _coerce_event(value: Any) -> Any:
    # Events are tagged by "event", not "type": pick the class from it.
    if isinstance(value, WireModel):
        return value
    kinds: dict[str, type[WireModel]] = {
        "SESSION_START": SessionStartEvent,
        "SESSION_END": SessionEndEvent,
        "UNHANDLED_EXCEPTION": UnhandledExceptionEvent,
        "GENERIC_EVENT": GenericEvent,
    }
    return kinds.get(value.get("event"), GenericEvent).from_dict(value)


def _coerce_events(value: Any) -> list[TelemetryEvent]:
    return [_coerce_event(e) for e in value]


@attrs.define(frozen=True, kw_only=True)
class TelemetryBatch(WireModel):
    events: list[TelemetryEvent] = attrs.field(converter=_coerce_events)
    platform: str
    sdk_version: str
    session_id: str
    process_uuid: str


@attrs.define(frozen=True, kw_only=True)
class TelemetrySendRequest(WireModel):
    _strict: ClassVar[bool] = True
    events: list[TelemetryEvent] = attrs.field(converter=_coerce_events)
    platform: str
    sdk_version: str
    session_id: str
    process_uuid: str


@attrs.define(frozen=True, kw_only=True)
class TelemetryResponse(WireModel):
    status: Literal["accepted"]


# ---- billing and storage -------------------------------------------------------------------
@attrs.define(frozen=True, kw_only=True)
class GetBillingUsageRequest(WireModel):
    _strict: ClassVar[bool] = True
    starting_on: _dt.datetime
    ending_before: _dt.datetime


@attrs.define(frozen=True, kw_only=True)
class TrainingBillingEvent(WireModel):
    type: Literal["training"] = "training"
    token_count: int


@attrs.define(frozen=True, kw_only=True)
class SamplingPrefillBillingEvent(WireModel):
    type: Literal["sampling_prefill"] = "sampling_prefill"
    cached: bool
    token_count: int


@attrs.define(frozen=True, kw_only=True)
class SamplingSampleBillingEvent(WireModel):
    type: Literal["sampling_sample"] = "sampling_sample"
    token_count: int


@attrs.define(frozen=True, kw_only=True)
class CheckpointBillingEvent(WireModel):
    type: Literal["checkpoint"] = "checkpoint"
    count: int


@attrs.define(frozen=True, kw_only=True)
class StorageBillingEvent(WireModel):
    type: Literal["storage"] = "storage"
    free: bool = False
    gigabyte_hours: float


BillingEventInfo = (
    TrainingBillingEvent
    | SamplingPrefillBillingEvent
    | SamplingSampleBillingEvent
    | CheckpointBillingEvent
    | StorageBillingEvent
)


@attrs.define(frozen=True, kw_only=True)
class BillingUsageEvent(WireModel):
    bucket_start: _dt.datetime
    bucket_end: _dt.datetime
    base_model: str | None = None
    user_id: str | None = None
    user_name: str | None = None
    session_id: str | None = None
    project_id: str | None = None
    estimated_cost_usd: float | None = None
    effective_rate_usd_per_million_tokens: float | None = None
    effective_rate_usd_per_gigabyte_month: float | None = None
    event_info: BillingEventInfo


@attrs.define(frozen=True, kw_only=True)
class BillingUsageSession(WireModel):
    user_metadata: dict[str, str] | None = None


@attrs.define(frozen=True, kw_only=True)
class BillingUsageResponse(WireModel):
    data: list[BillingUsageEvent]
    sessions: dict[str, BillingUsageSession] = attrs.field(factory=dict)
    cost_data_through: _dt.datetime | None = None


@attrs.define(frozen=True, kw_only=True)
class GetCurrentCheckpointStorageUsageRequest(WireModel):
    _strict: ClassVar[bool] = True
    project_id: str | None = None


@attrs.define(frozen=True, kw_only=True)
class CurrentCheckpointStorageUsageItem(WireModel):
    project_id: str | None = None
    org_user_urn: str | None = None
    user_email: str | None = None
    user_name: str | None = None
    checkpoint_count: int
    size_bytes: int
    size_gigabytes: float
    estimated_monthly_cost_usd: float | None = None


@attrs.define(frozen=True, kw_only=True)
class CurrentCheckpointStorageUsageResponse(WireModel):
    effective_rate_usd_per_gigabyte_month: float | None = None
    data: list[CurrentCheckpointStorageUsageItem]


@attrs.define(frozen=True, kw_only=True)
class AuditLogEntry(WireModel):
    timestamp: _dt.datetime
    event: str
    event_details: dict[str, object] = attrs.field(factory=dict)
    model_id: str | None = None
    tinker_path: str | None = None
    purpose: str | None = None


@attrs.define(frozen=True, kw_only=True)
class AuditLogResponse(WireModel):
    entries: list[AuditLogEntry]


# ---- server-side custom losses -----------------------------------------------------------------
@attrs.define(frozen=True, kw_only=True)
class CustomLossInput(WireModel):
    _strict: ClassVar[bool] = True
    name: str
    rank: CustomLossInputRank


@attrs.define(frozen=True, kw_only=True)
class CustomLossNode(WireModel):
    _strict: ClassVar[bool] = True
    op: Literal["placeholder", "get_attr", "call_function", "call_method", "call_module", "output"]
    name: str
    target: str
    args: list[Any] = attrs.field(factory=list)
    kwargs: dict[str, Any] = attrs.field(factory=dict)


@attrs.define(frozen=True, kw_only=True)
class CustomLossGraph(WireModel):
    _strict: ClassVar[bool] = True
    format: Literal[1] = 1
    nodes: list[CustomLossNode]


@attrs.define(frozen=True, kw_only=True)
class CreateCustomLossRequest(WireModel):
    _strict: ClassVar[bool] = True
    session_id: str
    custom_loss_seq_id: int
    name: str
    inputs: list[CustomLossInput]
    graph: CustomLossGraph
    type: Literal["create_custom_loss"] = "create_custom_loss"


@attrs.define(frozen=True, kw_only=True)
class CreateCustomLossResponse(WireModel):
    loss_id: str
    type: Literal["create_custom_loss"] = "create_custom_loss"
