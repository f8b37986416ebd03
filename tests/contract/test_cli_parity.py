"""The same commands through the official ``tinker`` CLI and through ``tinkex``, against the
local server: the JSON each prints must be the same (tinkex may add the fields listed in
``TINKEX_EXTRAS``, and nothing else)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TEST_API_KEY

pytest.importorskip("tinker.cli", reason="the official tinker SDK (a dev dependency) is not installed")

# Fields tinkex's `checkpoint info` adds to the official ones (from the weights info).
TINKEX_EXTRAS = {"checkpoint info": {"base_model", "train_mlp", "train_attn", "train_unembed"}}

Run = Callable[..., list[Any]]

# Runs each command line of argv[2] (a JSON list) through the CLI module argv[1] in this one
# process, as `python -m MODULE -f json ARGS` would, and prints every result as JSON. One
# process per CLI instead of one per command: the interpreter, the SDK and its CLI are loaded
# once. The teardown is skipped: the official SDK's native HTTP runtime (pyqwest) has been seen
# to abort (SIGABRT) while Python shuts down, after its output was complete.
_RUNNER = """
import contextlib, io, json, os, runpy, sys
module, commands = sys.argv[1], json.loads(sys.argv[2])
results = []
for args in commands:
    out, err, code = io.StringIO(), io.StringIO(), 0
    sys.argv = [module, "-f", "json", *args]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            runpy.run_module(module, run_name="__main__", alter_sys=True)
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    results.append({"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
sys.__stdout__.write(json.dumps(results))
sys.__stdout__.flush()
os._exit(0)
"""


@pytest.fixture
def both_clis(local_server: object, tmp_path: Path) -> Callable[[str], Run]:
    env = {
        **os.environ,
        "TINKER_BASE_URL": local_server.base_url,  # type: ignore[attr-defined]
        "TINKER_API_KEY": TEST_API_KEY,
        "TINKER_TELEMETRY": "0",
        "HOME": str(tmp_path),  # neither CLI may pick up a credential stored on this machine
        "TINKEX_CREDENTIALS_FILE": str(tmp_path / "tinkex-credentials.json"),
    }

    def for_cli(module: str) -> Run:
        def run(*commands: list[str]) -> list[Any]:
            """The JSON each command printed, in order (each must exit 0)."""
            done = subprocess.run(
                [sys.executable, "-c", _RUNNER, module, json.dumps(commands)],
                capture_output=True,
                text=True,
                env=env,
                timeout=300,
                check=False,
            )
            assert done.returncode == 0, f"{module}: {done.stderr[-3000:]}"
            outputs = []
            for args, result in zip(commands, json.loads(done.stdout), strict=True):
                assert result["code"] == 0, f"{module} {' '.join(args)}: {result['stderr']}"
                outputs.append(json.loads(result["stdout"]))
            return outputs

        return run

    return for_cli


def _run_with_checkpoints(service_client: Any) -> tuple[str, str, str]:
    training = service_client.create_lora_training_client(base_model="local/byte-tiny", rank=4).result()
    state = training.save_state("parity-state").result().path
    sampler = training.save_weights_for_sampler("parity-sampler").result().path
    return training.model_id, state, sampler


def test_json_outputs_match(both_clis: Callable[[str], Run], service_client: Any) -> None:  # covers CLI-13
    run_id, state_path, _ = _run_with_checkpoints(service_client)
    official, tinkex = both_clis("tinker.cli"), both_clis("tinkex")
    commands = {
        "run list": ["run", "list", "--limit", "0"],
        "run info": ["run", "info", run_id],
        "checkpoint list": ["checkpoint", "list", "--limit", "0"],
        "checkpoint list --run-id": ["checkpoint", "list", "--run-id", run_id],
        "checkpoint info": ["checkpoint", "info", state_path],
        "model list": ["model", "list"],
    }
    expected_all = official(*commands.values())
    got_all = tinkex(*commands.values())
    for name, expected, got in zip(commands, expected_all, got_all, strict=True):
        extras = TINKEX_EXTRAS.get(name, set())
        assert set(got) - set(expected) <= extras, name
        assert {k: v for k, v in got.items() if k not in extras} == expected, name


def test_delete_by_run_matches(both_clis: Callable[[str], Run], service_client: Any) -> None:  # covers CLI-09
    outputs = []
    for cli in ("tinker.cli", "tinkex"):
        run_id, state_path, _ = _run_with_checkpoints(service_client)
        args = ["checkpoint", "delete", "--run-id", run_id, "--type", "sampler_weights", "--yes"]
        outputs += both_clis(cli)(args)
        left = both_clis("tinkex")(["checkpoint", "list", "--run-id", run_id])[0]["checkpoints"]
        assert [c["tinker_path"] for c in left] == [state_path]
    assert outputs[0] == outputs[1] == {"deleted_count": 1, "failed": []}
