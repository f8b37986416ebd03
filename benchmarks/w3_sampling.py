"""W3: sampling fan-out — N concurrent ``sample`` calls (an RL rollout burst).

All N futures are submitted from the main thread, then every result is awaited. Reported:
calls per second (wall), client CPU per call (all threads), peak RSS of the process (which
includes the SDK's import and set-up, measured once per process so N=1,000 and N=10,000 each
get a clean peak), and RSS before the burst for reference.

``transport`` (tinkex only, W7) picks the connections under tinkex's policy: ``aiohttp`` (the
default) or ``httpx`` (httpx's own pool).

A burst that has not finished by ``deadline_s`` is cut short: the rates then cover the calls
completed so far (``completed`` < ``calls``), and the process exits without waiting for the rest,
so one pathological client cannot stall the whole benchmark run.
"""

from __future__ import annotations

import concurrent.futures
import os
import time
from typing import Any

from benchmarks.common import (
    close_service,
    cpu_seconds,
    current_rss_mib,
    emit,
    import_sdk,
    maybe_profiler,
    parse_args,
    peak_rss_mib,
    sampling_client,
    service_client,
)


def main() -> None:
    args = parse_args()
    module = import_sdk(args.sdk, hide_torch=args.hide_torch)
    types = module.types
    calls = int(args.params.get("calls", 1000))
    prompt = types.ModelInput.from_ints(list(range(1, 1 + int(args.params.get("prompt_tokens", 32)))))
    params = types.SamplingParams(max_tokens=int(args.params.get("max_tokens", 16)), temperature=1.0)
    profiler = maybe_profiler(args)
    transport = args.params.get("transport")
    service = service_client(module, args.base_url, **({"transport": transport} if transport else {}))
    sampler = sampling_client(service)
    for future in [sampler.sample(prompt, 1, params) for _ in range(int(args.params.get("warmup", 20)))]:
        future.result()
    rss_before = current_rss_mib()
    if profiler is not None:
        profiler.start()
    cpu_start, wall_start = cpu_seconds(), time.perf_counter()
    futures = [sampler.sample(prompt, 1, params) for _ in range(calls)]
    submitted = time.perf_counter() - wall_start
    completed, tokens = collect(futures, wall_start + float(args.params.get("deadline_s", 120)))
    wall = time.perf_counter() - wall_start
    cpu = cpu_seconds() - cpu_start
    if profiler is not None and args.profile is not None:
        profiler.dump(args.profile)
    peak = peak_rss_mib()
    result = {
        "calls": calls,
        "completed": completed,
        "calls_per_s": completed / wall,
        "cpu_ms_per_call": 1000.0 * cpu / max(completed, 1),
        "peak_rss_mib": peak,
        "rss_before_mib": rss_before,
        "submit_s": submitted,
        "wall_s": wall,
        "tokens": tokens,
    }
    if completed < calls:
        emit(result)
        os._exit(0)  # thousands of calls still in flight: closing cleanly would wait for them
    close_service(service)
    emit(result)


def collect(futures: list[Any], deadline: float) -> tuple[int, int]:
    """(calls completed before ``deadline``, tokens received), in whatever order they finish.

    Both SDKs' futures expose ``.future()``, a ``concurrent.futures.Future``.
    """
    pending = [future.future() for future in futures]
    done, _ = concurrent.futures.wait(pending, timeout=max(deadline - time.perf_counter(), 0.0))
    tokens = sum(len(finished.result().sequences[0].tokens) for finished in done)  # re-raises failures
    return len(done), tokens


if __name__ == "__main__":
    main()
