from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.checkpoints import SaveWeightsResponseBehaviour
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_path: _f.Converter = _f.as_str
_C_type: _f.Converter = _f.nullable(_f.const("save_weights"))
_D_type: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SaveWeightsResponse(SaveWeightsResponseBehaviour, TinkerModel):
    """
    The SaveWeightsResponse type of the Tinker API.

    Attributes:
        path: tinker://<run>/weights/<name>
        type:
    """

    _tinker_title: ClassVar[str] = "SaveWeightsResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "path",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "save_weights")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "path",
        }
    )

    path: str = _attrs_field(
        metadata={"wire": "path", "annotation": "str", "doc": "tinker://\u003crun\u003e/weights/\u003cname\u003e"}
    )
    type: Literal["save_weights"] | None = _attrs_field(
        default=None, metadata={"wire": "type", "annotation": "Literal['save_weights'] | None"}
    )

    def __init__(
        self,
        *,
        path: str,
        type: Literal["save_weights"] | None = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "path",
        }
        try:
            _tinker_set(self, "path", _C_path(path, ("path",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SaveWeightsResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["path"] = self.path
        if self.type is not None:
            out["type"] = self.type
        return out
