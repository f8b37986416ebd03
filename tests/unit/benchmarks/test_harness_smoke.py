"""The benchmark harness still runs end to end (tiny sizes; its numbers are not looked at).

It starts the fake server, runs W2 (training loop) and W3 (sampling fan-out) with both SDKs
and the tinkex profiles of both, and writes a RESULTS.md. Benchmarks themselves never run in the test command (issue 8).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

pytest.importorskip("tinker", reason="the official SDK is a dev dependency the harness compares against")


def test_quick_harness_reports_both_sdks(tmp_path: Path) -> None:
    results_md = tmp_path / "RESULTS.md"
    raw_json = tmp_path / "raw.json"
    env = {**os.environ, "TINKER_TELEMETRY": "0", "HF_HUB_OFFLINE": "1", "JAX_PLATFORMS": "cpu"}
    command = [sys.executable, "-m", "benchmarks.run", "--quick", "--only", "W2,W3"]
    command += ["--results", str(results_md), "--json", str(raw_json)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "problems:" not in done.stdout, done.stdout

    raw = json.loads(raw_json.read_text())
    fanout = min((key for key in raw if key.startswith("W3_")), key=lambda key: int(key.split("_")[1]))
    for workload, key in (("W2", "cpu_ms_per_step"), (fanout, "calls_per_s")):
        for sdk in ("tinkex", "official"):
            value = raw[workload][sdk].get(key)
            assert isinstance(value, float) and value > 0, (workload, sdk, raw[workload][sdk])

    # The printed table has both SDKs' numbers and their ratio on each measured row.
    number = r"[\d,]+\.?\d*"
    calls = fanout.split("_")[1]
    for metric in ("W2 client CPU per step", f"W3 {calls} samples: calls/s"):
        assert re.search(rf"^{re.escape(metric)}\s+{number}\s+{number}\s+{number}×", done.stdout, re.M), (
            done.stdout
        )

    text = results_md.read_text()
    assert "QUICK MODE" in text
    assert re.search(rf"\| W2 client CPU per step \| {number} \| {number} \| {number}× \|", text)
    assert "- W2 client CPU per step ≤ 0.5×: " in text
    assert "### tinkex W2 (training loop)" in text  # the profile section came from a real dump
    assert f"### tinkex W3 ({calls} concurrent samples)" in text
    assert "tinkex/" in text.split("### tinkex W2 (training loop)", 1)[1]
    # The findings section carries this run's per-call memory of both SDKs.
    assert re.search(
        rf"\*\*W3 memory\.\*\* .*{calls} calls: {number} KiB per call against -?{number} KiB", text
    )
