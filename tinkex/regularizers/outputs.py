"""Results of the regularizer pipeline (LOSS-11, LOSS-12), JSON-friendly via ``to_dict``."""

from __future__ import annotations

import json
from typing import Any

import attrs

__all__ = ["BaseLossOutput", "CustomLossOutput", "RegularizerOutput"]


@attrs.define(frozen=True, kw_only=True)
class RegularizerOutput:
    """One regularizer's value and its weighted contribution ``weight × value``."""

    name: str
    value: float
    weight: float
    custom: dict[str, float] = attrs.field(factory=dict)
    grad_norm: float | None = None

    @property
    def contribution(self) -> float:
        return self.weight * self.value

    @property
    def grad_norm_weighted(self) -> float | None:
        return None if self.grad_norm is None else self.weight * self.grad_norm

    def to_dict(self) -> dict[str, Any]:
        """The gradient fields appear only when a gradient norm was tracked."""
        out: dict[str, Any] = {
            "name": self.name,
            "value": self.value,
            "weight": self.weight,
            "contribution": self.contribution,
            "custom": dict(self.custom),
        }
        if self.grad_norm is not None:
            out["grad_norm"] = self.grad_norm
            out["grad_norm_weighted"] = self.grad_norm_weighted
        return out


@attrs.define(frozen=True, kw_only=True)
class BaseLossOutput:
    """The base loss's value, its metrics, and (when tracked) its gradient norm."""

    value: float
    custom: dict[str, float] = attrs.field(factory=dict)
    grad_norm: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "custom": dict(self.custom)}
        if self.grad_norm is not None:
            out["grad_norm"] = self.grad_norm
        return out


@attrs.define(frozen=True, kw_only=True)
class CustomLossOutput:
    """``loss_total = base_loss.value + regularizer_total``; regularizers keyed by name, in order."""

    base_loss: BaseLossOutput
    regularizers: dict[str, RegularizerOutput] = attrs.field(factory=dict)
    total_grad_norm: float | None = None

    @property
    def regularizer_total(self) -> float:
        return sum(r.contribution for r in self.regularizers.values())

    @property
    def loss_total(self) -> float:
        return self.base_loss.value + self.regularizer_total

    @property
    def loss(self) -> float:
        """Tinkex's ``loss(out)``: the total."""
        return self.loss_total

    def to_dict(self) -> dict[str, Any]:
        """Optional fields (gradient norms) are left out when they were not tracked."""
        out: dict[str, Any] = {
            "loss_total": self.loss_total,
            "base_loss": self.base_loss.to_dict(),
            "regularizers": {name: r.to_dict() for name, r in self.regularizers.items()},
            "regularizer_total": self.regularizer_total,
        }
        if self.total_grad_norm is not None:
            out["total_grad_norm"] = self.total_grad_norm
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict())
