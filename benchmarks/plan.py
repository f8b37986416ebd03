"""Which client processes a benchmark run starts, in which order, with which sizes.

Each ``Spec`` is one process. Its ``label`` is the column its numbers land in:

* ``tinkex`` and ``official``: the two SDKs (issue 14's ratios are tinkex / official);
* ``baseline``: tinkex as it was before the generated core (``benchmarks.baseline``), for
  issue 13's "must not cost more than today's figures";
* ``floor``: the bare HTTP library with no SDK (``benchmarks.floor_client``);
* ``tinkex_httpx``: tinkex with ``transport="httpx"`` (W7, the transport choice).

Workloads run one after another and, within a workload, every column back to back, so a
disturbance of the shared machine hits the numbers that are compared with each other alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WORKLOADS = ("W0", "W1", "W2", "W3", "W4", "W5", "W6", "W7")


@dataclass(frozen=True)
class Spec:
    key: str  # result key, e.g. "W3_1000"
    module: str
    sdk: str  # what the process imports: tinkex, official, or floor (neither)
    label: str  # the result column
    params: dict[str, Any] = field(default_factory=dict)
    hide_torch: bool = False
    profile: Path | None = None


@dataclass(frozen=True)
class Sizes:
    w0_runs: int
    batch: tuple[int, int]  # datums, tokens
    encode_repeats: int
    steps: int
    fanouts: tuple[int, ...]  # W3 burst sizes, smallest first (the profiled run uses the first)
    latency_calls: int
    archives_mib: tuple[int, int]
    custom_repeats: int
    custom_batch: tuple[int, int]
    warmup: int
    transport_calls: int
    timeout_s: float
    rounds: int  # W2 and W4: columns run this many times, alternating; each value is their median


FULL = Sizes(7, (64, 2048), 30, 20, (1000, 10000), 200, (50, 200), 5, (64, 2048), 3, 2000, 600.0, 3)
# Quick mode only checks that the harness runs: one W3 burst size goes through the same code as
# two, and saves three client processes (each mostly an SDK import) in the smoke test.
QUICK = Sizes(1, (4, 64), 2, 2, (20,), 5, (1, 2), 1, (2, 16), 1, 40, 120.0, 2)


def _sdk_specs(key: str, module: str, params: dict[str, Any], with_baseline: bool) -> list[Spec]:
    """tinkex, the official SDK (without torch: the issue's baseline was measured without it, see
    results_doc) and, when there is one, tinkex before the generated core."""
    specs = [
        Spec(key, module, "tinkex", "tinkex", params),
        Spec(key, module, "official", "official", params, hide_torch=True),
    ]
    if with_baseline:
        specs.append(Spec(key, module, "tinkex", "baseline", params))
    return specs


def plan(
    sizes: Sizes,
    only: set[str],
    profile_dir: Path | None,
    archives: dict[str, tuple[str, int]],
    *,
    with_baseline: bool,
) -> list[Spec]:
    datums, tokens = sizes.batch
    batch = {"datums": datums, "tokens": tokens}
    specs: list[Spec] = []
    if "W0" in only:
        w0 = _sdk_specs("W0", "w0_import", {"runs": sizes.w0_runs}, with_baseline)
        specs += [Spec(s.key, s.module, s.sdk, s.label, s.params) for s in w0]  # W0 shows torch both ways
    if "W1" in only:
        specs += _sdk_specs("W1", "w1_encode", {**batch, "repeats": sizes.encode_repeats}, with_baseline)
    if "W2" in only:
        steps = {**batch, "steps": sizes.steps, "warmup": sizes.warmup}
        # Short, latency-bound runs: their ratios move most between runs on a shared machine.
        specs += _sdk_specs("W2", "w2_training", steps, with_baseline) * sizes.rounds
    if "W3" in only:
        for calls in sizes.fanouts:
            fanout = {"calls": calls, "warmup": 2 * sizes.warmup}
            specs += _sdk_specs(f"W3_{calls}", "w3_sampling", fanout, with_baseline)
            specs.append(Spec(f"W3_{calls}", "floor_sampling", "floor", "floor", fanout))
    if "W4" in only:
        latency = {"calls": sizes.latency_calls, "warmup": sizes.warmup}
        w4 = [*_sdk_specs("W4", "w4_latency", latency, with_baseline)]
        w4.append(Spec("W4", "floor_latency", "floor", "floor", latency))
        specs += w4 * sizes.rounds
    if "W5" in only:  # the official SDK 0.38 has no archive download
        for key, (name, size) in archives.items():
            specs.append(Spec(key, "w5_download", "tinkex", "tinkex", {"archive": name, "size_bytes": size}))
    if "W6" in only:
        custom = {
            "datums": sizes.custom_batch[0],
            "tokens": sizes.custom_batch[1],
            "repeats": sizes.custom_repeats,
        }
        specs += [Spec("W6", "w6_custom_loss", sdk, sdk, custom) for sdk in ("tinkex", "official")]
    if "W7" in only:
        key, burst = (
            f"W7_{sizes.transport_calls}",
            {"calls": sizes.transport_calls, "warmup": 2 * sizes.warmup},
        )
        specs += [
            Spec(key, "w3_sampling", "tinkex", "tinkex", {**burst, "transport": "aiohttp"}),
            Spec(key, "w3_sampling", "tinkex", "tinkex_httpx", {**burst, "transport": "httpx"}),
            Spec(key, "floor_sampling", "floor", "floor", burst),
        ]
    if profile_dir is not None:
        specs += _profiles(sizes, only, profile_dir, batch)
    return specs


# (result key, workload module, profile file): separate runs, never the timed ones.
PROFILES = (
    ("profile_W1", "W1", "w1_encode", "w1.prof"),
    ("profile_W2", "W2", "w2_training", "w2.prof"),
    ("profile_W3", "W3", "w3_sampling", "w3.prof"),
    ("profile_W4", "W4", "w4_latency", "w4.prof"),
)


def _profiles(sizes: Sizes, only: set[str], profile_dir: Path, batch: dict[str, int]) -> list[Spec]:
    params = {
        "W1": {**batch, "repeats": sizes.encode_repeats},
        "W2": {**batch, "steps": sizes.steps, "warmup": sizes.warmup},
        "W3": {"calls": sizes.fanouts[0], "warmup": 2 * sizes.warmup},
        "W4": {"calls": sizes.latency_calls, "warmup": sizes.warmup},
    }
    return [
        Spec(key, module, "tinkex", "tinkex", params[workload], profile=profile_dir / filename)
        for key, workload, module, filename in PROFILES
        if workload in only
    ]
