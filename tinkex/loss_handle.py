"""``LossHandle``: a per-datum torch loss traced by ``ServiceClient.create_custom_loss``.

The function is traced with ``torch.fx`` and checked against the official SDK's rules (torch
and math calls only, no tensor captured from outside, no host round-trips, ``(loss,
metrics)`` out with ``custom/<name>:sum|mean`` metric keys), so a loss accepted here is one
the hosted service would accept. tinkex runs the traced graph client-side: a ``LossHandle`` is
a batch loss ``(data, logprobs_list) -> (loss, metrics)`` that ``forward_backward_custom``
calls like any torch custom loss. torch is imported only when a loss is traced or run.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Concatenate, cast

from .errors import TinkexValidationError
from .types import CustomLossInput, CustomLossInputRank, Datum

if TYPE_CHECKING:
    import torch
    import torch.fx

__all__ = ["LossHandle", "PerDatumLossFn", "trace_loss"]

# (logprobs, *the loss_fn_inputs it reads) -> (scalar loss, {"custom/<name>:sum|mean": scalar})
PerDatumLossFn = Callable[
    Concatenate["torch.Tensor", ...], tuple["torch.Tensor", Mapping[str, "torch.Tensor"]]
]

MAX_PARAMETERS = 16
_PARAMETER_NAME = re.compile(r"[a-z_][a-z0-9_]{0,63}")
_METRIC_KEY = re.compile(r"custom/[a-z0-9_./-]{1,64}:(sum|mean)")
# Python operators appear in traced graphs as functions of CPython's ``_operator`` module.
_ALLOWED_MODULES = frozenset({"torch", "math", "operator", "_operator"})
# Tensor methods that hand values to Python or numpy, which a traced loss cannot keep.
_HOST_METHODS = frozenset({"item", "numpy", "tolist"})


@dataclass(frozen=True)
class LossHandle:
    """A traced custom loss; pass it to ``TrainingClient.forward_backward_custom``."""

    name: str
    inputs: tuple[CustomLossInput, ...]
    """``logprobs`` first, then the ``loss_fn_inputs`` keys the loss reads, each with its rank."""
    session_id: str
    """The session that created the loss."""
    graph: torch.fx.GraphModule = field(repr=False, compare=False)
    """The traced loss: this, not the original function, is what runs."""
    loss_id: str | None = None
    """The server's id for an uploaded loss; None, since tinkex runs losses client-side."""

    @property
    def key(self) -> str:
        """Identifies the traced loss, so a session creates each loss once."""
        digest = hashlib.sha256(self.graph.code.encode())
        digest.update(repr([(i.name, i.rank) for i in self.inputs]).encode())
        return digest.hexdigest()

    @property
    def input_names(self) -> tuple[str, ...]:
        return tuple(loss_input.name for loss_input in self.inputs[1:])

    def check_data(self, data: Sequence[Datum]) -> None:
        """Every datum has each input the loss reads, at its declared rank (``logprobs`` has
        the rank of ``target_tokens``)."""
        logprobs, *others = self.inputs
        for i, datum in enumerate(data):
            for loss_input, key in [(logprobs, "target_tokens"), *((x, x.name) for x in others)]:
                tensor = datum.loss_fn_inputs.get(key)
                if tensor is None:
                    raise TinkexValidationError(
                        f"datum[{i}] has no loss_fn_inputs[{key!r}], which loss {self.name!r} takes",
                        field=f"data[{i}]",
                    )
                rank = 1 if tensor.shape is None else len(tensor.shape)
                if rank != loss_input.rank:
                    raise TinkexValidationError(
                        f"datum[{i}] loss_fn_inputs[{key!r}] has rank {rank}, but loss {self.name!r} "
                        f"declared {loss_input.name} with rank {loss_input.rank}",
                        field=f"data[{i}]",
                    )

    def __call__(
        self, data: Sequence[Datum], logprobs_list: Sequence[torch.Tensor]
    ) -> tuple[torch.Tensor, dict[str, float]]:
        """The batch loss: the per-datum losses summed; ``:sum`` metrics summed, ``:mean`` averaged."""
        import torch

        self.check_data(data)
        total: Any = None
        sums: dict[str, float] = {}
        for datum, logprobs in zip(data, logprobs_list, strict=True):
            inputs = [torch.as_tensor(datum.loss_fn_inputs[name].to_numpy()) for name in self.input_names]
            loss, metrics = self.graph(logprobs, *inputs)
            if loss.ndim != 0:
                raise TinkexValidationError(
                    f"loss {self.name!r} must return a scalar loss, got shape {tuple(loss.shape)}",
                    field="loss_fn",
                )
            total = loss if total is None else total + loss
            for key, value in metrics.items():
                number = value.detach().item() if isinstance(value, torch.Tensor) else value
                sums[key] = sums.get(key, 0.0) + float(number)
        return total, {k: v / len(data) if k.endswith(":mean") else v for k, v in sums.items()}


