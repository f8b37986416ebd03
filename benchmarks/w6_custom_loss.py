"""W6: ``forward_backward_custom`` against the two plain passes it is made of.

A custom loss costs a forward pass, the loss and its gradient on the client, and a backward
pass. The overhead ratio is the custom call's time over twice a plain ``forward_backward`` of
the same batch (measured in the same process): 1.0 would mean the local part is free.
tinkex differentiates with JAX; the official SDK with torch (skipped when torch is missing).
The loss uses only methods both array types have, so the same function serves both SDKs.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from typing import Any

from benchmarks.common import (
    build_datums,
    close_service,
    cpu_seconds,
    emit,
    import_sdk,
    median,
    parse_args,
    raw_batch,
    service_client,
    training_client,
)


def negative_logprob_loss(data: list[Any], logprobs: list[Any]) -> tuple[Any, dict[str, float]]:
    total = (-logprobs[0]).sum()
    for values in logprobs[1:]:
        total = total + (-values).sum()
    return total, {}


def timed(call: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(median wall ms, mean CPU ms) per call, after one warm-up call."""
    call()
    walls = []
    cpu_start = cpu_seconds()
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        walls.append(time.perf_counter() - started)
    return 1000.0 * median(walls), 1000.0 * (cpu_seconds() - cpu_start) / repeats


def main() -> None:
    args = parse_args()
    if args.sdk == "official" and importlib.util.find_spec("torch") is None:
        raise SystemExit("W6: the official SDK's forward_backward_custom needs torch, which is not installed")
    module = import_sdk(args.sdk)
    repeats = int(args.params.get("repeats", 5))
    raw = raw_batch(int(args.params.get("datums", 64)), int(args.params.get("tokens", 2048)))
    datums = build_datums(module, raw)
    service = service_client(module, args.base_url)
    trainer = training_client(service)
    plain_wall, plain_cpu = timed(lambda: trainer.forward_backward(datums, "cross_entropy").result(), repeats)
    custom_wall, custom_cpu = timed(
        lambda: trainer.forward_backward_custom(datums, negative_logprob_loss).result(), repeats
    )
    close_service(service)
    emit(
        {
            "repeats": repeats,
            "plain_wall_ms": plain_wall,
            "plain_cpu_ms": plain_cpu,
            "custom_wall_ms": custom_wall,
            "custom_cpu_ms": custom_cpu,
            "overhead_wall_ratio": custom_wall / (2 * plain_wall),
            "overhead_cpu_ratio": custom_cpu / (2 * plain_cpu),
        }
    )


if __name__ == "__main__":
    main()
