from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.string_user_metadata import StringUserMetadata

    pass

_C_model_id: _f.Converter = _f.as_str
_C_path: _f.Converter = _f.nullable(_f.as_str)
_D_path: Any = _f.Default(None)
_C_seq_id: _f.Converter = _f.nullable(_f.as_int)
_D_seq_id: Any = _f.Default(None)
_C_ttl_seconds: _f.Converter = _f.nullable(_f.as_int)
_D_ttl_seconds: Any = _f.Default(None)
_C_overwrite: _f.Converter = _f.as_bool
_D_overwrite: Any = _f.Default(False)
_C_user_metadata: _f.Converter = _f.nullable(_f.map_of(_f.as_str))
_D_user_metadata: Any = _f.Default(None)
_C_type: _f.Converter = _f.const("save_weights")
_D_type: Any = _f.Default("save_weights")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SaveWeightsRequest(TinkerModel):
    """
    The SaveWeightsRequest type of the Tinker API.

    Attributes:
        model_id:
        path: checkpoint name (server picks one when absent)
        seq_id:
        ttl_seconds:
        overwrite:
        user_metadata:
        type:
    """

    _tinker_title: ClassVar[str] = "SaveWeightsRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "model_id",
        "path",
        "seq_id",
        "ttl_seconds",
        "overwrite",
        "user_metadata",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "save_weights")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "model_id",
        }
    )

    model_id: str = _attrs_field(metadata={"wire": "model_id", "annotation": "str"})
    path: str | None = _attrs_field(
        default=None,
        metadata={"wire": "path", "annotation": "str | None", "doc": "checkpoint name (server picks one when absent)"},
    )
    seq_id: int | None = _attrs_field(default=None, metadata={"wire": "seq_id", "annotation": "int | None"})
    ttl_seconds: int | None = _attrs_field(default=None, metadata={"wire": "ttl_seconds", "annotation": "int | None"})
    overwrite: bool = _attrs_field(default=False, metadata={"wire": "overwrite", "annotation": "bool"})
    user_metadata: StringUserMetadata | None = _attrs_field(
        default=None, metadata={"wire": "user_metadata", "annotation": "StringUserMetadata | None"}
    )
    type: Literal["save_weights"] = _attrs_field(
        default="save_weights", metadata={"wire": "type", "annotation": "Literal['save_weights']"}
    )

    def __init__(
        self,
        *,
        model_id: str,
        path: str | None = _D_path,
        seq_id: int | None = _D_seq_id,
        ttl_seconds: int | None = _D_ttl_seconds,
        overwrite: bool = _D_overwrite,
        user_metadata: StringUserMetadata | None = _D_user_metadata,
        type: Literal["save_weights"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("SaveWeightsRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "model_id",
        }
        try:
            _tinker_set(self, "model_id", _C_model_id(model_id, ("model_id",)))
            if _f.omitted(path, _D_path):
                _tinker_set(self, "path", _D_path.get())
            else:
                _tinker_fs.add("path")
                _tinker_set(self, "path", _C_path(path, ("path",)))
            if _f.omitted(seq_id, _D_seq_id):
                _tinker_set(self, "seq_id", _D_seq_id.get())
            else:
                _tinker_fs.add("seq_id")
                _tinker_set(self, "seq_id", _C_seq_id(seq_id, ("seq_id",)))
            if _f.omitted(ttl_seconds, _D_ttl_seconds):
                _tinker_set(self, "ttl_seconds", _D_ttl_seconds.get())
            else:
                _tinker_fs.add("ttl_seconds")
                _tinker_set(self, "ttl_seconds", _C_ttl_seconds(ttl_seconds, ("ttl_seconds",)))
            if _f.omitted(overwrite, _D_overwrite):
                _tinker_set(self, "overwrite", _D_overwrite.get())
            else:
                _tinker_fs.add("overwrite")
                _tinker_set(self, "overwrite", _C_overwrite(overwrite, ("overwrite",)))
            if _f.omitted(user_metadata, _D_user_metadata):
                _tinker_set(self, "user_metadata", _D_user_metadata.get())
            else:
                _tinker_fs.add("user_metadata")
                _tinker_set(self, "user_metadata", _C_user_metadata(user_metadata, ("user_metadata",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SaveWeightsRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["model_id"] = self.model_id
        if self.path is not None:
            out["path"] = self.path
        if self.seq_id is not None:
            out["seq_id"] = self.seq_id
        if self.ttl_seconds is not None:
            out["ttl_seconds"] = self.ttl_seconds
        out["overwrite"] = self.overwrite
        if self.user_metadata is not None:
            out["user_metadata"] = _f.to_wire(self.user_metadata)
        out["type"] = self.type
        return out
