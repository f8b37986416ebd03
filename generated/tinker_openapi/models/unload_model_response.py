from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_model_id: _f.Converter = _f.as_str
_C_type: _f.Converter = _f.nullable(_f.const("unload_model"))
_D_type: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class UnloadModelResponse(TinkerModel):
    """
    The UnloadModelResponse type of the Tinker API.

    Attributes:
        model_id:
        type:
    """

    _tinker_title: ClassVar[str] = "UnloadModelResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "model_id",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "unload_model")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "model_id",
        }
    )

    model_id: str = _attrs_field(metadata={"wire": "model_id", "annotation": "str"})
    type: Literal["unload_model"] | None = _attrs_field(
        default=None, metadata={"wire": "type", "annotation": "Literal['unload_model'] | None"}
    )

    def __init__(
        self,
        *,
        model_id: str,
        type: Literal["unload_model"] | None = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "model_id",
        }
        try:
            _tinker_set(self, "model_id", _C_model_id(model_id, ("model_id",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("UnloadModelResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["model_id"] = self.model_id
        if self.type is not None:
            out["type"] = self.type
        return out
