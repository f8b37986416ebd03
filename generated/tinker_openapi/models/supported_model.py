from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_model_name: _f.Converter = _f.nullable(_f.as_str)
_D_model_name: Any = _f.Default(None)
_C_max_context_length: _f.Converter = _f.nullable(_f.as_int)
_D_max_context_length: Any = _f.Default(None)
_C_trainable: _f.Converter = _f.nullable(_f.as_bool)
_D_trainable: Any = _f.Default(None)
_C_sampleable: _f.Converter = _f.nullable(_f.as_bool)
_D_sampleable: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SupportedModel(TinkerModel):
    """
    The SupportedModel type of the Tinker API.

    Attributes:
        model_name:
        max_context_length:
        trainable: 0.38
        sampleable: 0.38
    """

    _tinker_title: ClassVar[str] = "SupportedModel"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "model_name",
        "max_context_length",
        "trainable",
        "sampleable",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    model_name: str | None = _attrs_field(default=None, metadata={"wire": "model_name", "annotation": "str | None"})
    max_context_length: int | None = _attrs_field(
        default=None, metadata={"wire": "max_context_length", "annotation": "int | None"}
    )
    trainable: bool | None = _attrs_field(
        default=None, metadata={"wire": "trainable", "annotation": "bool | None", "doc": "0.38"}
    )
    sampleable: bool | None = _attrs_field(
        default=None, metadata={"wire": "sampleable", "annotation": "bool | None", "doc": "0.38"}
    )

    def __init__(
        self,
        *,
        model_name: str | None = _D_model_name,
        max_context_length: int | None = _D_max_context_length,
        trainable: bool | None = _D_trainable,
        sampleable: bool | None = _D_sampleable,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(model_name, _D_model_name):
                _tinker_set(self, "model_name", _D_model_name.get())
            else:
                _tinker_fs.add("model_name")
                _tinker_set(self, "model_name", _C_model_name(model_name, ("model_name",)))
            if _f.omitted(max_context_length, _D_max_context_length):
                _tinker_set(self, "max_context_length", _D_max_context_length.get())
            else:
                _tinker_fs.add("max_context_length")
                _tinker_set(
                    self, "max_context_length", _C_max_context_length(max_context_length, ("max_context_length",))
                )
            if _f.omitted(trainable, _D_trainable):
                _tinker_set(self, "trainable", _D_trainable.get())
            else:
                _tinker_fs.add("trainable")
                _tinker_set(self, "trainable", _C_trainable(trainable, ("trainable",)))
            if _f.omitted(sampleable, _D_sampleable):
                _tinker_set(self, "sampleable", _D_sampleable.get())
            else:
                _tinker_fs.add("sampleable")
                _tinker_set(self, "sampleable", _C_sampleable(sampleable, ("sampleable",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SupportedModel", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        if self.model_name is not None:
            out["model_name"] = self.model_name
        if self.max_context_length is not None:
            out["max_context_length"] = self.max_context_length
        if self.trainable is not None:
            out["trainable"] = self.trainable
        if self.sampleable is not None:
            out["sampleable"] = self.sampleable
        return out
