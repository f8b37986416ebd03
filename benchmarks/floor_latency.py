"""W4 floor: one ``optim_step`` at a time (submit, then poll its result) with no SDK
(``benchmarks.floor_client``), measured as tinkex's W4 is: latency median and p99, CPU per call."""

from __future__ import annotations

import asyncio
import time

from benchmarks.common import cpu_seconds, emit, median, parse_args, percentile
from benchmarks.floor_client import FloorClient, call_headers, optim_step_body


async def run(base_url: str, calls: int, warmup: int) -> dict[str, float]:
    client = FloorClient(base_url)
    clock = time.perf_counter
    model_id = await client.create_model(await client.create_session(), clock)
    seq_ids = iter(range(1, 1 + warmup + calls))

    async def optim_step() -> None:
        started = clock()
        body = optim_step_body(model_id, next(seq_ids))
        submitted = await client.post("/api/v1/optim_step", body, call_headers(60))
        await client.retrieve(submitted["request_id"], "OptimStep", started, clock())

    for _ in range(warmup):
        await optim_step()
    latencies = []
    cpu_start = cpu_seconds()
    for _ in range(calls):
        started = clock()
        await optim_step()
        latencies.append(clock() - started)
    cpu = cpu_seconds() - cpu_start
    await client.close()
    return {
        "calls": calls,
        "median_ms": 1000.0 * median(latencies),
        "p99_ms": 1000.0 * percentile(latencies, 0.99),
        "cpu_ms_per_call": 1000.0 * cpu / calls,
    }


def main() -> None:
    args = parse_args()
    calls, warmup = int(args.params.get("calls", 200)), int(args.params.get("warmup", 10))
    emit(asyncio.run(run(args.base_url, calls, warmup)))


if __name__ == "__main__":
    main()
