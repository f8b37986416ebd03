from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.current_checkpoint_storage_usage_item import CurrentCheckpointStorageUsageItem

    pass

_C_effective_rate_usd_per_gigabyte_month: _f.Converter = _f.nullable(_f.as_float)
_D_effective_rate_usd_per_gigabyte_month: Any = _f.Default(None)
_C_data: _f.Converter = _f.list_of(
    _f.model(_f.ModelRef(__package__, "current_checkpoint_storage_usage_item", "CurrentCheckpointStorageUsageItem"))
)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CurrentCheckpointStorageUsageResponse(TinkerModel):
    """
    The CurrentCheckpointStorageUsageResponse type of the Tinker API.

    Attributes:
        effective_rate_usd_per_gigabyte_month:
        data:
    """

    _tinker_title: ClassVar[str] = "CurrentCheckpointStorageUsageResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "effective_rate_usd_per_gigabyte_month",
        "data",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "data",
        }
    )

    effective_rate_usd_per_gigabyte_month: float | None = _attrs_field(
        default=None, metadata={"wire": "effective_rate_usd_per_gigabyte_month", "annotation": "float | None"}
    )
    data: list[CurrentCheckpointStorageUsageItem] = _attrs_field(
        metadata={"wire": "data", "annotation": "list[CurrentCheckpointStorageUsageItem]"}
    )

    def __init__(
        self,
        *,
        data: Sequence[CurrentCheckpointStorageUsageItem],
        effective_rate_usd_per_gigabyte_month: float | None = _D_effective_rate_usd_per_gigabyte_month,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "data",
        }
        try:
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
            _tinker_set(self, "data", _C_data(data, ("data",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CurrentCheckpointStorageUsageResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        if self.effective_rate_usd_per_gigabyte_month is not None:
            out["effective_rate_usd_per_gigabyte_month"] = self.effective_rate_usd_per_gigabyte_month
        out["data"] = [x.to_dict() for x in self.data]
        return out