def _fn_name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__name__", type(fn).__name__)


def _reject(fn: Callable[..., Any], problem: str) -> TinkexValidationError:
    return TinkexValidationError(f"create_custom_loss: {_fn_name(fn)} {problem}", field="fn")


def _declared_inputs(fn: Callable[..., Any], input_ranks: Mapping[str, int]) -> tuple[CustomLossInput, ...]:
    params = list(inspect.signature(fn).parameters.values())
    if not params or params[0].name != "logprobs":
        raise _reject(
            fn, "must take logprobs first, then the loss_fn_inputs it reads (def loss(logprobs, advantages))"
        )
    if len(params) > MAX_PARAMETERS:
        raise _reject(fn, f"takes {len(params)} parameters; at most {MAX_PARAMETERS}, logprobs included")
    for p in params:
        if not _PARAMETER_NAME.fullmatch(p.name):
            raise _reject(fn, f"parameter {p.name!r} must be a lowercase name of letters, digits and _")
        if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) or p.default is not p.empty:
            raise _reject(fn, f"parameter {p.name!r} must be a plain positional parameter without a default")
    names = [p.name for p in params]
    if set(input_ranks) != set(names):
        raise _reject(
            fn, f"needs a rank in input_ranks for each of ({', '.join(names)}), got {sorted(input_ranks)}"
        )
    for name in names:
        if input_ranks[name] not in (0, 1, 2):
            raise _reject(fn, f"input {name!r}: rank must be 0, 1 or 2, got {input_ranks[name]!r}")
    if input_ranks["logprobs"] == 0:
        raise _reject(fn, "logprobs has rank 1 ([T]) or 2 ([T, K]), not 0")
    return tuple(
        CustomLossInput(name=name, rank=cast(CustomLossInputRank, input_ranks[name])) for name in names
    )


def _check_node(fn: Callable[..., Any], node: torch.fx.Node) -> None:
    import torch

    if node.op == "call_function":
        module = (getattr(node.target, "__module__", None) or "").split(".")[0]
        if node.target is not getattr and module not in _ALLOWED_MODULES:
            raise _reject(
                fn,
                f"calls {getattr(node.target, '__qualname__', node.target)!r}; only torch and math may be called",
            )
    elif node.op == "call_method":
        method = str(node.target)
        if not hasattr(torch.Tensor, method):
            raise _reject(fn, f"calls {method!r}, which is not a torch.Tensor method")
        if method == "backward":
            raise _reject(
                fn, "calls backward(); return the loss and forward_backward_custom runs the backward pass"
            )
        if method in _HOST_METHODS:
            raise _reject(
                fn, f"calls {method}(), which leaves torch; keep every value, metrics included, a tensor"
            )
    elif node.op == "call_module":
        raise _reject(fn, f"calls module {node.target!r}; use torch.nn.functional, not torch.nn modules")
    elif node.op == "get_attr":
        raise _reject(fn, f"captures a tensor ({node.target!r}); read only logprobs and the inputs it names")
    elif node.op == "output":
        _check_output(fn, node.args[0])


def _check_output(fn: Callable[..., Any], output: Any) -> None:
    import torch.fx

    if not (isinstance(output, (tuple, list)) and len(output) == 2):
        raise _reject(fn, "must return (loss, metrics)")
    loss, metrics = output
    if not isinstance(loss, torch.fx.Node):
        raise _reject(fn, f"must return its loss as a torch.Tensor, got {loss!r}")
    if not isinstance(metrics, dict):
        raise _reject(fn, "must return its metrics as a dict")
    for key, value in metrics.items():
        if not (isinstance(key, str) and _METRIC_KEY.fullmatch(key)):
            raise _reject(fn, f"metric {key!r} must be named custom/<name>:sum or custom/<name>:mean")
        if not isinstance(value, torch.fx.Node):
            raise _reject(fn, f"metric {key!r} must be a torch.Tensor, got {value!r}")


def trace_loss(fn: PerDatumLossFn, input_ranks: Mapping[str, int], session_id: str) -> LossHandle:
    """Trace and check ``fn``; raises ``TinkexValidationError`` (a ``ValueError``) if it breaks a rule."""
    try:
        import torch.fx
    except ImportError as exc:
        raise ImportError("create_custom_loss needs PyTorch (pip install torch)") from exc
    inputs = _declared_inputs(fn, input_ranks)
    try:
        graph = torch.fx.symbolic_trace(fn)
    except Exception as exc:
        raise _reject(
            fn,
            f"cannot be traced by torch.fx ({exc}); a custom loss cannot branch on tensor values "
            "or call libraries other than torch and math",
        ) from exc
    for node in graph.graph.nodes:
        _check_node(fn, node)
    return LossHandle(name=_fn_name(fn), inputs=inputs, session_id=session_id, graph=graph)
