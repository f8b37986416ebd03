"""The benchmark harness still runs end to end (tiny sizes; its numbers are not looked at).

It starts the fake server, runs W1 (datum building and encoding), W2 (training loop), W3
(sampling fan-out, with the bare-aiohttp floor) and W7 (transport choice) with both SDKs and the
tinkex profiles, and writes a RESULTS.md. A second run checks the "tinkex before" column, which
runs an older commit of tinkex from ``git archive``. Benchmarks themselves never run in the test
command (issue 8).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.baseline import BASELINE_REF

ROOT = Path(__file__).resolve().parents[3]
NUMBER = r"[\d,]+\.?\d*"

pytest.importorskip("tinker", reason="the official SDK is a dev dependency the harness compares against")


def _run(tmp_path: Path, *options: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any], str]:
    results_md, raw_json = tmp_path / "RESULTS.md", tmp_path / "raw.json"
    env = {**os.environ, "TINKER_TELEMETRY": "0", "HF_HUB_OFFLINE": "1", "JAX_PLATFORMS": "cpu"}
    command = [sys.executable, "-m", "benchmarks.run", "--quick", *options]
    command += ["--results", str(results_md), "--json", str(raw_json)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "problems:" not in done.stdout, done.stdout
    return done, json.loads(raw_json.read_text()), results_md.read_text()


def _positive(raw: dict[str, Any], workload: str, label: str, key: str) -> None:
    value = raw[workload][label].get(key)
    assert isinstance(value, float) and value > 0, (workload, label, raw[workload][label])


def test_quick_harness_reports_both_sdks_and_the_floor(tmp_path: Path) -> None:
    done, raw, text = _run(tmp_path, "--only", "W1,W2,W3,W7")
    fanout = min((key for key in raw if key.startswith("W3_")), key=lambda key: int(key.split("_")[1]))
    for workload, key in (
        ("W1", "datums_ms"),
        ("W1", "protobuf_ms"),
        ("W2", "cpu_ms_per_step"),
        (fanout, "calls_per_s"),
    ):
        for sdk in ("tinkex", "official"):
            _positive(raw, workload, sdk, key)
    _positive(raw, "W1", "tinkex", "json_ms")
    _positive(raw, fanout, "floor", "cpu_ms_per_call")
    transport = next(key for key in raw if key.startswith("W7_"))
    for label in ("tinkex", "tinkex_httpx", "floor"):
        _positive(raw, transport, label, "cpu_ms_per_call")

    # The printed table has both SDKs' numbers and their ratio on each measured row.
    calls = fanout.split("_")[1]
    for metric in (
        "W1 build datums from lists (official idiom)",
        "W2 client CPU per step",
        f"W3 {calls} samples: calls/s",
    ):
        assert re.search(rf"^{re.escape(metric)}\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}×", done.stdout, re.M), (
            done.stdout
        )

    assert "QUICK MODE" in text
    # W2 runs each column in alternating rounds; the table shows their medians.
    assert raw["W2"]["tinkex"]["rounds"] == len(raw["W2"]["tinkex"]["by_round"]) > 1
    assert re.search(r"\| W2 client CPU per step \|.*\| median of \d+ alternating runs per column \|", text)
    assert re.search(rf"\| W2 client CPU per step \| {NUMBER} \| {NUMBER} \| {NUMBER}× \|", text)
    assert re.search(r"\| 14 \| W2 client CPU per step ≤ 0\.5× \| [\d.]+× \| (met|\*\*not met\*\*) \|", text)
    assert re.search(r"\| 13, 14 \| W1 datum building from lists ≤ 0\.5× \| [\d.]+× \|", text)
    assert re.search(rf"\| 14 \| Floor: W3 {calls} CPU per call, tinkex/floor ≤ 2× \| [\d.]+× \|", text)
    # The floor and transport tables carry this run's numbers.
    assert re.search(rf"\| W3 {calls} samples: CPU per call \| {NUMBER} \| {NUMBER} \| {NUMBER}× \|", text)
    assert re.search(
        rf"\| W7 \d+ samples: CPU per call \| {NUMBER} \| {NUMBER} \| {NUMBER} \| {NUMBER}× \|", text
    )
    # The profile sections came from real dumps.
    for title in (
        "### tinkex W1 datum building",
        "### tinkex W2 (training loop)",
        f"### tinkex W3 ({calls} concurrent samples)",
    ):
        assert title in text
    assert "tinkex/" in text.split("### tinkex W2 (training loop)", 1)[1]
    assert "## Findings: what is true now" in text


def test_quick_harness_runs_tinkex_before_the_generated_core(tmp_path: Path) -> None:
    known = subprocess.run(
        ["git", "cat-file", "-e", f"{BASELINE_REF}^{{commit}}"], cwd=ROOT, capture_output=True
    )
    if known.returncode != 0:
        pytest.skip(f"this checkout does not have {BASELINE_REF} (a shallow clone?)")
    _done, raw, text = _run(tmp_path, "--only", "W1", "--no-profile", "--baseline", BASELINE_REF)
    _positive(raw, "W1", "baseline", "datums_ms")
    _positive(raw, "W1", "baseline", "protobuf_ms")
    assert f"tinkex at {BASELINE_REF}" in text
    assert re.search(
        r"\| 13 \| W1 datum building improves on tinkex before the generated core \| [\d.]+ ms", text
    )
