from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_path: _f.Converter = _f.nullable(_f.as_str)
_D_path: Any = _f.Default(None)
_C_size_bytes: _f.Converter = _f.nullable(_f.as_int)
_D_size_bytes: Any = _f.Default(None)
_C_type: _f.Converter = _f.nullable(_f.const("save_weights_external"))
_D_type: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SaveWeightsExternalResponseInternal(TinkerModel):
    """
    the raw result of save_weights_external

    Attributes:
        path:
        size_bytes:
        type:
    """

    _tinker_title: ClassVar[str] = "SaveWeightsExternalResponseInternal"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "path",
        "size_bytes",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "save_weights_external")
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    path: str | None = _attrs_field(default=None, metadata={"wire": "path", "annotation": "str | None"})
    size_bytes: int | None = _attrs_field(default=None, metadata={"wire": "size_bytes", "annotation": "int | None"})
    type: Literal["save_weights_external"] | None = _attrs_field(
        default=None, metadata={"wire": "type", "annotation": "Literal['save_weights_external'] | None"}
    )

    def __init__(
        self,
        *,
        path: str | None = _D_path,
        size_bytes: int | None = _D_size_bytes,
        type: Literal["save_weights_external"] | None = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(path, _D_path):
                _tinker_set(self, "path", _D_path.get())
            else:
                _tinker_fs.add("path")
                _tinker_set(self, "path", _C_path(path, ("path",)))
            if _f.omitted(size_bytes, _D_size_bytes):
                _tinker_set(self, "size_bytes", _D_size_bytes.get())
            else:
                _tinker_fs.add("size_bytes")
                _tinker_set(self, "size_bytes", _C_size_bytes(size_bytes, ("size_bytes",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SaveWeightsExternalResponseInternal", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        if self.path is not None:
            out["path"] = self.path
        if self.size_bytes is not None:
            out["size_bytes"] = self.size_bytes
        if self.type is not None:
            out["type"] = self.type
        return out
