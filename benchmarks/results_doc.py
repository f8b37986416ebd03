"""The text of ``benchmarks/RESULTS.md``: machine, method, table, goals, findings, profiles."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
from typing import Any

from benchmarks import goals, report
from benchmarks.findings import findings_markdown
from benchmarks.unmet import unmet_markdown

_PACKAGES = (
    "tinkex",
    "tinker",
    "httpx",
    "numpy",
    "protobuf",
    "orjson",
    "aiohttp",
    "httpx-aiohttp",
    "pydantic",
    "attrs",
    "jax",
    "torch",
)

METHOD = """\
- **Server.** `benchmarks/fake_server.py`: a raw-asyncio HTTP/1.1 server on loopback, in its
  own process, speaking the Tinker protocol with no model behind it. Every future is answered
  on its first poll with a valid result (protobuf `ForwardBackwardOutput` / `SampleResponse`
  built with `tinkex._wire.proto_codec` and cached by shape; JSON for the rest), so what is
  measured is the client. The server shares the machine's cores with the client.
- **Clients.** One fresh process per workload and column, `TINKER_TELEMETRY=0`. CPU is
  `time.process_time()` of the whole client process (all threads: both SDKs do their I/O on a
  background event-loop thread); peak RSS is `ru_maxrss`. Within a workload the columns run
  back to back, so a disturbance of the shared machine hits compared numbers alike.
- **Columns.** *tinkex*: this checkout (generated core: spec-generated types, generated endpoint
  functions, the policy transport over `httpx_aiohttp`). *official*: `tinker` 0.38. *tinkex
  before*: the hand-written core at the commit named under Machine, extracted with `git archive`
  and run in this same run (`benchmarks/baseline.py`): issue 13's "today's figures".
  *floor*: the same requests sent by bare aiohttp with no SDK (`benchmarks/floor_client.py`: the
  same JSON bodies, serialized per call with orjson, the same headers, the same pool sizes and
  in-flight limit; a sample's protobuf result parsed with the generated message and its tokens
  viewed as numpy arrays, as far as tinkex's decoder goes before building public types; no
  retries, deadlines or public types; one asyncio loop on the main thread).
- **torch.** This venv has torch installed (a dev dependency: the official SDK's custom loss
  runs on it in a parity test), and the official SDK imports torch eagerly when it is
  present. The issue's baseline was measured without torch, so the official SDK runs W1–W4
  with `import torch` made to fail (`--hide-torch`); W0 shows its import both ways; W6 uses
  torch because the official custom loss needs it.
