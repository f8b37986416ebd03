from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_starting_on: _f.Converter = _f.as_datetime
_C_ending_before: _f.Converter = _f.as_datetime


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class GetBillingUsageRequest(TinkerModel):
    """
    the query of get_billing_usage_events, as a type

    Attributes:
        starting_on:
        ending_before:
    """

    _tinker_title: ClassVar[str] = "GetBillingUsageRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "starting_on",
        "ending_before",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "starting_on",
            "ending_before",
        }
    )

    starting_on: datetime.datetime = _attrs_field(metadata={"wire": "starting_on", "annotation": "datetime.datetime"})
    ending_before: datetime.datetime = _attrs_field(
        metadata={"wire": "ending_before", "annotation": "datetime.datetime"}
    )

    def __init__(
        self,
        *,
        starting_on: datetime.datetime,
        ending_before: datetime.datetime,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("GetBillingUsageRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "starting_on",
            "ending_before",
        }
        try:
            _tinker_set(self, "starting_on", _C_starting_on(starting_on, ("starting_on",)))
            _tinker_set(self, "ending_before", _C_ending_before(ending_before, ("ending_before",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("GetBillingUsageRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["starting_on"] = self.starting_on.isoformat()
        out["ending_before"] = self.ending_before.isoformat()
        return out
