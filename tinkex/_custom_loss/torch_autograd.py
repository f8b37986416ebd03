"""A custom loss run under torch autograd, as the official SDK runs it.

The loss gets what the official ``forward_backward_custom`` hands it: the datums and one
float32 ``torch.Tensor`` per datum with ``requires_grad=True``, shaped like its logprobs. It
returns a torch scalar (or a tensor, summed) and a metrics dict. ``torch`` is imported only
here, when a loss actually runs on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

import numpy as np

from ..custom_loss import FloatArray, split_loss_output
from ..errors import TinkexValidationError
from ..types import Datum
from .backend import TORCH_EXTRA_HINT


def require_torch() -> ModuleType:
    try:
        import torch
    except ImportError as exc:
        raise ImportError(
            f"torch custom losses need torch, which is not installed; run: {TORCH_EXTRA_HINT}"
        ) from exc
    return torch


def torch_value_and_grad(
    data: list[Datum], arrays: list[FloatArray], loss_fn: Callable[..., Any]
) -> tuple[float, list[FloatArray], Mapping[str, Any]]:
    """``(loss, grads, metrics)`` of ``loss_fn(data, logprobs)`` by torch autograd."""
    torch = require_torch()
    # A copy per datum: the loss may modify its tensors in place without touching ``arrays``.
    leaves = [torch.from_numpy(np.array(a, dtype=np.float32)).requires_grad_(True) for a in arrays]
    loss, metrics = split_loss_output(loss_fn(data, leaves))
    if not isinstance(loss, torch.Tensor):
        raise TinkexValidationError(
            f"a torch custom loss must return a torch.Tensor, got {type(loss).__name__}", field="loss_fn"
        )
    total = loss.sum()  # a non-scalar loss is summed, as on the JAX path
    if total.requires_grad:
        grads = torch.autograd.grad(total, leaves, allow_unused=True)
    else:  # the loss does not depend on the logprobs at all (a constant)
        grads = (None,) * len(leaves)
    # A logprob tensor the loss never read has no gradient: zero, as on the JAX path.
    grad_arrays = [
        np.zeros(a.shape, np.float32) if g is None else g.detach().to(torch.float32).numpy().reshape(a.shape)
        for g, a in zip(grads, arrays, strict=True)
    ]
    return float(total.detach().item()), grad_arrays, _detached(torch, metrics)


def _detached(torch: ModuleType, metrics: Mapping[str, Any]) -> dict[str, Any]:
    """Metric tensors without autograd history, so numpy can read them."""
    return {k: v.detach().cpu() if isinstance(v, torch.Tensor) else v for k, v in metrics.items()}
