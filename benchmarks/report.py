"""Turn workload results into rows: the main table (tinkex, official, baseline), the floor
table (tinkex vs the bare HTTP library) and the transport table (W7)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Results = dict[str, dict[str, dict[str, Any]]]  # workload -> column label -> measured values (or "error")


@dataclass(frozen=True)
class Row:
    metric: str
    values: dict[str, float | None]  # column label -> value
    unit: str
    note: str = ""

    def ratio(self, top: str, bottom: str) -> float | None:
        a, b = self.values.get(top), self.values.get(bottom)
        return None if a is None or b is None or b == 0 else a / b


def get(results: Results, workload: str, label: str, key: str) -> float | None:
    value = results.get(workload, {}).get(label, {}).get(key)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def ratio(
    results: Results, workload: str, key: str, top: str = "tinkex", bottom: str = "official"
) -> float | None:
    a, b = get(results, workload, top, key), get(results, workload, bottom, key)
    return None if a is None or b is None or b == 0 else a / b


def sized(results: Results, prefix: str) -> list[str]:
    """The sizes present for a sized workload (keys ``W3_<calls>``), smallest first."""
    return sorted((key.split("_", 1)[1] for key in results if key.startswith(prefix + "_")), key=int)


def fanouts(results: Results) -> list[str]:
    return sized(results, "W3")


def official_import_key(results: Results, first_use: bool = False) -> str:
    """The official SDK without torch when torch is installed (the issue's baseline)."""
    hidden = get(results, "W0", "official", "import_no_torch_s") is not None
    if first_use:
        return "first_use_no_torch_s" if hidden else "first_use_s"
    return "import_no_torch_s" if hidden else "import_s"


def _row(
    results: Results,
    metric: str,
    workload: str,
    key: str,
    unit: str,
    official_key: str | None = None,
    note: str = "",
) -> Row:
    values = {
        "tinkex": get(results, workload, "tinkex", key),
        "official": get(results, workload, "official", official_key or key),
        "baseline": get(results, workload, "baseline", key),
    }
    return Row(metric, values, unit, note)


def _cut_note(results: Results, key: str) -> str:
    return "; ".join(
        f"{label}: only {values['completed']}/{values['calls']} done by the deadline"
        for label, values in results.get(key, {}).items()
        if isinstance(values.get("completed"), int) and values["completed"] < values.get("calls", 0)
    )


def _rounds_note(results: Results, key: str) -> str:
    rounds = results.get(key, {}).get("tinkex", {}).get("rounds")
    return f"median of {rounds} alternating runs per column" if isinstance(rounds, int) else ""


def build_rows(results: Results) -> list[Row]:
    r = results
    rows = [
        _row(r, "W0 import", "W0", "import_s", "s", official_import_key(r), "official without torch"),
        _row(
            r,
            "W0 import + first use",
            "W0",
            "first_use_s",
            "s",
            official_import_key(r, True),
            "ServiceClient, types.Datum",
        ),
        _row(
            r,
            "W0 import, official with torch",
            "W0",
            "import_s",
            "s",
            "import_s",
            "torch installed in this venv",
        ),
        _row(
            r,
            "W1 build datums from lists (official idiom)",
            "W1",
            "datums_ms",
            "ms",
            note="fastest of the runs",
        ),
        _row(r, "W1 build datums, median run", "W1", "datums_median_ms", "ms"),
        _row(r, "W1 part: the ModelInput.from_ints(list) calls", "W1", "from_ints_ms", "ms"),
        _row(
            r,
            "W1 part: the Datum(numpy loss inputs) calls",
            "W1",
            "datum_loss_inputs_ms",
            "ms",
            note="ModelInputs built",
        ),
        _row(r, "W1 encode protobuf", "W1", "protobuf_ms", "ms"),
        _row(r, "W1 build datums + encode protobuf", "W1", "protobuf_with_datums_ms", "ms"),
        _row(r, "W1 encode JSON (tinkex) vs official protobuf", "W1", "json_ms", "ms", "protobuf_ms"),
        _row(r, "W1 numpy floor (concatenate)", "W1", "floor_ms", "ms"),
        _row(
            r,
            "W1 JSON floor: orjson of the numbers alone",
            "W1",
            "json_floor_ms",
            "ms",
            note="no JSON body is cheaper",
        ),
        _row(r, "W2 client CPU per step", "W2", "cpu_ms_per_step", "ms", note=_rounds_note(r, "W2")),
        _row(r, "W2 wall per step", "W2", "wall_ms_per_step", "ms"),
    ]
    for n in fanouts(r):
        key = f"W3_{n}"
        rows += [
            _row(r, f"W3 {n} samples: calls/s", key, "calls_per_s", "1/s", note=_cut_note(r, key)),
            _row(r, f"W3 {n} samples: CPU per call", key, "cpu_ms_per_call", "ms"),
            _row(r, f"W3 {n} samples: peak RSS", key, "peak_rss_mib", "MiB"),
            _row(
                r, f"W3 {n} samples: RSS before the burst", key, "rss_before_mib", "MiB", note="after warm-up"
            ),
            _row(
                r,
                f"W3 {n} samples: fake-server CPU per call",
                key,
                "server_ms_per_call",
                "ms",
                note="upper bound",
            ),
        ]
    rows += [
        _row(r, "W4 optim_step latency median", "W4", "median_ms", "ms", note=_rounds_note(r, "W4")),
        _row(r, "W4 optim_step latency p99", "W4", "p99_ms", "ms"),
        _row(r, "W4 CPU per call", "W4", "cpu_ms_per_call", "ms"),
    ]
    for key in ("W5_small", "W5_large"):
        size = get(r, key, "tinkex", "archive_mib")
        label = f"W5 download {size:.0f} MiB" if size is not None else f"W5 download ({key})"
        rows += [
            _row(
                r,
                f"{label}: throughput",
                key,
                "mib_per_s",
                "MiB/s",
                note="official 0.38: no archive download",
            ),
            _row(r, f"{label}: peak RSS", key, "peak_rss_mib", "MiB"),
        ]
    rows += [
        _row(r, "W6 custom call wall", "W6", "custom_wall_ms", "ms"),
        _row(r, "W6 overhead: custom / (2 × forward_backward), wall", "W6", "overhead_wall_ratio", "×"),
        _row(r, "W6 overhead: custom / (2 × forward_backward), CPU", "W6", "overhead_cpu_ratio", "×"),
    ]
    return rows


def floor_rows(results: Results) -> list[Row]:
    """tinkex against the same requests sent by bare aiohttp (W3 bursts, W4 sequential)."""
    rows = []
    for n in fanouts(results):
        key = f"W3_{n}"
        for metric, field, unit in (
            ("calls/s", "calls_per_s", "1/s"),
            ("CPU per call", "cpu_ms_per_call", "ms"),
            ("peak RSS", "peak_rss_mib", "MiB"),
            ("RSS before the burst", "rss_before_mib", "MiB"),
        ):
            values = {label: get(results, key, label, field) for label in ("tinkex", "floor")}
            rows.append(Row(f"W3 {n} samples: {metric}", values, unit))
    for metric, field in (("optim_step latency median", "median_ms"), ("CPU per call", "cpu_ms_per_call")):
        values = {label: get(results, "W4", label, field) for label in ("tinkex", "floor")}
        rows.append(Row(f"W4 {metric}", values, "ms"))
    return [row for row in rows if any(v is not None for v in row.values.values())]


def transport_rows(results: Results) -> list[Row]:
    """W7: one burst with tinkex over aiohttp (the default), over httpx's pool, and the floor."""
    rows = []
    for n in sized(results, "W7"):
        key = f"W7_{n}"
        for metric, field, unit in (
            ("CPU per call", "cpu_ms_per_call", "ms"),
            ("calls/s", "calls_per_s", "1/s"),
            ("peak RSS", "peak_rss_mib", "MiB"),
        ):
            values = {label: get(results, key, label, field) for label in ("tinkex", "tinkex_httpx", "floor")}
            rows.append(Row(f"W7 {n} samples: {metric}", values, unit, _cut_note(results, key)))
    return rows


def errors_markdown(results: Results) -> str:
    lines = []
    for workload, by_label in results.items():
        for label, values in by_label.items():
            if "error" in values:
                lines.append(f"- {workload} / {label}: {values['error']}")
    return "\n".join(lines)


def fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}" if abs(value) < 1 else f"{value:.2f}"


def fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def text_table(rows: list[Row]) -> str:
    """The main table for the terminal: tinkex, official, their ratio, baseline, now/before."""
    width = max(len(r.metric) for r in rows) + 2
    head = f"{'metric':<{width}}{'tinkex':>11}{'official':>11}{'ratio':>8}{'before':>11}{'now/bef':>9}  unit"
    lines = [head, "-" * len(head)]
    for r in rows:
        v = r.values
        lines.append(
            f"{r.metric:<{width}}{fmt(v['tinkex']):>11}{fmt(v['official']):>11}"
            f"{fmt_ratio(r.ratio('tinkex', 'official')):>8}{fmt(v['baseline']):>11}"
            f"{fmt_ratio(r.ratio('tinkex', 'baseline')):>9}  {r.unit}"
        )
    return "\n".join(lines)
