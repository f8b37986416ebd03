"""The text of ``benchmarks/RESULTS.md``: machine, method, table, goals, findings, profiles."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
from typing import Any

from benchmarks import report
from benchmarks.findings import findings_markdown

_PACKAGES = (
    "tinkex",
    "tinker",
    "httpx",
    "numpy",
    "protobuf",
    "orjson",
    "pyqwest",
    "pydantic",
    "jax",
    "torch",
)

METHOD = """\
- **Server.** `benchmarks/fake_server.py`: a raw-asyncio HTTP/1.1 server on loopback, in its
  own process, speaking the Tinker protocol with no model behind it. Every future is answered
  on its first poll with a valid result (protobuf `ForwardBackwardOutput` / `SampleResponse`
  built with `tinkex._wire.proto_codec` and cached by shape; JSON for the rest), so what is
  measured is the client. The server shares the machine's cores with the client.
- **Clients.** One fresh process per workload and SDK, `TINKER_TELEMETRY=0`. CPU is
  `time.process_time()` of the whole client process (all threads: both SDKs do their I/O on a
  background event-loop thread); peak RSS is `ru_maxrss`.
- **torch.** This venv has torch installed (a dev dependency: the official SDK's custom loss
  runs on it in a parity test), and the official SDK imports torch eagerly when it is
  present. The issue's baseline was measured without torch, so the official SDK runs W1–W4
  with `import torch` made to fail (`--hide-torch`); W0 shows its import both ways; W6 uses
  torch because the official custom loss needs it.
- **W0** median of several fresh interpreters, timing only the `import` (and, separately,
  the first touch of `ServiceClient` and `types.Datum`).
  **W1** one forward_backward request of 64 datums × 2048 tokens (int64 `target_tokens`, float32 `weights`): tinkex
  `_training_ops.encode_chunk` (protobuf bytes, or the JSON body bytes it writes), official
  pydantic `ForwardBackwardRequest` → `tinker.proto.request_conv` → `SerializeToString`;
  "with datums" includes building the `Datum`s from numpy arrays (the official `ModelInput`
  only accepts lists, so `tolist()` is part of its cost); the floor is `np.concatenate` of
  the raw arrays; W1 reports the fastest of 30 runs (timeit's convention on a shared machine).
  The benchmark batch's token ids are below 250, which tinkex's JSON writes from a table of
  fixed-width slots; the "big vocab" rows repeat tinkex's encode with ids drawn from 151,936
  (a real tokenizer's vocabulary), where orjson writes the ids and its floor applies.
  **W2** the W1 batch, forward_backward + optim_step + both results per step.
  **W3** N `sample` futures submitted at once (1 sample, 32-token prompt, 16 tokens), then
  all results; a burst still unfinished after 120 s is cut there and its rates cover the calls
  completed so far (the row's note says so).
  **W4** one `optim_step` at a time (submit + result).
  **W5** tinkex `RestClient.download_checkpoint` (archive URL, streamed download, safe extraction) of a
  stored-gzip archive; one process per size, so peak RSS can be compared across sizes; the
  official SDK 0.38 has no archive download any more.
  **W6** `forward_backward_custom` with a sum-of-negative-logprobs loss vs twice a plain `forward_backward` of the same batch.
- Ratios are tinkex / official from the same run; lower is better except calls/s.
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


def results_markdown(
    meta: dict[str, Any],
    rows: list[report.Row],
    goals: list[report.Goal],
    errors: str,
    profiles: list[str],
    *,
    sizes_text: str,
    results: report.Results,
) -> str:
    packages = ", ".join(f"{name} {version}" for name, version in meta["packages"].items())
    stats = meta.get("server_stats", {})
    futures, polls = stats.get("futures", 0), stats.get("polls", 0)
    load_before = " ".join(f"{x:.2f}" for x in meta["load_before"])
    load_after = " ".join(f"{x:.2f}" for x in meta["load_after"])
    parts = [
        "# Benchmarks: tinkex vs the official tinker SDK",
        "",
        "Generated by `make bench` (`python -m benchmarks.run`); do not edit by hand.",
        "",
        "## Machine",
        "",
        f"- Date: {meta['date']}"
        + (" (QUICK MODE: sizes shrunk, numbers meaningless)" if meta["quick"] else ""),
        f"- {meta['cores']} cores, {meta['cpu']}, {meta['os']}",
        f"- Python {meta['python']}; {packages}",
        f"- Load average (1/5/15 min) before: {load_before}; after: {load_after}",
        f"- Fake server: {futures} futures, {polls} polls ({polls / futures if futures else 0:.2f} polls per future)",
        f"- Sizes: `{sizes_text}`",
        "",
        "## Method",
        "",
        METHOD,
        "## Results",
        "",
        report.markdown_table(rows),
        "",
        "## Goals (issue 8)",
        "",
        report.goals_markdown(goals),
        "",
    ]
    limits = report.limits_markdown(results)
    if limits:
        parts += ["## Goals not met: the limit, measured", "", limits, ""]
    findings = findings_markdown(results)
    if findings:
        parts += ["## What changed for issue 8, and what dominates now", "", findings, ""]
    if errors:
        parts += ["## Problems in this run", "", errors, ""]
    if profiles:
        parts += [
            "## Profile of tinkex (cProfile, all threads, separate runs from the timed ones)",
            "",
            *profiles,
        ]
    return "\n".join(parts)
