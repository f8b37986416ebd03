"""Run regularizers, in parallel (order kept) or sequentially (LOSS-13).

Why threads (``concurrent.futures``) and not asyncio: regularizers are ordinary synchronous
numpy/JAX functions (JAX releases the GIL while XLA runs) and the callers are synchronous
(``compute_custom_loss`` already runs in a worker thread of the TrainingClient), so an event
loop would add a second scheduling layer without letting anything overlap that threads cannot.
A regularizer that returns an awaitable is still supported: it is run to completion with
``asyncio.run`` inside its worker thread.

Timeouts count from the moment a regularizer starts, not from submission, so a queued task
is not charged for waiting behind others. Python cannot kill a thread: a regularizer that
times out is abandoned (its result is discarded) and the pipeline raises at once.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import inspect
import os
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

from ..custom_loss import metrics_to_floats, split_loss_output
from ..types import Datum
from . import telemetry
from .errors import RegularizerError, RegularizerTimeoutError
from .gradient_tracker import grad_norm_for_regularizer
from .outputs import RegularizerOutput
from .spec import RegularizerSpec, call_regularizer

__all__ = ["DEFAULT_TIMEOUT", "execute_all", "execute_one"]

DEFAULT_TIMEOUT = 30.0


def _resolve(result: Any) -> Any:
    """Wait for an async regularizer's result (we are on a worker thread, never a loop's)."""
    if isinstance(result, cf.Future):
        return result.result()
    if inspect.isawaitable(result):

        async def wait() -> Any:
            return await result

        return asyncio.run(wait())
    return result


def _to_float(value: Any, name: str) -> float:
    import numpy as np

    try:
        return float(np.sum(np.asarray(value, dtype=np.float64)))
    except (TypeError, ValueError) as exc:
        raise RegularizerError(name, f"returned a non-numeric value of type {type(value).__name__}") from exc


def execute_one(
    spec: RegularizerSpec,
    data: Sequence[Datum],
    logprobs: Sequence[Any],
    *,
    track_grad_norms: bool = False,
) -> RegularizerOutput:
    """Run one regularizer (no timeout here: the caller owns the waiting) and emit telemetry."""
    meta: Mapping[str, Any] = {"regularizer_name": spec.name}
    telemetry.emit(telemetry.REGULARIZER_START, {"system_time": time.time()}, meta)
    started = time.monotonic()
    try:
        raw = _resolve(call_regularizer(spec.fn, data, logprobs, spec.options))
        value, custom = split_loss_output(raw, spec.name)
        output = RegularizerOutput(
            name=spec.name,
            value=_to_float(value, spec.name),
            weight=float(spec.weight),
            custom=metrics_to_floats(custom, spec.name),
            grad_norm=grad_norm_for_regularizer(spec, data, logprobs) if track_grad_norms else None,
        )
    except Exception as exc:
        telemetry.emit(
            telemetry.REGULARIZER_EXCEPTION,
            {"duration": time.monotonic() - started},
            {**meta, "reason": f"{type(exc).__name__}: {exc}"},
        )
        if isinstance(exc, RegularizerError):
            raise
        raise RegularizerError(spec.name, f"{type(exc).__name__}: {exc}") from exc
    measurements = {
        "duration": time.monotonic() - started,
        "value": output.value,
        "contribution": output.contribution,
    }
    if output.grad_norm is not None:
        measurements["grad_norm"] = output.grad_norm
    telemetry.emit(telemetry.REGULARIZER_STOP, measurements, meta)
    return output


class _Task:
    """A submitted regularizer, remembering when it actually started running."""

    def __init__(self, spec: RegularizerSpec) -> None:
        self.spec = spec
        self.started = threading.Event()
        self.start_time = 0.0
        self.future: cf.Future[RegularizerOutput] | None = None

    def run(self, data: Sequence[Datum], logprobs: Sequence[Any], track: bool) -> RegularizerOutput:
        self.start_time = time.monotonic()
        self.started.set()
        return execute_one(self.spec, data, logprobs, track_grad_norms=track)

    def wait(self, default_timeout: float) -> RegularizerOutput:
        assert self.future is not None
        timeout = self.spec.timeout if self.spec.timeout is not None else default_timeout
        # Tasks start in submission order and every earlier one has finished by now, so
        # this wait is bounded by a worker picking the task up.
        self.started.wait()
        remaining = max(0.0, timeout - (time.monotonic() - self.start_time))
        try:
            return self.future.result(timeout=remaining)
        except cf.TimeoutError:
            telemetry.emit(
                telemetry.REGULARIZER_EXCEPTION,
                {"duration": time.monotonic() - self.start_time},
                {"regularizer_name": self.spec.name, "reason": "timeout"},
            )
            raise RegularizerTimeoutError(self.spec.name, timeout) from None


def execute_all(
    specs: Sequence[RegularizerSpec],
    data: Sequence[Datum],
    logprobs: Sequence[Any],
    *,
    parallel: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    max_concurrency: int | None = None,
    track_grad_norms: bool = False,
) -> list[RegularizerOutput]:
    """Outputs in the order of ``specs``; the first failure (in that order) is raised.

    Parallel mode runs up to ``max_concurrency`` (default: CPU count) at once and cancels the
    ones not yet started when one fails. Sequential mode starts each only after the previous
    one succeeded, so it stops at the first error.
    """
    if not specs:
        return []
    workers = 1 if not parallel else max(1, min(len(specs), max_concurrency or os.cpu_count() or 1))
    pool = cf.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tinkex-regularizer")
    tasks = [_Task(spec) for spec in specs]
    try:
        if not parallel:
            outputs = []
            for task in tasks:
                task.future = pool.submit(task.run, data, logprobs, track_grad_norms)
                outputs.append(task.wait(timeout))
            return outputs
        for task in tasks:
            task.future = pool.submit(task.run, data, logprobs, track_grad_norms)
        return [task.wait(timeout) for task in tasks]
    finally:
        # Never join: a timed-out regularizer may still be running and cannot be killed.
        pool.shutdown(wait=False, cancel_futures=True)
