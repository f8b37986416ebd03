"""Training types: optimizers, LoRA config, losses, forward/backward and optim-step messages.

Validation beyond the official SDK (which checks almost nothing client-side) follows the
Tinkex rows TYP-33/34 and LATER-06/20, so bad values fail before a request is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

import attrs

from . import _validate as v
from ._base import WireModel
from ._errors import TinkexValidationError
from .datum import Datum, LossFnOutput

__all__ = [
    "LOSS_FN_TYPES",
    "AdamOptimizerConfig",
    "AdamParams",
    "DimuonOptimizerConfig",
    "DimuonParams",
    "ForwardBackwardInput",
    "ForwardBackwardOutput",
    "ForwardBackwardRequest",
    "ForwardRequest",
    "LoraConfig",
    "LossFnType",
    "OptimParams",
    "OptimStepRequest",
    "OptimStepResponse",
    "OptimizerConfig",
]

LossFnType = Literal[
    "cross_entropy", "importance_sampling", "ppo", "cispo", "dro", "gspo", "stable_reinforce", "custom"
]
LOSS_FN_TYPES: tuple[str, ...] = (
    "cross_entropy",
    "importance_sampling",
    "ppo",
    "cispo",
    "dro",
    "gspo",
    "stable_reinforce",
    "custom",
)


@attrs.define(frozen=True, kw_only=True)
class AdamParams(WireModel):
    """AdamW hyper-parameters; all six are always sent.

    ``learning_rate`` may be 0 (warm-up schedules start there), unlike the seed's ``> 0``.
    """

    _strict: ClassVar[bool] = True

    learning_rate: float = attrs.field(default=0.0001, converter=v.to_float, validator=v.number(ge=0))
    beta1: float = attrs.field(default=0.9, converter=v.to_float, validator=v.number(ge=0, lt=1))
    beta2: float = attrs.field(default=0.95, converter=v.to_float, validator=v.number(ge=0, lt=1))
    eps: float = attrs.field(default=1e-12, converter=v.to_float, validator=v.number(gt=0))
    weight_decay: float = attrs.field(default=0.0, converter=v.to_float, validator=v.number(ge=0))
    grad_clip_norm: float = attrs.field(default=0.0, converter=v.to_float, validator=v.number(ge=0))


@attrs.define(frozen=True, kw_only=True)
class DimuonParams(WireModel):
    _strict: ClassVar[bool] = True

    type: Literal["dimuon"] = "dimuon"
    learning_rate: float = attrs.field(converter=v.to_float, validator=v.number(ge=0))
    grad_clip_norm: float = attrs.field(default=0.0, converter=v.to_float, validator=v.number(ge=0))
    beta1: float = attrs.field(default=0.9, converter=v.to_float, validator=v.number(ge=0, lt=1))


OptimParams = AdamParams | DimuonParams


@attrs.define(frozen=True, kw_only=True)
class AdamOptimizerConfig(WireModel):
    _strict: ClassVar[bool] = True

    type: Literal["adamw"] = "adamw"


@attrs.define(frozen=True, kw_only=True)
class DimuonOptimizerConfig(WireModel):
    _strict: ClassVar[bool] = True

    type: Literal["dimuon"] = "dimuon"
    version: Literal[1] = 1


# A newer server may name an optimizer this SDK does not know: it is kept as a plain dict.
OptimizerConfig = AdamOptimizerConfig | DimuonOptimizerConfig | dict[str, Any]


def _check_lora_flags(instance: LoraConfig) -> None:
    if not (instance.train_unembed or instance.train_mlp or instance.train_attn):
        raise TinkexValidationError(
            "LoraConfig: at least one of train_unembed, train_mlp, train_attn must be true",
            field="train_attn",
        )


@attrs.define(frozen=True, kw_only=True)
class LoraConfig(WireModel):
    _strict: ClassVar[bool] = True

    rank: int = attrs.field(validator=v.number(ge=1, integer=True))
    seed: int | None = attrs.field(
        default=None, validator=v.number(ge=v.INT64_MIN, le=v.INT64_MAX, integer=True, optional=True)
    )
    train_unembed: bool = attrs.field(default=True, validator=v.boolean)
    train_mlp: bool = attrs.field(default=True, validator=v.boolean)
    train_attn: bool = attrs.field(default=True, validator=v.boolean)

    def __attrs_post_init__(self) -> None:
        _check_lora_flags(self)


def _check_loss_fn_config(value: Any) -> dict[str, float | str] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TinkexValidationError(
            "loss_fn_config must be a mapping of str to number or str", field="loss_fn_config"
        )
    out: dict[str, float | str] = {}
    for key, item in value.items():
        if isinstance(item, bool) or not isinstance(item, (int, float, str)):
            raise TinkexValidationError(
                f"loss_fn_config[{key!r}] must be a number or a string, got {item!r}", field="loss_fn_config"
            )
        out[str(key)] = float(item) if isinstance(item, int) else item
    return out


@attrs.define(frozen=True)
class ForwardBackwardInput(WireModel):
    _strict: ClassVar[bool] = True

    data: list[Datum] = attrs.field(converter=list)
    loss_fn: LossFnType = attrs.field(validator=v.one_of(*LOSS_FN_TYPES))
    loss_fn_config: Mapping[str, float | str] | None = attrs.field(
        default=None, converter=_check_loss_fn_config
    )


@attrs.define(frozen=True)
class ForwardBackwardOutput(WireModel):
    loss_fn_output_type: str
    loss_fn_outputs: list[LossFnOutput]
    metrics: dict[str, float] = attrs.field(factory=dict)

    @property
    def loss(self) -> float:
        """The summed loss (``loss:sum``, or a bare ``loss`` key from older servers)."""
        for key in ("loss:sum", "loss"):
            if key in self.metrics:
                return self.metrics[key]
        raise KeyError(f"no loss metric in {sorted(self.metrics)}")


@attrs.define(frozen=True)
class ForwardBackwardRequest(WireModel):
    _strict: ClassVar[bool] = True

    forward_backward_input: ForwardBackwardInput
    model_id: str
    seq_id: int | None = None


@attrs.define(frozen=True)
class ForwardRequest(WireModel):
    _strict: ClassVar[bool] = True

    forward_input: ForwardBackwardInput
    model_id: str
    seq_id: int | None = None


@attrs.define(frozen=True, kw_only=True)
class OptimStepRequest(WireModel):
    """``optim_params`` goes out as ``adam_params`` (Adam) or ``optimizer_params`` (others)."""

    _strict: ClassVar[bool] = True

    optim_params: OptimParams = attrs.field(metadata={"aliases": ("adam_params", "optimizer_params")})
    model_id: str
    seq_id: int | None = None
    type: Literal["optim_step"] = "optim_step"

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        data = super().model_dump(**kwargs)
        if "optim_params" in data:
            wire = "adam_params" if isinstance(self.optim_params, AdamParams) else "optimizer_params"
            data[wire] = data.pop("optim_params")
        return data


@attrs.define(frozen=True, kw_only=True)
class OptimStepResponse(WireModel):
    metrics: dict[str, float] | None = None
