"""W2: a training loop — forward_backward + optim_step + both results, per step.

The batch is W1's (64 × 2048 tokens, datums built once). Client CPU per step is the whole
process's CPU time (all threads) over the measured steps divided by their number.
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks.common import (
    build_datums,
    close_service,
    cpu_seconds,
    emit,
    import_sdk,
    maybe_profiler,
    median,
    parse_args,
    raw_batch,
    service_client,
    training_client,
)


def step(module: Any, trainer: Any, datums: list[Any]) -> None:
    forward_backward = trainer.forward_backward(datums, "cross_entropy")
    optim = trainer.optim_step(module.types.AdamParams(learning_rate=1e-4))
    forward_backward.result()
    optim.result()


def main() -> None:
    args = parse_args()
    module = import_sdk(args.sdk, hide_torch=args.hide_torch)
    steps = int(args.params.get("steps", 20))
    warmup = int(args.params.get("warmup", 3))
    datums = build_datums(
        module, raw_batch(int(args.params.get("datums", 64)), int(args.params.get("tokens", 2048)))
    )
    profiler = maybe_profiler(args)
    service = service_client(module, args.base_url)
    trainer = training_client(service)
    for _ in range(warmup):
        step(module, trainer, datums)
    if profiler is not None:
        profiler.start()
    walls = []
    cpu_start, wall_start = cpu_seconds(), time.perf_counter()
    for _ in range(steps):
        started = time.perf_counter()
        step(module, trainer, datums)
        walls.append(time.perf_counter() - started)
    cpu = cpu_seconds() - cpu_start
    wall = time.perf_counter() - wall_start
    if profiler is not None and args.profile is not None:
        profiler.dump(args.profile)
    close_service(service)
    emit(
        {
            "steps": steps,
            "cpu_ms_per_step": 1000.0 * cpu / steps,
            "wall_ms_per_step": 1000.0 * wall / steps,
            "median_wall_ms": 1000.0 * median(walls),
        }
    )


if __name__ == "__main__":
    main()
