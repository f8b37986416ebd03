"""The official CLI's commands and options that tinkex's CLI gained, against the real local
server: the global -f/--format, model list, delete by run with filters, push-hf, auth status,
and sampling a byte model without transformers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TEST_API_KEY
from tests.integration.cli.conftest import Invoke, SavedRun


def test_global_format_reaches_every_command(
    tinkex_cli: Invoke, saved_run: SavedRun
) -> None:  # covers CLI-13
    listed = tinkex_cli("-f", "json", "run", "list")
    assert listed.exit_code == 0, listed.stderr
    assert any(run["training_run_id"] == saved_run.run_id for run in json.loads(listed.stdout)["runs"])
    assert json.loads(tinkex_cli("--json", "checkpoint", "list", "--run-id", saved_run.run_id).stdout)[
        "checkpoints"
    ]
    # The command's own flag wins over the global one.
    table = tinkex_cli("-f", "json", "model", "list", "-f", "table")
    assert table.exit_code == 0 and table.stdout.startswith("Models (1)")
    assert tinkex_cli("-f", "yaml", "run", "list").exit_code == 1
    # Commands with only --json (run sample, version) follow the global format as well.
    sample = ["run", "sample", "--model-path", saved_run.sampler_path, "--prompt", "hi", "--max-tokens", "3"]
    sampled = tinkex_cli("-f", "json", *sample)
    assert sampled.exit_code == 0, sampled.stderr
    assert json.loads(sampled.stdout)["type"] == "sample"
    assert tinkex_cli(*sample).stdout.startswith("Sample 1:")


def test_model_list(tinkex_cli: Invoke) -> None:
    everything = json.loads(tinkex_cli("-f", "json", "model", "list").stdout)
    assert everything == {
        "models": [
            {
                "model_name": "local/byte-tiny",
                "max_context_length": 512,
                "trainable": True,
                "sampleable": True,
            }
        ]
    }
    assert json.loads(tinkex_cli("-f", "json", "model", "list", "BYTE").stdout) == everything
    missing = tinkex_cli("model", "list", "llama")
    assert missing.exit_code == 1 and "No model name contains 'llama'" in missing.stderr


def test_delete_by_run_with_filters(tinkex_cli: Invoke, saved_run: SavedRun) -> None:  # covers CLI-09
    args = ["checkpoint", "delete", "--run-id", saved_run.run_id, "--type", "sampler_weights", "-y", "--json"]
    result = tinkex_cli(*args)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"deleted_count": 1, "failed": []}
    after = json.loads(tinkex_cli("-f", "json", "checkpoint", "list", "--run-id", saved_run.run_id).stdout)
    assert [c["tinker_path"] for c in after["checkpoints"]] == [saved_run.state_path]
    none_left = tinkex_cli(
        "checkpoint", "delete", "--run-id", saved_run.run_id, "--before", "2000-01-01", "-y"
    )
    assert none_left.exit_code == 0 and "match the filters" in none_left.stderr


def test_push_hf_local_dir_builds_a_peft_folder(
    tinkex_cli: Invoke, saved_run: SavedRun, tmp_path: Path
) -> None:
    from safetensors.numpy import load_file

    folder = tmp_path / "adapter"
    result = tinkex_cli(
        "-f", "json", "checkpoint", "push-hf", saved_run.state_path, "--local-dir", str(folder)
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"checkpoint_path": saved_run.state_path, "local_dir": str(folder)}
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "adapter_config.json",
        "adapter_model.safetensors",
    ]
    config = json.loads((folder / "adapter_config.json").read_text())
    assert config["base_model_name_or_path"] == "local/byte-tiny" and config["r"] == 4
    tensors = load_file(folder / "adapter_model.safetensors")
    assert tensors and all(name.startswith("base_model.model.") for name in tensors)
    assert f"tinker_path: {saved_run.state_path}" in (folder / "README.md").read_text()


def test_auth_status(tinkex_cli: Invoke, local_server: object, tmp_path: Path) -> None:
    ok = tinkex_cli("-f", "json", "auth", "status")
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout) == {"credentials_available": True, "accessible": True}
    # A short retry budget: the default 15 s of retrying a dead port would change nothing here.
    dead = ["--base-url", "http://127.0.0.1:9", "--timeout", "1", "--retry-budget", "0.5"]
    unreachable = tinkex_cli("auth", "status", *dead)
    assert unreachable.exit_code == 1
    assert unreachable.stdout.splitlines() == ["Credentials available: yes", "Tinker accessible: no"]
    no_key = {"TINKER_API_KEY": "", "TINKEX_CREDENTIALS_FILE": str(tmp_path / "none.json")}
    missing = tinkex_cli("auth", "status", env=no_key)
    assert missing.exit_code == 1 and missing.stdout == "Credentials available: no\n"


def test_byte_model_sampling_skips_transformers(local_server: object) -> None:  # covers CLI-05
    code = (
        "import sys\n"
        "from tinkex.cli import main\n"
        "try:\n"
        "    main(['run', 'sample', '--base-model', 'local/byte-tiny', '--prompt', 'hi', '--max-tokens', '3'])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "print('HEAVY', [m for m in ('transformers', 'torch') if m in sys.modules], file=sys.stderr)\n"
    )
    env = {
        **os.environ,
        "TINKER_BASE_URL": local_server.base_url,  # type: ignore[attr-defined]
        "TINKER_API_KEY": TEST_API_KEY,
    }
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stderr and done.stdout.startswith("Sample 1:\n")
