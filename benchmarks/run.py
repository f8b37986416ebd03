"""``python -m benchmarks.run`` (``make bench``): every workload with tinkex and the official SDK.

Starts the fake server (``benchmarks.fake_server``) in its own process, runs one client
process per workload and SDK, prints the side-by-side table and writes ``RESULTS.md``.
``--quick`` shrinks every size so the whole harness runs in seconds (the smoke test uses it);
its numbers mean nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import report
from benchmarks.archives import make_archive
from benchmarks.common import RESULT_PREFIX
from benchmarks.profiles import summary_markdown
from benchmarks.results_doc import machine_info, results_markdown

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
WORKLOADS = ("W0", "W1", "W2", "W3", "W4", "W5", "W6")


@dataclass(frozen=True)
class Spec:
    key: str  # result key, e.g. "W3_1000"
    module: str
    sdk: str
    params: dict[str, Any] = field(default_factory=dict)
    hide_torch: bool = False
    profile: Path | None = None


@dataclass(frozen=True)
class Sizes:
    w0_runs: int
    batch: tuple[int, int]  # datums, tokens
    encode_repeats: int
    steps: int
    fanouts: tuple[int, int]
    latency_calls: int
    archives_mib: tuple[int, int]
    custom_repeats: int
    custom_batch: tuple[int, int]
    warmup: int
    timeout_s: float


FULL = Sizes(7, (64, 2048), 30, 20, (1000, 10000), 200, (50, 200), 5, (64, 2048), 3, 600.0)
QUICK = Sizes(1, (4, 64), 2, 2, (20, 40), 5, (1, 2), 1, (2, 16), 1, 120.0)


def plan(
    sizes: Sizes, only: set[str], profile_dir: Path | None, archives: dict[str, tuple[str, int]]
) -> list[Spec]:
    datums, tokens = sizes.batch
    batch = {"datums": datums, "tokens": tokens}
    specs: list[Spec] = []
    for sdk in ("tinkex", "official"):
        hide = sdk == "official"  # the baseline: official SDK without torch (see results_doc)
        if "W0" in only:
            specs.append(Spec("W0", "w0_import", sdk, {"runs": sizes.w0_runs}))
        if "W1" in only:
            specs.append(Spec("W1", "w1_encode", sdk, {**batch, "repeats": sizes.encode_repeats}, hide))
        if "W2" in only:
            specs.append(
                Spec("W2", "w2_training", sdk, {**batch, "steps": sizes.steps, "warmup": sizes.warmup}, hide)
            )
        if "W3" in only:
            for calls in sizes.fanouts:
                specs.append(
                    Spec(
                        f"W3_{calls}", "w3_sampling", sdk, {"calls": calls, "warmup": 2 * sizes.warmup}, hide
                    )
                )
        if "W4" in only:
            specs.append(
                Spec("W4", "w4_latency", sdk, {"calls": sizes.latency_calls, "warmup": sizes.warmup}, hide)
            )
        if "W5" in only and sdk == "tinkex":
            for key, (name, size) in archives.items():
                specs.append(Spec(key, "w5_download", sdk, {"archive": name, "size_bytes": size}))
        if "W6" in only:
            custom = {
                "datums": sizes.custom_batch[0],
                "tokens": sizes.custom_batch[1],
                "repeats": sizes.custom_repeats,
            }
            specs.append(Spec("W6", "w6_custom_loss", sdk, custom))
    if profile_dir is not None:
        if "W2" in only:
            steps = {**batch, "steps": sizes.steps, "warmup": sizes.warmup}
            specs.append(Spec("profile_W2", "w2_training", "tinkex", steps, profile=profile_dir / "w2.prof"))
        if "W3" in only:
            fanout = {"calls": sizes.fanouts[0], "warmup": 2 * sizes.warmup}
            specs.append(Spec("profile_W3", "w3_sampling", "tinkex", fanout, profile=profile_dir / "w3.prof"))
    return specs


def child_env() -> dict[str, str]:
    paths = [str(ROOT), str(ROOT / "generated"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "TINKER_TELEMETRY": "0", "HF_HUB_OFFLINE": "1", "JAX_PLATFORMS": "cpu"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return env


def run_spec(spec: Spec, base_url: str, timeout_s: float) -> dict[str, Any]:
    command = [sys.executable, "-m", f"benchmarks.{spec.module}", "--sdk", spec.sdk, "--base-url", base_url]
    command += ["--params", json.dumps(spec.params)]
    if spec.hide_torch:
        command.append("--hide-torch")
    if spec.profile is not None:
        command += ["--profile", str(spec.profile)]
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=timeout_s
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout_s:.0f} s"}
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            parsed: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            return parsed
    tail = [line for line in done.stderr.strip().splitlines() if line.strip()][-1:] or ["no output"]
    return {"error": f"exit {done.returncode}: {tail[0][:300]}"}


class FakeServer:
    """The fake server subprocess; ``base_url`` is known once it printed ``READY <port>``."""

    def __init__(self, archive_dir: Path) -> None:
        command = [
            sys.executable,
            "-m",
            "benchmarks.fake_server",
            "--port",
            "0",
            "--archive-dir",
            str(archive_dir),
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith("READY "):
            self.stop()
            raise RuntimeError(f"fake server did not start (said {line!r})")
        self.base_url = f"http://127.0.0.1:{int(line.split()[1])}"

    def stats(self) -> dict[str, float]:
        """Request counters and the server's own CPU seconds so far."""
        with urllib.request.urlopen(f"{self.base_url}/_bench/stats", timeout=10) as reply:
            stats: dict[str, float] = json.loads(reply.read())
            return stats

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="tinkex vs the official tinker SDK, side by side")
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes: checks the harness, numbers mean nothing"
    )
    parser.add_argument("--only", default=",".join(WORKLOADS), help="comma-separated workloads, e.g. W1,W2")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile runs of tinkex W2/W3")
    parser.add_argument(
        "--results", type=Path, default=None, help="RESULTS.md to write (full runs: benchmarks/)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    sizes = QUICK if args.quick else FULL
    only = {w.strip().upper() for w in args.only.split(",") if w.strip()}
    results_path = args.results or (None if args.quick else DEFAULT_RESULTS)
    started = dt.datetime.now().astimezone()
    load_before = os.getloadavg()
    results: report.Results = {}
    with tempfile.TemporaryDirectory(prefix="tinkex-bench-") as tmp:
        tmp_dir = Path(tmp)
        archives: dict[str, tuple[str, int]] = {}
        if "W5" in only:
            for key, mib in zip(("W5_small", "W5_large"), sizes.archives_mib, strict=True):
                path = make_archive(tmp_dir, f"archive-{mib}mib", mib)
                archives[key] = (path.name.removesuffix(".tar.gz"), path.stat().st_size)
        profile_dir = None if args.no_profile else tmp_dir
        server = FakeServer(tmp_dir)
        try:
            for spec in plan(sizes, only, profile_dir, archives):
                print(f"running {spec.key} [{spec.sdk}] ...", file=sys.stderr, flush=True)
                server_cpu = server.stats()["cpu_s"]
                measured = run_spec(spec, server.base_url, sizes.timeout_s)
                # The server's CPU over the whole client process: shows it was not the bottleneck.
                measured["server_cpu_s"] = server.stats()["cpu_s"] - server_cpu
                calls = measured.get("completed", measured.get("calls"))
                if isinstance(calls, int) and calls > 0:  # includes warm-up calls: an upper bound
                    measured["server_ms_per_call"] = 1000.0 * measured["server_cpu_s"] / calls
                results.setdefault(spec.key, {})[spec.sdk] = measured
            server_stats = server.stats()
        finally:
            server.stop()
        profiles = []
        for key, title, units, unit in (
            ("profile_W2", "tinkex W2 (training loop)", sizes.steps, "step"),
            ("profile_W3", f"tinkex W3 ({sizes.fanouts[0]} concurrent samples)", sizes.fanouts[0], "call"),
        ):
            path = tmp_dir / ("w2.prof" if key == "profile_W2" else "w3.prof")
            if key in results and path.exists():
                profiles.append(summary_markdown(title, path, units, unit))
    if "W6" in only and importlib.util.find_spec("torch") is None:
        results["W6"]["official"] = {
            "error": "skipped: torch is not installed (the official custom loss needs it)"
        }
    rows = report.build_rows(results)
    goals = report.build_goals(results)
    print(report.text_table(rows))
    print()
    print(report.goals_markdown(goals))
    errors = report.errors_markdown(results)
    if errors:
        print("\nproblems:\n" + errors)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2))
    if results_path is not None:
        meta = machine_info(started, load_before, os.getloadavg(), quick=args.quick)
        meta["server_stats"] = server_stats
        text = results_markdown(meta, rows, goals, errors, profiles, sizes_text=repr(sizes), results=results)
        results_path.write_text(text)
        print(f"\nwrote {results_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
