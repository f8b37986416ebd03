from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.const("storage")
_D_type: Any = _f.Default("storage")
_C_free: _f.Converter = _f.as_bool
_D_free: Any = _f.Default(False)
_C_gigabyte_hours: _f.Converter = _f.as_float


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class StorageBillingEvent(TinkerModel):
    """
    The StorageBillingEvent type of the Tinker API.

    Attributes:
        type:
        free: 0.38; absent means false
        gigabyte_hours:
    """

    _tinker_title: ClassVar[str] = "StorageBillingEvent"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "free",
        "gigabyte_hours",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "storage")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "gigabyte_hours",
        }
    )

    type: Literal["storage"] = _attrs_field(
        default="storage", metadata={"wire": "type", "annotation": "Literal['storage']"}
    )
    free: bool = _attrs_field(
        default=False, metadata={"wire": "free", "annotation": "bool", "doc": "0.38; absent means false"}
    )
    gigabyte_hours: float = _attrs_field(metadata={"wire": "gigabyte_hours", "annotation": "float"})

    def __init__(
        self,
        *,
        gigabyte_hours: float,
        type: Literal["storage"] = _D_type,
        free: bool = _D_free,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "gigabyte_hours",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            if _f.omitted(free, _D_free):
                _tinker_set(self, "free", _D_free.get())
            else:
                _tinker_fs.add("free")
                _tinker_set(self, "free", _C_free(free, ("free",)))
            _tinker_set(self, "gigabyte_hours", _C_gigabyte_hours(gigabyte_hours, ("gigabyte_hours",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("StorageBillingEvent", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["type"] = self.type
        out["free"] = self.free
        out["gigabyte_hours"] = self.gigabyte_hours
        return out
