"""``TrainingClient.forward_backward_custom``: a loss computed here, in two passes (protocol §5.4).

A forward pass gives the logprobs, the user's loss and its gradient are computed on this
machine, and a backward pass sends the gradient as per-token weights. Both passes reserve
their seq_ids at call time, so later steps queue behind them in call order.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import Any

from ..errors import RequestFailedError
from ..futures import APIFuture
from ..types import Datum, ForwardBackwardOutput
from .training_ops import TrainingCalls, coerce_datums


def submit_custom(
    calls: TrainingCalls, data: list[Datum], loss_fn: Callable[..., Any], backend: str | None
) -> APIFuture[ForwardBackwardOutput]:
    from .. import custom_loss
    from .._custom_loss.backend import check_backend

    if isinstance(data, (list, tuple)):
        data = coerce_datums(data)
    check_backend(backend)
    custom_loss.validate_custom_loss_inputs(data, loss_fn)
    datums = list(data)
    forward_chunks = calls.chunks(custom_loss.forward_data_for_custom_loss(datums))
    forward_ids = calls.gate.reserve(len(forward_chunks))
    backward_ids = calls.gate.reserve(len(forward_chunks))
    return calls.run(
        lambda: _two_passes(calls, datums, forward_chunks, forward_ids, backward_ids, loss_fn, backend),
        "forward_backward_custom",
    )


async def _two_passes(
    calls: TrainingCalls,
    datums: list[Datum],
    forward_chunks: list[list[Datum]],
    forward_ids: range,
    backward_ids: range,
    loss_fn: Callable[..., Any],
    backend: str | None,
) -> ForwardBackwardOutput:
    from .. import custom_loss

    backward_started = False
    try:
        forward = await calls.forward_backward(
            forward_chunks, forward_ids, "cross_entropy", None, forward_only=True
        )
        logprobs = [out["logprobs"].to_numpy() for out in forward.loss_fn_outputs]
        result = await asyncio.to_thread(
            functools.partial(custom_loss.compute_custom_loss, backend=backend), datums, logprobs, loss_fn
        )
        backward_data = custom_loss.backward_data_for_custom_loss(datums, result.grads)
        # Split exactly like the forward pass, so the reserved backward ids match.
        chunks, start = [], 0
        for chunk in forward_chunks:
            chunks.append(backward_data[start : start + len(chunk)])
            start += len(chunk)
        backward_started = True
        backward = await calls.forward_backward(
            chunks, backward_ids, "cross_entropy", None, forward_only=False
        )
    except Exception as exc:
        if not backward_started:
            # Release the reserved backward ids so later calls are not stuck behind them.
            for seq_id in backward_ids:
                calls.gate.finish_turn(seq_id)
        if isinstance(exc, RequestFailedError):
            raise
        raise RequestFailedError(f"forward_backward_custom failed: {type(exc).__name__}: {exc}") from exc
    return ForwardBackwardOutput(
        loss_fn_output_type=backward.loss_fn_output_type,
        loss_fn_outputs=forward.loss_fn_outputs,
        metrics=custom_loss.merge_custom_metrics(backward.metrics, result),
    )
