from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_sampling_session_id: _f.Converter = _f.as_str
_C_path: _f.Converter = _f.nullable(_f.as_str)
_D_path: Any = _f.Default(None)
_C_type: _f.Converter = _f.const("save_weights_for_sampler")
_D_type: Any = _f.Default("save_weights_for_sampler")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SaveWeightsForSamplerSessionResponse(TinkerModel):
    """
    result of an unnamed save_weights_for_sampler (a sampling session on the saved weights)

    Attributes:
        sampling_session_id:
        path:
        type:
    """

    _tinker_title: ClassVar[str] = "SaveWeightsForSamplerSessionResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "sampling_session_id",
        "path",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "save_weights_for_sampler")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "sampling_session_id",
        }
    )

    sampling_session_id: str = _attrs_field(metadata={"wire": "sampling_session_id", "annotation": "str"})
    path: str | None = _attrs_field(default=None, metadata={"wire": "path", "annotation": "str | None"})
    type: Literal["save_weights_for_sampler"] = _attrs_field(
        default="save_weights_for_sampler",
        metadata={"wire": "type", "annotation": "Literal['save_weights_for_sampler']"},
    )

    def __init__(
        self,
        *,
        sampling_session_id: str,
        path: str | None = _D_path,
        type: Literal["save_weights_for_sampler"] = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "sampling_session_id",
        }
        try:
            _tinker_set(
                self, "sampling_session_id", _C_sampling_session_id(sampling_session_id, ("sampling_session_id",))
            )
            if _f.omitted(path, _D_path):
                _tinker_set(self, "path", _D_path.get())
            else:
                _tinker_fs.add("path")
                _tinker_set(self, "path", _C_path(path, ("path",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SaveWeightsForSamplerSessionResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["sampling_session_id"] = self.sampling_session_id
        if self.path is not None:
            out["path"] = self.path
        out["type"] = self.type
        return out
