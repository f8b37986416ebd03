"""W3 floor: the sampling burst with no SDK (``benchmarks.floor_client``), in its own process.

The same requests as tinkex's W3 (``asample`` then ``retrieve_future`` per sample, 32-token
prompt, 16 tokens), the same number in flight and the same pool sizes, measured the same way:
calls per second, CPU per call (whole process), peak RSS and RSS before the burst. One asyncio
loop on the main thread: a script has no caller thread to keep free, an SDK does.
"""

from __future__ import annotations

import asyncio
import time

from benchmarks.common import cpu_seconds, current_rss_mib, emit, parse_args, peak_rss_mib
from benchmarks.floor_client import IN_FLIGHT, FloorClient, call_headers, decode_sample, sample_body


async def burst(client: FloorClient, sampler: str, seq_ids: range, prompt: list[int], max_tokens: int) -> int:
    """Every sample of ``seq_ids`` at once, at most ``IN_FLIGHT`` between submit and result;
    the tokens received."""
    admission = asyncio.Semaphore(IN_FLIGHT)
    clock = time.perf_counter

    async def one(seq_id: int) -> int:
        async with admission:
            started = clock()
            headers = call_headers(60, **{"X-Tinker-Sampling-Backpressure": "1"})
            submitted = await client.post(
                "/api/v1/asample", sample_body(sampler, seq_id, prompt, max_tokens), headers
            )
            result = await client.retrieve(submitted["request_id"], "Sample", started, clock())
            return decode_sample(result)

    return sum(await asyncio.gather(*(one(seq_id) for seq_id in seq_ids)))


async def run(base_url: str, calls: int, warmup: int, prompt: list[int], max_tokens: int) -> dict[str, float]:
    client = FloorClient(base_url)
    sampler = await client.create_sampling_session(await client.create_session())
    await burst(client, sampler, range(warmup), prompt, max_tokens)
    rss_before = current_rss_mib()
    cpu_start, wall_start = cpu_seconds(), time.perf_counter()
    tokens = await burst(client, sampler, range(warmup, warmup + calls), prompt, max_tokens)
    wall = time.perf_counter() - wall_start
    cpu = cpu_seconds() - cpu_start
    peak = peak_rss_mib()
    await client.close()
    return {
        "calls": calls,
        "completed": calls,
        "calls_per_s": calls / wall,
        "cpu_ms_per_call": 1000.0 * cpu / calls,
        "peak_rss_mib": peak,
        "rss_before_mib": rss_before,
        "wall_s": wall,
        "tokens": tokens,
    }


def main() -> None:
    args = parse_args()
    prompt = list(range(1, 1 + int(args.params.get("prompt_tokens", 32))))
    max_tokens = int(args.params.get("max_tokens", 16))
    calls, warmup = int(args.params.get("calls", 1000)), int(args.params.get("warmup", 20))
    emit(asyncio.run(run(args.base_url, calls, warmup, prompt, max_tokens)))


if __name__ == "__main__":
    main()
