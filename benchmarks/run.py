"""``python -m benchmarks.run`` (``make bench``): every workload with tinkex and the official SDK,
the bare-HTTP floor, the transport comparison and tinkex before the generated core.

Starts the fake server (``benchmarks.fake_server``) in its own process, runs one client
process per workload and column (``benchmarks.plan``), prints the tables and writes
``RESULTS.md``. ``--quick`` shrinks every size so the whole harness runs in seconds (the smoke
test uses it); its numbers mean nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks import baseline, goals, report
from benchmarks.archives import make_archive
from benchmarks.common import RESULT_PREFIX
from benchmarks.disturbance import Interval
from benchmarks.plan import FULL, QUICK, WORKLOADS, Sizes, Spec, plan
from benchmarks.profiles import facts, summary_markdown
from benchmarks.results_doc import machine_info, results_markdown

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def child_env(code_root: Path = ROOT) -> dict[str, str]:
    """The environment of a client process whose ``tinkex`` and ``generated`` come from
    ``code_root`` (this checkout, or the baseline's scratch copy); ``benchmarks`` is this one's."""
    paths = [str(code_root), str(code_root / "generated"), str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "TINKER_TELEMETRY": "0", "HF_HUB_OFFLINE": "1", "JAX_PLATFORMS": "cpu"}
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(p for p in paths if p))
    return env


def run_spec(spec: Spec, base_url: str, timeout_s: float, code_root: Path = ROOT) -> dict[str, Any]:
    command = [sys.executable, "-m", f"benchmarks.{spec.module}", "--sdk", spec.sdk, "--base-url", base_url]
    command += ["--params", json.dumps(spec.params)]
    if spec.hide_torch:
        command.append("--hide-torch")
    if spec.profile is not None:
        command += ["--profile", str(spec.profile)]
    try:
        # The working directory comes first on sys.path (``-m``): it picks the tinkex imported.
        done = subprocess.run(
            command,
            cwd=code_root,
            env=child_env(code_root),
            capture_output=True,
            text=True,
            timeout=timeout_s,
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
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile runs of tinkex")
    parser.add_argument(
        "--baseline",
        default=None,
        help=f"git ref of tinkex before the generated core, or 'none' (default: {baseline.BASELINE_REF}; "
        "none with --quick)",
    )
    parser.add_argument(
        "--results", type=Path, default=None, help="RESULTS.md to write (full runs: benchmarks/)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    return parser.parse_args(argv)


def _measure(
    specs: list[Spec], server: FakeServer, sizes: Sizes, baseline_root: Path | None
) -> report.Results:
    rounds: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for spec in specs:
        if spec.label == "baseline" and baseline_root is None:
            continue
        print(f"running {spec.key} [{spec.label}] ...", file=sys.stderr, flush=True)
        server_cpu = server.stats()["cpu_s"]
        load = os.getloadavg()[0]  # the 1-minute load as the process starts
        interval = Interval.start()
        root = baseline_root if spec.label == "baseline" and baseline_root is not None else ROOT
        measured = run_spec(spec, server.base_url, sizes.timeout_s, root)
        # The server's CPU over the whole client process: shows it was not the bottleneck.
        measured["server_cpu_s"] = server.stats()["cpu_s"] - server_cpu
        measured["load_at_start"] = load
        measured["foreign_cpu_share"] = interval.foreign_share(measured["server_cpu_s"])
        calls = measured.get("completed", measured.get("calls"))
        if isinstance(calls, int) and calls > 0:  # includes warm-up calls: an upper bound
            measured["server_ms_per_call"] = 1000.0 * measured["server_cpu_s"] / calls
        rounds.setdefault((spec.key, spec.label), []).append(measured)
    results: report.Results = {}
    for (key, label), measured_rounds in rounds.items():
        results.setdefault(key, {})[label] = combine_rounds(measured_rounds)
    return results


def combine_rounds(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """One process's values as they are; several alternating runs' numbers as their medians
    (``by_round`` keeps each run's), so one disturbed run cannot decide a ratio."""
    if len(rounds) == 1:
        return rounds[0]
    failed = [r for r in rounds if "error" in r]
    if failed:
        return failed[0]
    combined: dict[str, Any] = {}
    for field, value in rounds[0].items():
        values = [r.get(field) for r in rounds]
        numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        combined[field] = statistics.median(numbers) if len(numbers) == len(values) else value
    return {**combined, "rounds": len(rounds), "by_round": rounds}


def _profiles(sizes: Sizes, results: report.Results, profile_dir: Path) -> list[str]:
    datums, tokens = sizes.batch
    titles = (
        (
            "profile_W1",
            f"tinkex W1 datum building ({datums} × {tokens} from lists)",
            sizes.encode_repeats,
            "build",
        ),
        ("profile_W2", "tinkex W2 (training loop)", sizes.steps, "step"),
        ("profile_W3", f"tinkex W3 ({sizes.fanouts[0]} concurrent samples)", sizes.fanouts[0], "call"),
        ("profile_W4", "tinkex W4 (one optim_step at a time)", sizes.latency_calls, "call"),
    )
    out = []
    for key, title, units, unit in titles:
        path = profile_dir / f"{key.split('_')[1].lower()}.prof"
        if key in results and path.exists():
            out.append(summary_markdown(title, path, units, unit))
            results[key]["tinkex"] |= {"facts": facts(path), "units": units}  # quoted by the findings
    return out


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    sizes = QUICK if args.quick else FULL
    only = {w.strip().upper() for w in args.only.split(",") if w.strip()}
    results_path = args.results or (None if args.quick else DEFAULT_RESULTS)
    ref = args.baseline or ("none" if args.quick else baseline.BASELINE_REF)
    started = dt.datetime.now().astimezone()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="tinkex-bench-") as tmp:
        tmp_dir = Path(tmp)
        baseline_root, baseline_note = (None, "not run (--baseline none)")
        if ref != "none":
            baseline_root, baseline_note = baseline.extract(ROOT, ref, tmp_dir / "baseline")
            baseline_note = baseline_note or f"tinkex at {baseline.describe(ROOT, ref)}"
        archives: dict[str, tuple[str, int]] = {}
        if "W5" in only:
            for key, mib in zip(("W5_small", "W5_large"), sizes.archives_mib, strict=True):
                path = make_archive(tmp_dir, f"archive-{mib}mib", mib)
                archives[key] = (path.name.removesuffix(".tar.gz"), path.stat().st_size)
        profile_dir = None if args.no_profile else tmp_dir
        specs = plan(sizes, only, profile_dir, archives, with_baseline=baseline_root is not None)
        server = FakeServer(tmp_dir)
        try:
            results = _measure(specs, server, sizes, baseline_root)
            server_stats = server.stats()
        finally:
            server.stop()
        profiles = [] if profile_dir is None else _profiles(sizes, results, profile_dir)
    if "W6" in only and importlib.util.find_spec("torch") is None:
        results["W6"]["official"] = {
            "error": "skipped: torch is not installed (the official custom loss needs it)"
        }
    verdicts = goals.build_goals(results)
    print(report.text_table(report.build_rows(results)))
    print()
    print(goals.goals_markdown(verdicts))
    errors = report.errors_markdown(results)
    if errors:
        print("\nproblems:\n" + errors)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2))
    if results_path is not None:
        meta = machine_info(started, load_before, os.getloadavg(), quick=args.quick)
        meta |= {"server_stats": server_stats, "baseline": baseline_note, "sizes": repr(sizes)}
        results_path.write_text(results_markdown(meta, results, verdicts, profiles))
        print(f"\nwrote {results_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
