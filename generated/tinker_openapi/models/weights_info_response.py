from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.adam_optimizer_config import AdamOptimizerConfig
    from ..models.dimuon_optimizer_config import DimuonOptimizerConfig
    from ..models.optimizer_config_base import OptimizerConfigBase

    pass

_C_base_model: _f.Converter = _f.as_str
_C_is_lora: _f.Converter = _f.as_bool
_C_lora_rank: _f.Converter = _f.nullable(_f.as_int)
_D_lora_rank: Any = _f.Default(None)
_C_train_unembed: _f.Converter = _f.nullable(_f.as_bool)
_D_train_unembed: Any = _f.Default(None)
_C_train_mlp: _f.Converter = _f.nullable(_f.as_bool)
_D_train_mlp: Any = _f.Default(None)
_C_train_attn: _f.Converter = _f.nullable(_f.as_bool)
_D_train_attn: Any = _f.Default(None)
_C_optimizer_config: _f.Converter = _f.untagged(
    _f.ModelRef(__package__, "adam_optimizer_config", "AdamOptimizerConfig"),
    _f.ModelRef(__package__, "dimuon_optimizer_config", "DimuonOptimizerConfig"),
    _f.ModelRef(__package__, "optimizer_config_base", "OptimizerConfigBase"),
)
_D_optimizer_config: Any = _f.DefaultModel(_f.ModelRef(__package__, "adam_optimizer_config", "AdamOptimizerConfig"))


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class WeightsInfoResponse(TinkerModel):
    """
    The WeightsInfoResponse type of the Tinker API.

    Attributes:
        base_model:
        is_lora:
        lora_rank:
        train_unembed:
        train_mlp:
        train_attn:
        optimizer_config: 0.38; absent means adamw
    """

    _tinker_title: ClassVar[str] = "WeightsInfoResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "base_model",
        "is_lora",
        "lora_rank",
        "train_unembed",
        "train_mlp",
        "train_attn",
        "optimizer_config",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "base_model",
            "is_lora",
        }
    )

    base_model: str = _attrs_field(metadata={"wire": "base_model", "annotation": "str"})
    is_lora: bool = _attrs_field(metadata={"wire": "is_lora", "annotation": "bool"})
    lora_rank: int | None = _attrs_field(default=None, metadata={"wire": "lora_rank", "annotation": "int | None"})
    train_unembed: bool | None = _attrs_field(
        default=None, metadata={"wire": "train_unembed", "annotation": "bool | None"}
    )
    train_mlp: bool | None = _attrs_field(default=None, metadata={"wire": "train_mlp", "annotation": "bool | None"})
    train_attn: bool | None = _attrs_field(default=None, metadata={"wire": "train_attn", "annotation": "bool | None"})
    optimizer_config: AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase = _attrs_field(
        factory=_D_optimizer_config.get,
        metadata={
            "wire": "optimizer_config",
            "annotation": "AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase",
            "doc": "0.38; absent means adamw",
        },
    )

    def __init__(
        self,
        *,
        base_model: str,
        is_lora: bool,
        lora_rank: int | None = _D_lora_rank,
        train_unembed: bool | None = _D_train_unembed,
        train_mlp: bool | None = _D_train_mlp,
        train_attn: bool | None = _D_train_attn,
        optimizer_config: AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase = _D_optimizer_config,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "base_model",
            "is_lora",
        }
        try:
            _tinker_set(self, "base_model", _C_base_model(base_model, ("base_model",)))
            _tinker_set(self, "is_lora", _C_is_lora(is_lora, ("is_lora",)))
            if _f.omitted(lora_rank, _D_lora_rank):
                _tinker_set(self, "lora_rank", _D_lora_rank.get())
            else:
                _tinker_fs.add("lora_rank")
                _tinker_set(self, "lora_rank", _C_lora_rank(lora_rank, ("lora_rank",)))
            if _f.omitted(train_unembed, _D_train_unembed):
                _tinker_set(self, "train_unembed", _D_train_unembed.get())
            else:
                _tinker_fs.add("train_unembed")
                _tinker_set(self, "train_unembed", _C_train_unembed(train_unembed, ("train_unembed",)))
            if _f.omitted(train_mlp, _D_train_mlp):
                _tinker_set(self, "train_mlp", _D_train_mlp.get())
            else:
                _tinker_fs.add("train_mlp")
                _tinker_set(self, "train_mlp", _C_train_mlp(train_mlp, ("train_mlp",)))
            if _f.omitted(train_attn, _D_train_attn):
                _tinker_set(self, "train_attn", _D_train_attn.get())
            else:
                _tinker_fs.add("train_attn")
                _tinker_set(self, "train_attn", _C_train_attn(train_attn, ("train_attn",)))
            if _f.omitted(optimizer_config, _D_optimizer_config):
                _tinker_set(self, "optimizer_config", _D_optimizer_config.get())
            else:
                _tinker_fs.add("optimizer_config")
                _tinker_set(self, "optimizer_config", _C_optimizer_config(optimizer_config, ("optimizer_config",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("WeightsInfoResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["base_model"] = self.base_model
        out["is_lora"] = self.is_lora
        if self.lora_rank is not None:
            out["lora_rank"] = self.lora_rank
        if self.train_unembed is not None:
            out["train_unembed"] = self.train_unembed
        if self.train_mlp is not None:
            out["train_mlp"] = self.train_mlp
        if self.train_attn is not None:
            out["train_attn"] = self.train_attn
        out["optimizer_config"] = _f.to_wire(self.optimizer_config)
        return out
