"""Metrics: sample a few times, then read the process-wide metrics snapshot.

Every HTTP request tinkex makes is counted (``tinkex_requests_total``, ``..._success``,
``..._failure``) and timed (``tinkex_request_duration_ms``, with p50/p95/p99 over the newest
samples). Your own counters, gauges and histograms live in the same registry. Feature EX-14.

    python examples/metrics_live.py [--samples 5] [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import time
from contextlib import ExitStack

from _local import BOS, open_service_client

import tinkex
from tinkex import types


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        sampler = service.create_sampling_client(base_model=args.model).result()
        tinkex.metrics.reset()  # count only the sampling below
        prompt = types.ModelInput.from_ints([BOS, *b"Metrics, please"])
        params = types.SamplingParams(max_tokens=8, temperature=0.7)
        for _ in range(args.samples):
            started = time.perf_counter()
            sampler.sample(prompt, 1, params).result()
            tinkex.metrics.increment("example_samples")  # your own counter ...
            tinkex.metrics.record_histogram("example_sample_ms", (time.perf_counter() - started) * 1000)

        snapshot = tinkex.metrics.snapshot()
        for name, value in sorted(snapshot["counters"].items()):
            print(f"counter {name} = {value:g}")
        for name, stats in sorted(snapshot["histograms"].items()):
            print(
                f"histogram {name}: count {stats['count']}  p50 {stats['p50']:.1f} ms  "
                f"p95 {stats['p95']:.1f} ms  p99 {stats['p99']:.1f} ms"
            )


if __name__ == "__main__":
    main()
