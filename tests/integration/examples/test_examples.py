"""Every example script runs end to end against the suite's local server (features EX-*).

Each script runs in a subprocess, as a user would run it, with TINKER_BASE_URL and
TINKER_API_KEY pointing at the shared server and the tiny model with small step counts;
the assertions read the numbers the script prints.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_API_KEY
from tinkex.server.runner import ServerHandle

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
MODEL = ["--model", "local/byte-tiny"]
SCRIPT_TIMEOUT_S = 120


def launch(
    server: ServerHandle, cwd: Path, script: str, *args: str, timeout: float = SCRIPT_TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TINKER_BASE_URL": server.base_url,
        "TINKER_API_KEY": TEST_API_KEY,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "generated")]),
    }
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_example(server: ServerHandle, cwd: Path, script: str, *args: str) -> str:
    done = launch(server, cwd, script, *args)
    assert done.returncode == 0, f"{script} failed:\n{done.stdout}\n{done.stderr}"
    assert "local Tinker server on" not in done.stdout  # it used TINKER_BASE_URL, not its own server
    return done.stdout


def number(pattern: str, text: str) -> list[float]:
    found = re.search(pattern, text)
    assert found is not None, f"{pattern!r} not in output:\n{text}"
    return [float(g) for g in found.groups()]


def test_supervised_loop_lowers_the_loss(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-02
    out = run_example(
        local_server, tmp_path, "supervised_loop.py", *MODEL, "--steps", "6", "--batch-size", "3"
    )
    assert len(re.findall(r"^step +\d+ +loss/token", out, re.M)) == 6
    first, last = number(r"loss/token first ([\d.]+) last ([\d.]+)", out)
    assert last < first * 0.8


def test_rl_loop_raises_the_mean_reward(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-02 (RL variant): importance_sampling with sampled logprobs and advantages
    out = run_example(
        local_server, tmp_path, "rl_loop.py", *MODEL, "--steps", "6", "--group-size", "8", "--max-tokens", "8"
    )
    first, last = number(r"first quarter ([\d.]+) last quarter ([\d.]+)", out)
    assert last > first + 0.2


def test_sampling_with_logprobs_matches_compute_logprobs(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-01, EX-19
    out = run_example(local_server, tmp_path, "sampling_with_logprobs.py", *MODEL, "--num-samples", "2")
    assert "health: ok" in out
    assert "model local/byte-tiny" in out
    prompt_count = number(r"prompt: (\d+) logprobs \(first None\)", out)[0]
    assert prompt_count == 1 + len("Hello from Tinkex!")  # BOS + the prompt's bytes
    assert len(re.findall(r"^sample \d+: ", out, re.M)) == 2
    assert number(r"compute_logprobs\| = ([\d.e+-]+)", out)[0] < 1e-3


def test_checkpoints_and_resume_continues_from_the_saved_state(
    local_server: ServerHandle, tmp_path: Path
) -> None:
    # covers EX-18, EX-23, EX-25
    out = run_example(
        local_server, tmp_path, "checkpoints_and_resume.py", *MODEL, "--steps", "5", "--resume-steps", "6"
    )
    assert re.search(r"saved state tinker://\S+/weights/step-0005", out)
    resumed, saved = number(r"loss/token ([\d.]+) \(saved ([\d.]+)\)", out)
    assert resumed == pytest.approx(saved, abs=1e-3)
    assert number(r"trained 6 more steps: loss/token ([\d.]+)", out)[0] < saved
    assert "model info: local/byte-tiny, lora rank 8" in out
    assert re.search(r"^unloaded \S+:train:\d+$", out, re.M)


def test_rest_management_publishes_sets_ttl_and_deletes(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-07, EX-08, EX-09
    out = run_example(local_server, tmp_path, "rest_management.py", *MODEL)
    published = out.split("after publish + 1 h TTL:")[1].split("after unpublish")[0]
    assert re.search(r"weights/demo-state +training +public=True", published)
    assert re.search(r"sampler_weights/demo-sampler .*expires=\d{4}-", published)
    cleared = out.split("after unpublish + TTL cleared:")[1].split("after deleting")[0]
    assert "public=True" not in cleared and "expires=never" in cleared and "demo-sampler" in cleared
    after_delete = out.split("after deleting the sampler weights:")[1]
    assert "demo-sampler" not in after_delete
    assert "1 checkpoint(s) left" in out
    assert "lora=True, rank 4" in out
    assert re.search(r"^session \S+: runs \['\S+:train:\d+'\]", out, re.M)


def test_download_checkpoint_extracts_files(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-10
    out = run_example(local_server, tmp_path, "download_checkpoint.py", *MODEL, "--output-dir", "out")
    destination = Path(re.search(r"extracted into (.+)$", out, re.M).group(1))  # type: ignore[union-attr]
    destination = destination if destination.is_absolute() else tmp_path / destination
    files = [p for p in destination.rglob("*") if p.is_file()]
    assert files and destination.parent == tmp_path / "out"
    for file in files:
        assert f"{file.relative_to(destination)}  {file.stat().st_size} bytes" in out
    assert re.search(r"downloaded (\d+) / \1 bytes \(100 %\)", out)


def test_run_all_runs_in_order_skips_missing_and_stops_at_a_failure(
    local_server: ServerHandle, tmp_path: Path
) -> None:
    # covers EX-28
    scripts = ["--scripts", "rest_management.py", "no_such_example.py", "download_checkpoint.py"]
    out = run_example(local_server, tmp_path, "run_all.py", *MODEL, *scripts)
    lines = [line for line in out.splitlines() if re.match(r"(\[\d\d:\d\d:\d\d\] running|ok|skip) ", line)]
    assert [line.split()[-1] if line.startswith("[") else line.split()[1] for line in lines] == [
        "rest_management.py",
        "rest_management.py",
        "no_such_example.py:",
        "download_checkpoint.py",
        "download_checkpoint.py",
    ]
    assert re.search(r"^ok rest_management\.py in [\d.]+ s$", out, re.M)

    failing = launch(local_server, tmp_path, "run_all.py", "--model", "unknown/model", *scripts)
    assert failing.returncode != 0
    assert "FAILED rest_management.py" in failing.stdout
    assert "download_checkpoint.py" not in failing.stdout  # stopped at the first failure
