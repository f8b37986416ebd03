from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.adam_optimizer_config import AdamOptimizerConfig
    from ..models.dimuon_optimizer_config import DimuonOptimizerConfig
    from ..models.optimizer_config_base import OptimizerConfigBase
    from ..models.user_metadata import UserMetadata

    pass

_C_model_id: _f.Converter = _f.nullable(_f.as_str)
_D_model_id: Any = _f.Default(None)
_C_seq_id: _f.Converter = _f.nullable(_f.as_int)
_D_seq_id: Any = _f.Default(None)
_C_session_id: _f.Converter = _f.nullable(_f.as_str)
_D_session_id: Any = _f.Default(None)
_C_model_seq_id: _f.Converter = _f.nullable(_f.as_int)
_D_model_seq_id: Any = _f.Default(None)
_C_base_model: _f.Converter = _f.nullable(_f.as_str)
_D_base_model: Any = _f.Default(None)
_C_user_metadata: _f.Converter = _f.nullable(_f.map_of(_f.as_any))
_D_user_metadata: Any = _f.Default(None)
_C_path: _f.Converter = _f.as_str
_C_optimizer: _f.Converter = _f.as_bool
_C_optimizer_config: _f.Converter = _f.nullable(
    _f.untagged(
        _f.ModelRef(__package__, "adam_optimizer_config", "AdamOptimizerConfig"),
        _f.ModelRef(__package__, "dimuon_optimizer_config", "DimuonOptimizerConfig"),
        _f.ModelRef(__package__, "optimizer_config_base", "OptimizerConfigBase"),
    )
)
_D_optimizer_config: Any = _f.Default(None)
_C_weights_access_token: _f.Converter = _f.nullable(_f.as_str)
_D_weights_access_token: Any = _f.Default(None)
_C_type: _f.Converter = _f.const("load_weights")
_D_type: Any = _f.Default("load_weights")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class LoadWeightsRequest(TinkerModel):
    """
    Onto an existing model: `model_id` + `seq_id`. As model creation (0.38
    create_training_client_from_state): `session_id` + `model_seq_id` (+ `base_model`,
    `user_metadata`, `optimizer_config`).

    Attributes:
        model_id:
        seq_id:
        session_id:
        model_seq_id:
        base_model:
        user_metadata:
        path: tinker://... path of the checkpoint
        optimizer: also restore the optimizer state
        optimizer_config:
        weights_access_token:
        type:
    """

    _tinker_title: ClassVar[str] = "LoadWeightsRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "model_id",
        "seq_id",
        "session_id",
        "model_seq_id",
        "base_model",
        "user_metadata",
        "path",
        "optimizer",
        "optimizer_config",
        "weights_access_token",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "load_weights")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "path",
            "optimizer",
        }
    )

    model_id: str | None = _attrs_field(default=None, metadata={"wire": "model_id", "annotation": "str | None"})
    seq_id: int | None = _attrs_field(default=None, metadata={"wire": "seq_id", "annotation": "int | None"})
    session_id: str | None = _attrs_field(default=None, metadata={"wire": "session_id", "annotation": "str | None"})
    model_seq_id: int | None = _attrs_field(default=None, metadata={"wire": "model_seq_id", "annotation": "int | None"})
    base_model: str | None = _attrs_field(default=None, metadata={"wire": "base_model", "annotation": "str | None"})
    user_metadata: UserMetadata | None = _attrs_field(
        default=None, metadata={"wire": "user_metadata", "annotation": "UserMetadata | None"}
    )
    path: str = _attrs_field(
        metadata={"wire": "path", "annotation": "str", "doc": "tinker://... path of the checkpoint"}
    )
    optimizer: bool = _attrs_field(
        metadata={"wire": "optimizer", "annotation": "bool", "doc": "also restore the optimizer state"}
    )
    optimizer_config: AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase | None = _attrs_field(
        default=None,
        metadata={
            "wire": "optimizer_config",
            "annotation": "AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase | None",
        },
    )
    weights_access_token: str | None = _attrs_field(
        default=None, metadata={"wire": "weights_access_token", "annotation": "str | None"}
    )
    type: Literal["load_weights"] = _attrs_field(
        default="load_weights", metadata={"wire": "type", "annotation": "Literal['load_weights']"}
    )

    def __init__(
        self,
        *,
        path: str,
        optimizer: bool,
        model_id: str | None = _D_model_id,
        seq_id: int | None = _D_seq_id,
        session_id: str | None = _D_session_id,
        model_seq_id: int | None = _D_model_seq_id,
        base_model: str | None = _D_base_model,
        user_metadata: UserMetadata | None = _D_user_metadata,
        optimizer_config: AdamOptimizerConfig
        | DimuonOptimizerConfig
        | OptimizerConfigBase
        | None = _D_optimizer_config,
        weights_access_token: str | None = _D_weights_access_token,
        type: Literal["load_weights"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("LoadWeightsRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "path",
            "optimizer",
        }
        try:
            if _f.omitted(model_id, _D_model_id):
                _tinker_set(self, "model_id", _D_model_id.get())
            else:
                _tinker_fs.add("model_id")
                _tinker_set(self, "model_id", _C_model_id(model_id, ("model_id",)))
            if _f.omitted(seq_id, _D_seq_id):
                _tinker_set(self, "seq_id", _D_seq_id.get())
            else:
                _tinker_fs.add("seq_id")
                _tinker_set(self, "seq_id", _C_seq_id(seq_id, ("seq_id",)))
            if _f.omitted(session_id, _D_session_id):
                _tinker_set(self, "session_id", _D_session_id.get())
            else:
                _tinker_fs.add("session_id")
                _tinker_set(self, "session_id", _C_session_id(session_id, ("session_id",)))
            if _f.omitted(model_seq_id, _D_model_seq_id):
                _tinker_set(self, "model_seq_id", _D_model_seq_id.get())
            else:
                _tinker_fs.add("model_seq_id")
                _tinker_set(self, "model_seq_id", _C_model_seq_id(model_seq_id, ("model_seq_id",)))
            if _f.omitted(base_model, _D_base_model):
                _tinker_set(self, "base_model", _D_base_model.get())
            else:
                _tinker_fs.add("base_model")
                _tinker_set(self, "base_model", _C_base_model(base_model, ("base_model",)))
            if _f.omitted(user_metadata, _D_user_metadata):
                _tinker_set(self, "user_metadata", _D_user_metadata.get())
            else:
                _tinker_fs.add("user_metadata")
                _tinker_set(self, "user_metadata", _C_user_metadata(user_metadata, ("user_metadata",)))
            _tinker_set(self, "path", _C_path(path, ("path",)))
            _tinker_set(self, "optimizer", _C_optimizer(optimizer, ("optimizer",)))
            if _f.omitted(optimizer_config, _D_optimizer_config):
                _tinker_set(self, "optimizer_config", _D_optimizer_config.get())
            else:
                _tinker_fs.add("optimizer_config")
                _tinker_set(self, "optimizer_config", _C_optimizer_config(optimizer_config, ("optimizer_config",)))
            if _f.omitted(weights_access_token, _D_weights_access_token):
                _tinker_set(self, "weights_access_token", _D_weights_access_token.get())
            else:
                _tinker_fs.add("weights_access_token")
                _tinker_set(
                    self,
                    "weights_access_token",
                    _C_weights_access_token(weights_access_token, ("weights_access_token",)),
                )
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("LoadWeightsRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        if self.model_id is not None:
            out["model_id"] = self.model_id
        if self.seq_id is not None:
            out["seq_id"] = self.seq_id
        if self.session_id is not None:
            out["session_id"] = self.session_id
        if self.model_seq_id is not None:
            out["model_seq_id"] = self.model_seq_id
        if self.base_model is not None:
            out["base_model"] = self.base_model
        if self.user_metadata is not None:
            out["user_metadata"] = _f.to_wire(self.user_metadata)
        out["path"] = self.path
        out["optimizer"] = self.optimizer
        if self.optimizer_config is not None:
            out["optimizer_config"] = _f.to_wire(self.optimizer_config)
        if self.weights_access_token is not None:
            out["weights_access_token"] = self.weights_access_token
        out["type"] = self.type
        return out
