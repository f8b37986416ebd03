from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_arch: _f.Converter = _f.nullable(_f.as_str)
_D_arch: Any = _f.Default(None)
_C_model_name: _f.Converter = _f.nullable(_f.as_str)
_D_model_name: Any = _f.Default(None)
_C_tokenizer_id: _f.Converter = _f.nullable(_f.as_str)
_D_tokenizer_id: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ModelData(TinkerModel):
    """
    The ModelData type of the Tinker API.

    Attributes:
        arch:
        model_name: Hugging Face name the tokenizer is loaded from
        tokenizer_id:
    """

    _tinker_title: ClassVar[str] = "ModelData"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "arch",
        "model_name",
        "tokenizer_id",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    arch: str | None = _attrs_field(default=None, metadata={"wire": "arch", "annotation": "str | None"})
    model_name: str | None = _attrs_field(
        default=None,
        metadata={
            "wire": "model_name",
            "annotation": "str | None",
            "doc": "Hugging Face name the tokenizer is loaded from",
        },
    )
    tokenizer_id: str | None = _attrs_field(default=None, metadata={"wire": "tokenizer_id", "annotation": "str | None"})

    def __init__(
        self,
        *,
        arch: str | None = _D_arch,
        model_name: str | None = _D_model_name,
        tokenizer_id: str | None = _D_tokenizer_id,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(arch, _D_arch):
                _tinker_set(self, "arch", _D_arch.get())
            else:
                _tinker_fs.add("arch")
                _tinker_set(self, "arch", _C_arch(arch, ("arch",)))
            if _f.omitted(model_name, _D_model_name):
                _tinker_set(self, "model_name", _D_model_name.get())
            else:
                _tinker_fs.add("model_name")
                _tinker_set(self, "model_name", _C_model_name(model_name, ("model_name",)))
            if _f.omitted(tokenizer_id, _D_tokenizer_id):
                _tinker_set(self, "tokenizer_id", _D_tokenizer_id.get())
            else:
                _tinker_fs.add("tokenizer_id")
                _tinker_set(self, "tokenizer_id", _C_tokenizer_id(tokenizer_id, ("tokenizer_id",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ModelData", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        if self.arch is not None:
            out["arch"] = self.arch
        if self.model_name is not None:
            out["model_name"] = self.model_name
        if self.tokenizer_id is not None:
            out["tokenizer_id"] = self.tokenizer_id
        return out
