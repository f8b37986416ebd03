from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.adam_optimizer_config import AdamOptimizerConfig
    from ..models.dimuon_optimizer_config import DimuonOptimizerConfig
    from ..models.model_data import ModelData
    from ..models.optimizer_config_base import OptimizerConfigBase

    pass

_C_type: _f.Converter = _f.nullable(_f.const("get_info"))
_D_type: Any = _f.Default(None)
_C_model_data: _f.Converter = _f.model(_f.ModelRef(__package__, "model_data", "ModelData"))
_C_model_id: _f.Converter = _f.as_str
_C_optimizer_config: _f.Converter = _f.untagged(
    _f.ModelRef(__package__, "adam_optimizer_config", "AdamOptimizerConfig"),
    _f.ModelRef(__package__, "dimuon_optimizer_config", "DimuonOptimizerConfig"),
    _f.ModelRef(__package__, "optimizer_config_base", "OptimizerConfigBase"),
)
_D_optimizer_config: Any = _f.DefaultModel(_f.ModelRef(__package__, "adam_optimizer_config", "AdamOptimizerConfig"))
_C_is_lora: _f.Converter = _f.nullable(_f.as_bool)
_D_is_lora: Any = _f.Default(None)
_C_lora_rank: _f.Converter = _f.nullable(_f.as_int)
_D_lora_rank: Any = _f.Default(None)
_C_model_name: _f.Converter = _f.nullable(_f.as_str)
_D_model_name: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class GetInfoResponse(TinkerModel):
    """
    The GetInfoResponse type of the Tinker API.

    Attributes:
        type:
        model_data:
        model_id:
        optimizer_config: 0.38; absent means adamw
        is_lora:
        lora_rank:
        model_name:
    """

    _tinker_title: ClassVar[str] = "GetInfoResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "model_data",
        "model_id",
        "optimizer_config",
        "is_lora",
        "lora_rank",
        "model_name",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "get_info")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "model_data",
            "model_id",
        }
    )

    type: Literal["get_info"] | None = _attrs_field(
        default=None, metadata={"wire": "type", "annotation": "Literal['get_info'] | None"}
    )
    model_data: ModelData = _attrs_field(metadata={"wire": "model_data", "annotation": "ModelData"})
    model_id: str = _attrs_field(metadata={"wire": "model_id", "annotation": "str"})
    optimizer_config: AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase = _attrs_field(
        factory=_D_optimizer_config.get,
        metadata={
            "wire": "optimizer_config",
            "annotation": "AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase",
            "doc": "0.38; absent means adamw",
        },
    )
    is_lora: bool | None = _attrs_field(default=None, metadata={"wire": "is_lora", "annotation": "bool | None"})
    lora_rank: int | None = _attrs_field(default=None, metadata={"wire": "lora_rank", "annotation": "int | None"})
    model_name: str | None = _attrs_field(default=None, metadata={"wire": "model_name", "annotation": "str | None"})

    def __init__(
        self,
        *,
        model_data: ModelData,
        model_id: str,
        type: Literal["get_info"] | None = _D_type,
        optimizer_config: AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase = _D_optimizer_config,
        is_lora: bool | None = _D_is_lora,
        lora_rank: int | None = _D_lora_rank,
        model_name: str | None = _D_model_name,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "model_data",
            "model_id",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            _tinker_set(self, "model_data", _C_model_data(model_data, ("model_data",)))
            _tinker_set(self, "model_id", _C_model_id(model_id, ("model_id",)))
            if _f.omitted(optimizer_config, _D_optimizer_config):
                _tinker_set(self, "optimizer_config", _D_optimizer_config.get())
            else:
                _tinker_fs.add("optimizer_config")
                _tinker_set(self, "optimizer_config", _C_optimizer_config(optimizer_config, ("optimizer_config",)))
            if _f.omitted(is_lora, _D_is_lora):
                _tinker_set(self, "is_lora", _D_is_lora.get())
            else:
                _tinker_fs.add("is_lora")
                _tinker_set(self, "is_lora", _C_is_lora(is_lora, ("is_lora",)))
            if _f.omitted(lora_rank, _D_lora_rank):
                _tinker_set(self, "lora_rank", _D_lora_rank.get())
            else:
                _tinker_fs.add("lora_rank")
                _tinker_set(self, "lora_rank", _C_lora_rank(lora_rank, ("lora_rank",)))
            if _f.omitted(model_name, _D_model_name):
                _tinker_set(self, "model_name", _D_model_name.get())
            else:
                _tinker_fs.add("model_name")
                _tinker_set(self, "model_name", _C_model_name(model_name, ("model_name",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("GetInfoResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        if self.type is not None:
            out["type"] = self.type
        out["model_data"] = self.model_data.to_dict()
        out["model_id"] = self.model_id
        out["optimizer_config"] = _f.to_wire(self.optimizer_config)
        if self.is_lora is not None:
            out["is_lora"] = self.is_lora
        if self.lora_rank is not None:
            out["lora_rank"] = self.lora_rank
        if self.model_name is not None:
            out["model_name"] = self.model_name
        return out
