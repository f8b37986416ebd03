"""The goals a run is judged by, each with its measured value and verdict.

Issue 14 §3: tinkex/official ratios from the same run, and tinkex/floor (the bare HTTP library).
Issue 13: datum building from lists (also a tinkex/official goal) must improve on tinkex before
the generated core, and nothing else may cost more than it did (the ``baseline`` column).
Issue 8's W5 goal still stands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.report import Results, fanouts, get, official_import_key, ratio


@dataclass(frozen=True)
class Goal:
    issue: str
    text: str
    measured: str
    met: bool | None  # None: could not be measured


def _verdict(
    issue: str, text: str, values: list[float | None], check: Callable[[list[float]], bool], shown: str
) -> Goal:
    present = [v for v in values if v is not None]
    if len(present) < len(values):
        return Goal(issue, text, "not measured", None)
    return Goal(issue, text, shown.format(*present), check(present))


def _at_most(limit: float) -> Callable[[list[float]], bool]:
    return lambda v: v[0] <= limit


# Issue 13: these must not cost more than with the hand-written core (lower is better for all).
NO_REGRESSION = (
    ("W0 import", "W0", "import_s"),
    ("W1 encode protobuf", "W1", "protobuf_ms"),
    ("W2 client CPU per step", "W2", "cpu_ms_per_step"),
    ("W3 1000 CPU per call", "W3_1000", "cpu_ms_per_call"),
    ("W3 1000 peak RSS", "W3_1000", "peak_rss_mib"),
    ("W3 10000 CPU per call", "W3_10000", "cpu_ms_per_call"),
    ("W3 10000 peak RSS", "W3_10000", "peak_rss_mib"),
    ("W4 median latency", "W4", "median_ms"),
)


def build_goals(results: Results) -> list[Goal]:
    r = results
    # The official SDK's import without torch (see results_doc), as in the issue's baseline.
    w0 = _ratio_keys(r, "W0", "import_s", official_import_key(r))
    goals = [_verdict("14", "W0 import ≤ 0.5×", [w0], _at_most(0.5), "{:.2f}×")]
    goals += [
        _verdict(
            "13, 14",
            "W1 datum building from lists ≤ 0.5×",
            [ratio(r, "W1", "datums_ms")],
            _at_most(0.5),
            "{:.2f}×",
        ),
        _verdict(
            "14",
            "W2 client CPU per step ≤ 0.5×",
            [ratio(r, "W2", "cpu_ms_per_step")],
            _at_most(0.5),
            "{:.2f}×",
        ),
    ]
    for n in fanouts(r) or ["1000", "10000"]:
        key = f"W3_{n}"
        goals += [
            _verdict(
                "14", f"W3 {n}: ≥ 4× calls/s", [ratio(r, key, "calls_per_s")], lambda v: v[0] >= 4, "{:.2f}×"
            ),
            _verdict(
                "14",
                f"W3 {n}: ≤ 0.25× CPU per call",
                [ratio(r, key, "cpu_ms_per_call")],
                _at_most(0.25),
                "{:.2f}×",
            ),
            _verdict(
                "14", f"W3 {n}: peak RSS ≤ 0.6×", [ratio(r, key, "peak_rss_mib")], _at_most(0.6), "{:.2f}×"
            ),
        ]
    goals.append(
        _verdict("14", "W4 median latency ≤ 0.5×", [ratio(r, "W4", "median_ms")], _at_most(0.5), "{:.2f}×")
    )
    for n in fanouts(r) or ["1000", "10000"]:
        goals.append(
            _verdict(
                "14",
                f"Floor: W3 {n} CPU per call, tinkex/floor ≤ 2×",
                [ratio(r, f"W3_{n}", "cpu_ms_per_call", bottom="floor")],
                _at_most(2),
                "{:.2f}×",
            )
        )
    goals.append(
        _verdict(
            "14",
            "Floor: W4 median latency, tinkex/floor ≤ 2×",
            [ratio(r, "W4", "median_ms", bottom="floor")],
            _at_most(2),
            "{:.2f}×",
        )
    )
    goals.append(
        _verdict(
            "13",
            "W1 datum building improves on tinkex before the generated core",
            [get(r, "W1", "tinkex", "datums_ms"), get(r, "W1", "baseline", "datums_ms")],
            lambda v: v[0] < v[1],
            "{:.2f} ms vs {:.2f} ms before",
        )
    )
    goals.append(_no_regression(r))
    small, large = get(r, "W5_small", "tinkex", "peak_rss_mib"), get(r, "W5_large", "tinkex", "peak_rss_mib")
    goals.append(
        _verdict(
            "8",
            "W5 peak RSS flat in archive size (grows < 16 MiB)",
            [small, large],
            lambda v: v[1] - v[0] < 16,
            "{:.0f} MiB → {:.0f} MiB",
        )
    )
    return goals


def _ratio_keys(results: Results, workload: str, key: str, official_key: str) -> float | None:
    t, o = get(results, workload, "tinkex", key), get(results, workload, "official", official_key)
    return None if t is None or o is None or o == 0 else t / o


def _no_regression(results: Results) -> Goal:
    """Issue 13: every figure of ``NO_REGRESSION`` at most what tinkex before the generated core
    measured in this run; the measured text names the ones above it."""
    text = "No other figure costs more than before the generated core (now/before ≤ 1)"
    ratios = [(name, ratio(results, key, field, bottom="baseline")) for name, key, field in NO_REGRESSION]
    measured = [(name, value) for name, value in ratios if value is not None]
    if not measured:
        return Goal("13", text, "not measured", None)
    worse = [f"{name} {value:.2f}×" for name, value in measured if value > 1]
    shown = "worse: " + ", ".join(worse) if worse else f"all {len(measured)} at most 1×"
    return Goal("13", text, shown, not worse)


def goals_markdown(goals: list[Goal]) -> str:
    marks = {True: "met", False: "**not met**", None: "not measured"}
    lines = ["| issue | goal | measured | verdict |", "|---|---|---|---|"]
    lines += [f"| {g.issue} | {g.text} | {g.measured} | {marks[g.met]} |" for g in goals]
    return "\n".join(lines)
