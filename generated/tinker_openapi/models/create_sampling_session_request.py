from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_session_id: _f.Converter = _f.as_str
_C_sampling_session_seq_id: _f.Converter = _f.as_int
_C_base_model: _f.Converter = _f.nullable(_f.as_str)
_D_base_model: Any = _f.Default(None)
_C_model_path: _f.Converter = _f.nullable(_f.as_str)
_D_model_path: Any = _f.Default(None)
_C_type: _f.Converter = _f.const("create_sampling_session")
_D_type: Any = _f.Default("create_sampling_session")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CreateSamplingSessionRequest(TinkerModel):
    """
    exactly one of base_model / model_path

    Attributes:
        session_id:
        sampling_session_seq_id:
        base_model:
        model_path: tinker://.../sampler_weights/<name>
        type:
    """

    _tinker_title: ClassVar[str] = "CreateSamplingSessionRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "session_id",
        "sampling_session_seq_id",
        "base_model",
        "model_path",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "create_sampling_session")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "session_id",
            "sampling_session_seq_id",
        }
    )

    session_id: str = _attrs_field(metadata={"wire": "session_id", "annotation": "str"})
    sampling_session_seq_id: int = _attrs_field(metadata={"wire": "sampling_session_seq_id", "annotation": "int"})
    base_model: str | None = _attrs_field(default=None, metadata={"wire": "base_model", "annotation": "str | None"})
    model_path: str | None = _attrs_field(
        default=None,
        metadata={
            "wire": "model_path",
            "annotation": "str | None",
            "doc": "tinker://.../sampler_weights/\u003cname\u003e",
        },
    )
    type: Literal["create_sampling_session"] = _attrs_field(
        default="create_sampling_session", metadata={"wire": "type", "annotation": "Literal['create_sampling_session']"}
    )

    def __init__(
        self,
        *,
        session_id: str,
        sampling_session_seq_id: int,
        base_model: str | None = _D_base_model,
        model_path: str | None = _D_model_path,
        type: Literal["create_sampling_session"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("CreateSamplingSessionRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "session_id",
            "sampling_session_seq_id",
        }
        try:
            _tinker_set(self, "session_id", _C_session_id(session_id, ("session_id",)))
            _tinker_set(
                self,
                "sampling_session_seq_id",
                _C_sampling_session_seq_id(sampling_session_seq_id, ("sampling_session_seq_id",)),
            )
            if _f.omitted(base_model, _D_base_model):
                _tinker_set(self, "base_model", _D_base_model.get())
            else:
                _tinker_fs.add("base_model")
                _tinker_set(self, "base_model", _C_base_model(base_model, ("base_model",)))
            if _f.omitted(model_path, _D_model_path):
                _tinker_set(self, "model_path", _D_model_path.get())
            else:
                _tinker_fs.add("model_path")
                _tinker_set(self, "model_path", _C_model_path(model_path, ("model_path",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CreateSamplingSessionRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["session_id"] = self.session_id
        out["sampling_session_seq_id"] = self.sampling_session_seq_id
        if self.base_model is not None:
            out["base_model"] = self.base_model
        if self.model_path is not None:
            out["model_path"] = self.model_path
        out["type"] = self.type
        return out
