from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.const("checkpoint")
_D_type: Any = _f.Default("checkpoint")
_C_count: _f.Converter = _f.as_int


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CheckpointBillingEvent(TinkerModel):
    """
    The CheckpointBillingEvent type of the Tinker API.

    Attributes:
        type:
        count:
    """

    _tinker_title: ClassVar[str] = "CheckpointBillingEvent"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "count",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "checkpoint")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "count",
        }
    )

    type: Literal["checkpoint"] = _attrs_field(
        default="checkpoint", metadata={"wire": "type", "annotation": "Literal['checkpoint']"}
    )
    count: int = _attrs_field(metadata={"wire": "count", "annotation": "int"})

    def __init__(
        self,
        *,
        count: int,
        type: Literal["checkpoint"] = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "count",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            _tinker_set(self, "count", _C_count(count, ("count",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CheckpointBillingEvent", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["type"] = self.type
        out["count"] = self.count
        return out
