from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.checkpoint_billing_event import CheckpointBillingEvent
    from ..models.sampling_prefill_billing_event import SamplingPrefillBillingEvent
    from ..models.sampling_sample_billing_event import SamplingSampleBillingEvent
    from ..models.storage_billing_event import StorageBillingEvent
    from ..models.training_billing_event import TrainingBillingEvent

    pass

_C_bucket_start: _f.Converter = _f.as_datetime
_C_bucket_end: _f.Converter = _f.as_datetime
_C_base_model: _f.Converter = _f.nullable(_f.as_str)
_D_base_model: Any = _f.Default(None)
_C_user_id: _f.Converter = _f.nullable(_f.as_str)
_D_user_id: Any = _f.Default(None)
_C_user_name: _f.Converter = _f.nullable(_f.as_str)
_D_user_name: Any = _f.Default(None)
_C_session_id: _f.Converter = _f.nullable(_f.as_str)
_D_session_id: Any = _f.Default(None)
_C_project_id: _f.Converter = _f.nullable(_f.as_str)
_D_project_id: Any = _f.Default(None)
_C_estimated_cost_usd: _f.Converter = _f.nullable(_f.as_float)
_D_estimated_cost_usd: Any = _f.Default(None)
_C_effective_rate_usd_per_million_tokens: _f.Converter = _f.nullable(_f.as_float)
_D_effective_rate_usd_per_million_tokens: Any = _f.Default(None)
_C_effective_rate_usd_per_gigabyte_month: _f.Converter = _f.nullable(_f.as_float)
_D_effective_rate_usd_per_gigabyte_month: Any = _f.Default(None)
_C_event_info: _f.Converter = _f.untagged(
    _f.ModelRef(__package__, "training_billing_event", "TrainingBillingEvent"),
    _f.ModelRef(__package__, "sampling_prefill_billing_event", "SamplingPrefillBillingEvent"),
    _f.ModelRef(__package__, "sampling_sample_billing_event", "SamplingSampleBillingEvent"),
    _f.ModelRef(__package__, "checkpoint_billing_event", "CheckpointBillingEvent"),
    _f.ModelRef(__package__, "storage_billing_event", "StorageBillingEvent"),
)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class BillingUsageEvent(TinkerModel):
    """
    The BillingUsageEvent type of the Tinker API.

    Attributes:
        bucket_start:
        bucket_end:
        base_model:
        user_id:
        user_name:
        session_id:
        project_id:
        estimated_cost_usd: 0.38
        effective_rate_usd_per_million_tokens: 0.38
        effective_rate_usd_per_gigabyte_month: 0.38
        event_info:
    """

    _tinker_title: ClassVar[str] = "BillingUsageEvent"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "bucket_start",
        "bucket_end",
        "base_model",
        "user_id",
        "user_name",
        "session_id",
        "project_id",
        "estimated_cost_usd",
        "effective_rate_usd_per_million_tokens",
        "effective_rate_usd_per_gigabyte_month",
        "event_info",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "bucket_start",
            "bucket_end",
            "event_info",
        }
    )

    bucket_start: datetime.datetime = _attrs_field(metadata={"wire": "bucket_start", "annotation": "datetime.datetime"})
    bucket_end: datetime.datetime = _attrs_field(metadata={"wire": "bucket_end", "annotation": "datetime.datetime"})
    base_model: str | None = _attrs_field(default=None, metadata={"wire": "base_model", "annotation": "str | None"})
    user_id: str | None = _attrs_field(default=None, metadata={"wire": "user_id", "annotation": "str | None"})
    user_name: str | None = _attrs_field(default=None, metadata={"wire": "user_name", "annotation": "str | None"})
    session_id: str | None = _attrs_field(default=None, metadata={"wire": "session_id", "annotation": "str | None"})
    project_id: str | None = _attrs_field(default=None, metadata={"wire": "project_id", "annotation": "str | None"})
    estimated_cost_usd: float | None = _attrs_field(
        default=None, metadata={"wire": "estimated_cost_usd", "annotation": "float | None", "doc": "0.38"}
    )
    effective_rate_usd_per_million_tokens: float | None = _attrs_field(
        default=None,
        metadata={"wire": "effective_rate_usd_per_million_tokens", "annotation": "float | None", "doc": "0.38"},
    )
    effective_rate_usd_per_gigabyte_month: float | None = _attrs_field(
        default=None,
        metadata={"wire": "effective_rate_usd_per_gigabyte_month", "annotation": "float | None", "doc": "0.38"},
    )
    event_info: (
        TrainingBillingEvent
        | SamplingPrefillBillingEvent
        | SamplingSampleBillingEvent
        | CheckpointBillingEvent
        | StorageBillingEvent
    ) = _attrs_field(
        metadata={
            "wire": "event_info",
            "annotation": "TrainingBillingEvent | SamplingPrefillBillingEvent | SamplingSampleBillingEvent | CheckpointBillingEvent | StorageBillingEvent",
        }
    )

    def __init__(
        self,
        *,
        bucket_start: datetime.datetime,
        bucket_end: datetime.datetime,
        event_info: TrainingBillingEvent
        | SamplingPrefillBillingEvent
        | SamplingSampleBillingEvent
        | CheckpointBillingEvent
        | StorageBillingEvent,
        base_model: str | None = _D_base_model,
        user_id: str | None = _D_user_id,
        user_name: str | None = _D_user_name,
        session_id: str | None = _D_session_id,
        project_id: str | None = _D_project_id,
        estimated_cost_usd: float | None = _D_estimated_cost_usd,
        effective_rate_usd_per_million_tokens: float | None = _D_effective_rate_usd_per_million_tokens,
        effective_rate_usd_per_gigabyte_month: float | None = _D_effective_rate_usd_per_gigabyte_month,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "bucket_start",
            "bucket_end",
            "event_info",
        }
        try:
            _tinker_set(self, "bucket_start", _C_bucket_start(bucket_start, ("bucket_start",)))
            _tinker_set(self, "bucket_end", _C_bucket_end(bucket_end, ("bucket_end",)))
            if _f.omitted(base_model, _D_base_model):
                _tinker_set(self, "base_model", _D_base_model.get())
            else:
                _tinker_fs.add("base_model")
                _tinker_set(self, "base_model", _C_base_model(base_model, ("base_model",)))
            if _f.omitted(user_id, _D_user_id):
                _tinker_set(self, "user_id", _D_user_id.get())
            else:
                _tinker_fs.add("user_id")
                _tinker_set(self, "user_id", _C_user_id(user_id, ("user_id",)))
            if _f.omitted(user_name, _D_user_name):
                _tinker_set(self, "user_name", _D_user_name.get())
            else:
                _tinker_fs.add("user_name")
                _tinker_set(self, "user_name", _C_user_name(user_name, ("user_name",)))
            if _f.omitted(session_id, _D_session_id):
                _tinker_set(self, "session_id", _D_session_id.get())
            else:
                _tinker_fs.add("session_id")
                _tinker_set(self, "session_id", _C_session_id(session_id, ("session_id",)))
            if _f.omitted(project_id, _D_project_id):
                _tinker_set(self, "project_id", _D_project_id.get())
            else:
                _tinker_fs.add("project_id")
                _tinker_set(self, "project_id", _C_project_id(project_id, ("project_id",)))
            if _f.omitted(estimated_cost_usd, _D_estimated_cost_usd):
                _tinker_set(self, "estimated_cost_usd", _D_estimated_cost_usd.get())
            else:
                _tinker_fs.add("estimated_cost_usd")
                _tinker_set(
                    self, "estimated_cost_usd", _C_estimated_cost_usd(estimated_cost_usd, ("estimated_cost_usd",))
                )
            if _f.omitted(effective_rate_usd_per_million_tokens, _D_effective_rate_usd_per_million_tokens):
                _tinker_set(
                    self, "effective_rate_usd_per_million_tokens", _D_effective_rate_usd_per_million_tokens.get()
                )
            else:
                _tinker_fs.add("effective_rate_usd_per_million_tokens")
                _tinker_set(
                    self,
                    "effective_rate_usd_per_million_tokens",
                    _C_effective_rate_usd_per_million_tokens(
                        effective_rate_usd_per_million_tokens, ("effective_rate_usd_per_million_tokens",)
                    ),
                )
            if _f.omitted(effective_rate_usd_per_gigabyte_month, _D_effective_rate_usd_per_gigabyte_month):
                _tinker_set(
                    self, "effective_rate_usd_per_gigabyte_month", _D_effective_rate_usd_per_gigabyte_month.get()
                )
            else:
                _tinker_fs.add("effective_rate_usd_per_gigabyte_month")
                _tinker_set(
                    self,
                    "effective_rate_usd_per_gigabyte_month",
                    _C_effective_rate_usd_per_gigabyte_month(
                        effective_rate_usd_per_gigabyte_month, ("effective_rate_usd_per_gigabyte_month",)
                    ),
                )
            _tinker_set(self, "event_info", _C_event_info(event_info, ("event_info",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("BillingUsageEvent", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["bucket_start"] = self.bucket_start.isoformat()
        out["bucket_end"] = self.bucket_end.isoformat()
        if self.base_model is not None:
            out["base_model"] = self.base_model
        if self.user_id is not None:
            out["user_id"] = self.user_id
        if self.user_name is not None:
            out["user_name"] = self.user_name
        if self.session_id is not None:
            out["session_id"] = self.session_id
        if self.project_id is not None:
            out["project_id"] = self.project_id
        if self.estimated_cost_usd is not None:
            out["estimated_cost_usd"] = self.estimated_cost_usd
        if self.effective_rate_usd_per_million_tokens is not None:
            out["effective_rate_usd_per_million_tokens"] = self.effective_rate_usd_per_million_tokens
        if self.effective_rate_usd_per_gigabyte_month is not None:
            out["effective_rate_usd_per_gigabyte_month"] = self.effective_rate_usd_per_gigabyte_month
        out["event_info"] = _f.to_wire(self.event_info)
        return out
