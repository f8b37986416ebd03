from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.billing_usage_event import BillingUsageEvent
    from ..models.billing_usage_sessions import BillingUsageSessions

    pass

_C_data: _f.Converter = _f.list_of(_f.model(_f.ModelRef(__package__, "billing_usage_event", "BillingUsageEvent")))
_C_sessions: _f.Converter = _f.map_of(
    _f.model(_f.ModelRef(__package__, "billing_usage_session", "BillingUsageSession"))
)
_D_sessions: Any = _f.Default({})
_C_cost_data_through: _f.Converter = _f.nullable(_f.as_datetime)
_D_cost_data_through: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class BillingUsageResponse(TinkerModel):
    """
    The BillingUsageResponse type of the Tinker API.

    Attributes:
        data:
        sessions: session id -> session details
        cost_data_through: 0.38
    """

    _tinker_title: ClassVar[str] = "BillingUsageResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "data",
        "sessions",
        "cost_data_through",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "data",
        }
    )

    data: list[BillingUsageEvent] = _attrs_field(metadata={"wire": "data", "annotation": "list[BillingUsageEvent]"})
    sessions: BillingUsageSessions = _attrs_field(
        factory=dict,
        metadata={
            "wire": "sessions",
            "annotation": "BillingUsageSessions",
            "doc": "session id -\u003e session details",
        },
    )
    cost_data_through: datetime.datetime | None = _attrs_field(
        default=None, metadata={"wire": "cost_data_through", "annotation": "datetime.datetime | None", "doc": "0.38"}
    )

    def __init__(
        self,
        *,
        data: Sequence[BillingUsageEvent],
        sessions: BillingUsageSessions = _D_sessions,
        cost_data_through: datetime.datetime | None = _D_cost_data_through,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "data",
        }
        try:
            _tinker_set(self, "data", _C_data(data, ("data",)))
            if _f.omitted(sessions, _D_sessions):
                _tinker_set(self, "sessions", _D_sessions.get())
            else:
                _tinker_fs.add("sessions")
                _tinker_set(self, "sessions", _C_sessions(sessions, ("sessions",)))
            if _f.omitted(cost_data_through, _D_cost_data_through):
                _tinker_set(self, "cost_data_through", _D_cost_data_through.get())
            else:
                _tinker_fs.add("cost_data_through")
                _tinker_set(self, "cost_data_through", _C_cost_data_through(cost_data_through, ("cost_data_through",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("BillingUsageResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["data"] = [x.to_dict() for x in self.data]
        out["sessions"] = {k: v.to_dict() for k, v in self.sessions.items()}
        if self.cost_data_through is not None:
            out["cost_data_through"] = _f.to_wire(self.cost_data_through)
        return out
