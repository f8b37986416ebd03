"""Plain records passed between the server's HTTP layer and the compute engine."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .transformer import LoraParams

MAX_LORA_RANK = 64


class UserInputError(ValueError):
    """Request content that is wrong in a way only execution can tell; the message names the field.

    The server reports these with category "user" (never retried by the SDK).
    """


@dataclass(frozen=True)
class LoraSettings:
    """Adapter shape; alpha is fixed at 32, so the LoRA scale is 32 / rank."""

    rank: int
    seed: int
    train_attn: bool = True
    train_mlp: bool = True
    train_unembed: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.rank <= MAX_LORA_RANK:
            raise UserInputError(f"lora_config.rank must be between 1 and {MAX_LORA_RANK}, got {self.rank}")
        if not (self.train_attn or self.train_mlp or self.train_unembed):
            raise UserInputError(
                "lora_config: at least one of train_attn, train_mlp, train_unembed must be true"
            )


@dataclass(frozen=True)
class DatumArrays:
    """One datum: ``tokens`` int32 [N] is the model input; ``inputs`` holds loss_fn_inputs as numpy."""

    tokens: np.ndarray
    inputs: dict[str, np.ndarray]


@dataclass
class ForwardResult:
    """Per datum "logprobs" and "elementwise_loss" (float32 [N]); metrics named ``name:reduction``."""

    outputs: list[dict[str, np.ndarray]]
    metrics: dict[str, float]


@dataclass(frozen=True)
class AdamSettings:
    learning_rate: float = 1e-4
    beta1: float = 0.9
    beta2: float = 0.95
    eps: float = 1e-12
    weight_decay: float = 0.0
    grad_clip_norm: float = 0.0


@dataclass
class SampleRequestArrays:
    """One sampling request. ``stop_tokens`` None = stop at EOS; [] = never stop early."""

    prompt: np.ndarray
    num_samples: int = 1
    max_tokens: int = 16
    temperature: float = 1.0
    top_k: int = -1
    top_p: float = 1.0
    seed: int | None = None
    stop_tokens: list[int] | None = None
    stop_strings: list[str] | None = None
    prompt_logprobs: bool = False
    topk_prompt_logprobs: int = 0


@dataclass
class SampledSeq:
    tokens: np.ndarray
    logprobs: np.ndarray
    stop_reason: str


@dataclass
class SampleResult:
    """``prompt_logprobs`` is float32 [len(prompt)] with NaN at position 0 (nothing predicts it).

    ``topk_prompt_logprobs`` is (ids int32 [P, k], logprobs float32 [P, k]); row 0 is ids 0 / NaN.
    """

    sequences: list[SampledSeq]
    prompt_logprobs: np.ndarray | None = None
    topk_prompt_logprobs: tuple[np.ndarray, np.ndarray] | None = None


@dataclass(frozen=True, eq=False)
class LoraWeights:
    """An immutable adapter snapshot (JAX arrays never change in place) for sampling or saving.

    Compared by identity: comparing JAX arrays elementwise would be slow and ambiguous.
    """

    spec_name: str
    lora: LoraSettings
    params: LoraParams = field(repr=False)
    step: int = 0
