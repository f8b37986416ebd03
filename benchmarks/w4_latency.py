"""W4: sequential small-call latency — ``optim_step`` submitted and its result awaited, one
at a time (each call is a submit request plus one poll)."""

from __future__ import annotations

import time

from benchmarks.common import (
    close_service,
    cpu_seconds,
    emit,
    import_sdk,
    maybe_profiler,
    median,
    parse_args,
    percentile,
    service_client,
    training_client,
)


def main() -> None:
    args = parse_args()
    module = import_sdk(args.sdk, hide_torch=args.hide_torch)
    calls = int(args.params.get("calls", 200))
    adam = module.types.AdamParams(learning_rate=1e-4)
    profiler = maybe_profiler(args)
    service = service_client(module, args.base_url)
    trainer = training_client(service)
    for _ in range(int(args.params.get("warmup", 10))):
        trainer.optim_step(adam).result()
    if profiler is not None:
        profiler.start()
    latencies = []
    cpu_start = cpu_seconds()
    for _ in range(calls):
        started = time.perf_counter()
        trainer.optim_step(adam).result()
        latencies.append(time.perf_counter() - started)
    cpu = cpu_seconds() - cpu_start
    if profiler is not None and args.profile is not None:
        profiler.dump(args.profile)
    close_service(service)
    emit(
        {
            "calls": calls,
            "median_ms": 1000.0 * median(latencies),
            "p99_ms": 1000.0 * percentile(latencies, 0.99),
            "cpu_ms_per_call": 1000.0 * cpu / calls,
        }
    )


if __name__ == "__main__":
    main()
