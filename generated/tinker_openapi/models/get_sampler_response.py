from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_sampler_id: _f.Converter = _f.as_str
_C_base_model: _f.Converter = _f.as_str
_C_model_path: _f.Converter = _f.nullable(_f.as_str)
_D_model_path: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class GetSamplerResponse(TinkerModel):
    """
    The GetSamplerResponse type of the Tinker API.

    Attributes:
        sampler_id:
        base_model:
        model_path:
    """

    _tinker_title: ClassVar[str] = "GetSamplerResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "sampler_id",
        "base_model",
        "model_path",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "sampler_id",
            "base_model",
        }
    )

    sampler_id: str = _attrs_field(metadata={"wire": "sampler_id", "annotation": "str"})
    base_model: str = _attrs_field(metadata={"wire": "base_model", "annotation": "str"})
    model_path: str | None = _attrs_field(default=None, metadata={"wire": "model_path", "annotation": "str | None"})

    def __init__(
        self,
        *,
        sampler_id: str,
        base_model: str,
        model_path: str | None = _D_model_path,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "sampler_id",
            "base_model",
        }
        try:
            _tinker_set(self, "sampler_id", _C_sampler_id(sampler_id, ("sampler_id",)))
            _tinker_set(self, "base_model", _C_base_model(base_model, ("base_model",)))
            if _f.omitted(model_path, _D_model_path):
                _tinker_set(self, "model_path", _D_model_path.get())
            else:
                _tinker_fs.add("model_path")
                _tinker_set(self, "model_path", _C_model_path(model_path, ("model_path",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("GetSamplerResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["sampler_id"] = self.sampler_id
        out["base_model"] = self.base_model
        if self.model_path is not None:
            out["model_path"] = self.model_path
        return out
