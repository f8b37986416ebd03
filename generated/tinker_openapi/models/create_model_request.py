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
    from ..models.lora_config import LoraConfig
    from ..models.optimizer_config_base import OptimizerConfigBase
    from ..models.user_metadata import UserMetadata

    pass

_C_session_id: _f.Converter = _f.as_str
_C_model_seq_id: _f.Converter = _f.as_int
_C_base_model: _f.Converter = _f.as_str
_C_user_metadata: _f.Converter = _f.nullable(_f.map_of(_f.as_any))
_D_user_metadata: Any = _f.Default(None)
_C_lora_config: _f.Converter = _f.nullable(_f.model(_f.ModelRef(__package__, "lora_config", "LoraConfig")))
_D_lora_config: Any = _f.Default(None)
_C_optimizer_config: _f.Converter = _f.untagged(
    _f.ModelRef(__package__, "adam_optimizer_config", "AdamOptimizerConfig"),
    _f.ModelRef(__package__, "dimuon_optimizer_config", "DimuonOptimizerConfig"),
    _f.ModelRef(__package__, "optimizer_config_base", "OptimizerConfigBase"),
)
_D_optimizer_config: Any = _f.DefaultModel(_f.ModelRef(__package__, "adam_optimizer_config", "AdamOptimizerConfig"))
_C_type: _f.Converter = _f.const("create_model")
_D_type: Any = _f.Default("create_model")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CreateModelRequest(TinkerModel):
    """
    The CreateModelRequest type of the Tinker API.

    Attributes:
        session_id:
        model_seq_id: per-session counter of training clients
        base_model:
        user_metadata:
        lora_config:
        optimizer_config: 0.38 always sends it ({"type": "adamw"} by default); absent means adamw
        type:
    """

    _tinker_title: ClassVar[str] = "CreateModelRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "session_id",
        "model_seq_id",
        "base_model",
        "user_metadata",
        "lora_config",
        "optimizer_config",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "create_model")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "session_id",
            "model_seq_id",
            "base_model",
        }
    )

    session_id: str = _attrs_field(metadata={"wire": "session_id", "annotation": "str"})
    model_seq_id: int = _attrs_field(
        metadata={"wire": "model_seq_id", "annotation": "int", "doc": "per-session counter of training clients"}
    )
    base_model: str = _attrs_field(metadata={"wire": "base_model", "annotation": "str"})
    user_metadata: UserMetadata | None = _attrs_field(
        default=None, metadata={"wire": "user_metadata", "annotation": "UserMetadata | None"}
    )
    lora_config: LoraConfig | None = _attrs_field(
        default=None, metadata={"wire": "lora_config", "annotation": "LoraConfig | None"}
    )
    optimizer_config: AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase = _attrs_field(
        factory=_D_optimizer_config.get,
        metadata={
            "wire": "optimizer_config",
            "annotation": "AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase",
            "doc": '0.38 always sends it ({"type": "adamw"} by default); absent means adamw',
        },
    )
    type: Literal["create_model"] = _attrs_field(
        default="create_model", metadata={"wire": "type", "annotation": "Literal['create_model']"}
    )

    def __init__(
        self,
        *,
        session_id: str,
        model_seq_id: int,
        base_model: str,
        user_metadata: UserMetadata | None = _D_user_metadata,
        lora_config: LoraConfig | None = _D_lora_config,
        optimizer_config: AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase = _D_optimizer_config,
        type: Literal["create_model"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("CreateModelRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "session_id",
            "model_seq_id",
            "base_model",
        }
        try:
            _tinker_set(self, "session_id", _C_session_id(session_id, ("session_id",)))
            _tinker_set(self, "model_seq_id", _C_model_seq_id(model_seq_id, ("model_seq_id",)))
            _tinker_set(self, "base_model", _C_base_model(base_model, ("base_model",)))
            if _f.omitted(user_metadata, _D_user_metadata):
                _tinker_set(self, "user_metadata", _D_user_metadata.get())
            else:
                _tinker_fs.add("user_metadata")
                _tinker_set(self, "user_metadata", _C_user_metadata(user_metadata, ("user_metadata",)))
            if _f.omitted(lora_config, _D_lora_config):
                _tinker_set(self, "lora_config", _D_lora_config.get())
            else:
                _tinker_fs.add("lora_config")
                _tinker_set(self, "lora_config", _C_lora_config(lora_config, ("lora_config",)))
            if _f.omitted(optimizer_config, _D_optimizer_config):
                _tinker_set(self, "optimizer_config", _D_optimizer_config.get())
            else:
                _tinker_fs.add("optimizer_config")
                _tinker_set(self, "optimizer_config", _C_optimizer_config(optimizer_config, ("optimizer_config",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CreateModelRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["session_id"] = self.session_id
        out["model_seq_id"] = self.model_seq_id
        out["base_model"] = self.base_model
        if self.user_metadata is not None:
            out["user_metadata"] = _f.to_wire(self.user_metadata)
        if self.lora_config is not None:
            out["lora_config"] = _f.to_wire(self.lora_config)
        out["optimizer_config"] = _f.to_wire(self.optimizer_config)
        out["type"] = self.type
        return out
