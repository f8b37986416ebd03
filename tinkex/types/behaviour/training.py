"""Behaviour of the training types: the summed loss of a forward/backward result, and the
sampling-parameter rule the spec's limits cannot express (``top_k``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .field_scalars import invalid

__all__ = ["ForwardBackwardOutputBehaviour", "LoraConfigBehaviour", "SamplingParamsBehaviour"]


class ForwardBackwardOutputBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        metrics: dict[str, float]

    @property
    def loss(self) -> float:
        """The summed loss (``loss:sum``, or a bare ``loss`` key from older servers); a tinkex addition."""
        for key in ("loss:sum", "loss"):
            if key in self.metrics:
                return self.metrics[key]
        raise KeyError(f"no loss metric in {sorted(self.metrics)}")


class SamplingParamsBehaviour:
    """``stop=None`` keeps EOS stopping; ``stop=[]`` disables every stop, EOS included."""

    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        top_k: int

    def _tinker_check(self) -> None:
        if self.top_k != -1 and self.top_k < 1:
            raise invalid(
                ("top_k",), "top_k", "Input should be -1 (no limit) or >= 1", self.top_k
            ).with_prefix("SamplingParams", ())


class LoraConfigBehaviour:
    """At least one group of layers must train (the spec's description; TYP-33)."""

    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        train_mlp: bool
        train_attn: bool
        train_unembed: bool

    def _tinker_check(self) -> None:
        if not (self.train_mlp or self.train_attn or self.train_unembed):
            raise invalid(
                ("train_mlp",),
                "lora_layers",
                "at least one of train_mlp, train_attn, train_unembed must be True",
                False,
            ).with_prefix("LoraConfig", ())
