from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_loss_id: _f.Converter = _f.as_str
_C_type: _f.Converter = _f.const("create_custom_loss")
_D_type: Any = _f.Default("create_custom_loss")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CreateCustomLossResponse(TinkerModel):
    """
    The CreateCustomLossResponse type of the Tinker API.

    Attributes:
        loss_id: names the loss in loss_fn_config {"loss_id": ...} of the same session
        type:
    """

    _tinker_title: ClassVar[str] = "CreateCustomLossResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "loss_id",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "create_custom_loss")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "loss_id",
        }
    )

    loss_id: str = _attrs_field(
        metadata={
            "wire": "loss_id",
            "annotation": "str",
            "doc": 'names the loss in loss_fn_config {"loss_id": ...} of the same session',
        }
    )
    type: Literal["create_custom_loss"] = _attrs_field(
        default="create_custom_loss", metadata={"wire": "type", "annotation": "Literal['create_custom_loss']"}
    )

    def __init__(
        self,
        *,
        loss_id: str,
        type: Literal["create_custom_loss"] = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "loss_id",
        }
        try:
            _tinker_set(self, "loss_id", _C_loss_id(loss_id, ("loss_id",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CreateCustomLossResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["loss_id"] = self.loss_id
        out["type"] = self.type
        return out