- **W0** median of several fresh interpreters, timing only the `import` (and, separately,
  the first touch of `ServiceClient` and `types.Datum`, where a lazy package pays what it deferred).
  **W1** 64 datums × 2048 tokens. Datum building is issue 13's idiom, the same code for both
  SDKs: `Datum(model_input=ModelInput.from_ints(list), loss_fn_inputs={"target_tokens": int64
  array, "weights": float32 array})` from token lists made beforehand. Encoding: tinkex
  `_training_ops.encode_chunk` and the bytes its generated endpoint sends (`_get_kwargs`'
  `content`: the protobuf payload, or orjson of `to_dict()`); official pydantic
  `ForwardBackwardRequest` → `tinker.proto.request_conv` → `SerializeToString`. The numpy
  floor is `np.concatenate` of the raw arrays. W1 reports the fastest of 30 runs (timeit's
  convention on a shared machine) and, for datum building, the median too.
  **W2** the W1 batch, forward_backward + optim_step + both results per step.
  **W3** N `sample` futures submitted at once (1 sample, 32-token prompt, 16 tokens), then
  all results; a burst still unfinished after 120 s is cut there and its rates cover the calls
  completed so far (the row's note says so).
  **W4** one `optim_step` at a time (submit + result). W2 and W4 are short and bound by
  thread wake-ups, so their ratios moved most between runs even with no other process on the
  machine: each of their columns runs `Sizes.rounds` times, alternating, and the table shows the medians.
  **W5** tinkex `RestClient.download_checkpoint` (archive URL, streamed download, safe extraction) of a
  stored-gzip archive; one process per size, so peak RSS can be compared across sizes; the
  official SDK 0.38 has no archive download any more.
  **W6** `forward_backward_custom` with a sum-of-negative-logprobs loss vs twice a plain `forward_backward` of the same batch.
  **W7** the W3 burst at 2,000 samples (tinkex keeps at most 1,000 in flight per sampling
  client, the floor the same) with tinkex over aiohttp (`transport="aiohttp"`, the default),
  over httpx's own pool (`transport="httpx"`), and the floor: the evidence for the default.
- Ratios are tinkex / official (or tinkex / floor, tinkex now / before) from the same run.
"""


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_info(
    started: dt.datetime,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
    *,
    quick: bool,
) -> dict[str, Any]:
    return {
        "date": started.strftime("%a %b %d %H:%M:%S %Z %Y"),
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in _PACKAGES},
        "load_before": load_before,
        "load_after": load_after,
        "quick": quick,
    }


def _table(rows: list[report.Row], columns: list[tuple[str, str]], ratios: list[tuple[str, str, str]]) -> str:
    """A markdown table: ``columns`` are (label, heading), ``ratios`` (heading, top, bottom)."""
    heads = ["metric", *(h for _, h in columns), *(h for h, _, _ in ratios), "unit", "note"]
    lines = ["| " + " | ".join(heads) + " |", "|---|" + "---:|" * (len(columns) + len(ratios)) + "---|---|"]
    for row in rows:
        cells = [row.metric, *(report.fmt(row.values.get(label)) for label, _ in columns)]
        cells += [report.fmt_ratio(row.ratio(top, bottom)) for _, top, bottom in ratios]
        lines.append("| " + " | ".join([*cells, row.unit, row.note]) + " |")
    return "\n".join(lines)


def _disturbance(results: report.Results) -> str:
    """Other processes' share of the machine while each client ran: median, and the worst rows."""
    shares = sorted(
        (
            (values["foreign_cpu_share"], f"{key} [{label}]")
            for key, by_label in results.items()
            for label, values in by_label.items()
            if isinstance(values.get("foreign_cpu_share"), float)
        ),
        reverse=True,
    )
    if not shares:
        return ""
    median = shares[len(shares) // 2][0]
    worst = ", ".join(f"{where} {100 * share:.0f} %" for share, where in shares[:3])
    return (
        f"- Other processes' CPU while each client ran (share of both cores, `benchmarks/disturbance.py`): "
        f"median {100 * median:.0f} %; highest: {worst}"
    )


def _machine(meta: dict[str, Any]) -> list[str]:
    packages = ", ".join(f"{name} {version}" for name, version in meta["packages"].items())
    stats = meta.get("server_stats", {})
    futures, polls = stats.get("futures", 0), stats.get("polls", 0)
    load_before = " ".join(f"{x:.2f}" for x in meta["load_before"])
    load_after = " ".join(f"{x:.2f}" for x in meta["load_after"])
    quick = " (QUICK MODE: sizes shrunk, numbers meaningless)" if meta["quick"] else ""
    return [
        f"- Date: {meta['date']}{quick}",
        f"- {meta['cores']} cores, {meta['cpu']}, {meta['os']}",
        f"- Python {meta['python']}; {packages}",
        f"- Load average (1/5/15 min) before: {load_before}; after: {load_after}",
        f"- Fake server: {futures} futures, {polls} polls ({polls / futures if futures else 0:.2f} polls per future)",
        f"- Sizes: `{meta['sizes']}`",
        f'- "tinkex before" column: {meta.get("baseline", "not run")}',
    ]


def results_markdown(
    meta: dict[str, Any], results: report.Results, verdicts: list[goals.Goal], profiles: list[str]
) -> str:
    main_columns = [("tinkex", "tinkex"), ("official", "official")]
    main_ratios = [("tinkex/official", "tinkex", "official")]
    if any("baseline" in by_label for by_label in results.values()):
        main_columns.append(("baseline", "tinkex before"))
        main_ratios.append(("now/before", "tinkex", "baseline"))
    parts = [
        "# Benchmarks: tinkex vs the official tinker SDK",
        "",
        "Generated by `make bench` (`python -m benchmarks.run`); do not edit by hand.",
        "",
        "## Machine",
        "",
        *_machine(meta),
        *([_disturbance(results)] if _disturbance(results) else []),
        "",
        "## Method",
        "",
        METHOD,
        "## Goals (issues 13 and 14; all ratios from this run)",
        "",
        goals.goals_markdown(verdicts),
        "",
    ]
    unmet = unmet_markdown(verdicts, results)
    if unmet:
        parts += ["### Goals not met: why", "", unmet, ""]
    parts += [
        "## Results",
        "",
        'Lower is better except calls/s and MiB/s. "tinkex before" is the hand-written core (see Machine).',
        "",
        _table(report.build_rows(results), main_columns, main_ratios),
        "",
    ]
    floor = report.floor_rows(results)
    if floor:
        parts += [
            "## Floor: the same requests from bare aiohttp, no SDK",
            "",
            _table(
                floor,
                [("tinkex", "tinkex"), ("floor", "aiohttp, no SDK")],
                [("tinkex/floor", "tinkex", "floor")],
            ),
            "",
        ]
    transport = report.transport_rows(results)
    if transport:
        columns = [
            ("tinkex", "tinkex, aiohttp (default)"),
            ("tinkex_httpx", "tinkex, httpx"),
            ("floor", "aiohttp, no SDK"),
        ]
        parts += [
            "## W7: transport choice (one burst, same server)",
            "",
            _table(transport, columns, [("httpx/aiohttp", "tinkex_httpx", "tinkex")]),
            "",
        ]
    findings = findings_markdown(results)
    if findings:
        parts += ["## Findings: what is true now", "", findings, ""]
    errors = report.errors_markdown(results)
    if errors:
        parts += ["## Problems in this run", "", errors, ""]
    if profiles:
        parts += [
            "## Profile of tinkex (cProfile, all threads, separate runs from the timed ones)",
            "",
            *profiles,
        ]
    return "\n".join(parts)
