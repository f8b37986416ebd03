"""`tinkex run ...` (sampling mode, list, info) against the real local server (features CLI-05, CLI-11, CLI-12, CLI-16)."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from tests.integration.cli.conftest import Invoke, SavedRun


def test_sample_from_saved_checkpoint(tinkex_cli: Invoke, saved_run: SavedRun) -> None:  # covers CLI-05
    args = ["run", "--model-path", saved_run.sampler_path, "--prompt", "hello", "--max-tokens", "6"]
    result = tinkex_cli(*args, "--num-samples", "2", "--seed", "7", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["type"] == "sample" and data["prompt_logprobs"] is None
    assert len(data["sequences"]) == 2
    for sequence in data["sequences"]:
        assert 1 <= len(sequence["tokens"]) <= 6
        assert len(sequence["logprobs"]) == len(sequence["tokens"])
        assert all(lp <= 0 for lp in sequence["logprobs"])
        assert sequence["stop_reason"] in ("length", "stop")
        assert isinstance(sequence["text"], str)
    assert "Starting sampling..." in result.stderr and "Sampling complete (2 sequences)" in result.stderr

    plain = tinkex_cli(*args, "--stop", "zz", "--top-k", "20", "--top-p", "0.9", "--temperature", "0.7")
    assert plain.exit_code == 0, plain.stderr
    assert plain.stdout.startswith("Sample 1:\n")
    assert "stop_reason=" in plain.stdout and "avg_logprob=" in plain.stdout


def test_text_prompt_is_encoded_without_extra_tokens(
    tinkex_cli: Invoke, tmp_path: Path
) -> None:  # covers CLI-05, TOK-07
    greedy = [
        "run",
        "sample",
        "--base-model",
        "local/byte-tiny",
        "--max-tokens",
        "5",
        "--temperature",
        "0",
        "--json",
    ]
    from_text = json.loads(tinkex_cli(*greedy, "--prompt", "hi").stdout)
    token_file = tmp_path / "tokens.json"
    token_file.write_text(json.dumps({"tokens": [104, 105]}))  # "hi" as bytes, nothing prepended
    from_tokens = json.loads(tinkex_cli(*greedy, "--prompt-file", str(token_file)).stdout)
    assert from_text["sequences"][0]["tokens"] == from_tokens["sequences"][0]["tokens"]
    text_file = tmp_path / "prompt.txt"
    text_file.write_text("hi")
    from_text_file = json.loads(tinkex_cli(*greedy, "--prompt-file", str(text_file)).stdout)
    assert from_text_file["sequences"][0]["tokens"] == from_text["sequences"][0]["tokens"]
    array_file = tmp_path / "array.json"
    array_file.write_text("[104, 105]")
    out_file = tmp_path / "out" / "sample.json"
    written = tinkex_cli(*greedy, "--prompt-file", str(array_file), "--output", str(out_file))
    assert written.exit_code == 0 and written.stdout == ""
    assert json.loads(out_file.read_text())["sequences"][0]["tokens"] == from_text["sequences"][0]["tokens"]


def test_sampling_error_wording(tinkex_cli: Invoke) -> None:  # covers CLI-16
    result = tinkex_cli("run", "--base-model", "no/such-model", "--prompt", "x")
    assert result.exit_code == 1
    assert result.stderr.startswith("Sampling failed. Please check your inputs: ")


def test_run_list_and_info(tinkex_cli: Invoke, saved_run: SavedRun) -> None:  # covers CLI-11, CLI-12
    listed = tinkex_cli("run", "list", "--limit", "0", "--json")
    assert listed.exit_code == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert set(data) == {"runs"}  # the official shape
    ours = next(run for run in data["runs"] if run["training_run_id"] == saved_run.run_id)
    assert ours["base_model"] == "local/byte-tiny" and ours["is_lora"] is True and ours["lora_rank"] == 4
    assert ours["corrupted"] is False and _dt.datetime.fromisoformat(ours["last_request_time"]).tzinfo

    table = tinkex_cli("run", "list", "--limit", "0")
    assert table.stdout.splitlines()[0] == f"Training runs ({len(data['runs'])}/{len(data['runs'])})"
    row = next(line for line in table.stdout.splitlines() if saved_run.run_id in line)
    # "OK", not "Active": the run's session may well be closed
    assert "Yes (rank 4)" in row and " OK " in row and "local/byte-tiny" in row
    picked = tinkex_cli("run", "list", "--limit", "0", "-c", "id,checkpoint").stdout.splitlines()
    assert picked[1].split() == ["Run", "ID", "Last", "Checkpoint"]
    bad = tinkex_cli("run", "list", "-c", "id,nope")
    assert bad.exit_code == 1 and "Unknown column(s): nope" in bad.stderr

    info = tinkex_cli("run", "info", saved_run.run_id, "--json")
    assert info.exit_code == 0, info.stderr
    run = json.loads(info.stdout)
    assert run["training_run_id"] == saved_run.run_id
    assert run["last_checkpoint"]["tinker_path"] == saved_run.state_path
    assert run["last_sampler_checkpoint"]["tinker_path"] == saved_run.sampler_path

    text = [
        " ".join(line.split()) for line in tinkex_cli("run", "info", saved_run.run_id).stdout.splitlines()
    ]
    assert text[0] == f"Training run {saved_run.run_id}"
    assert "LoRA Yes (rank 4)" in text and "Status OK" in text
    assert "Last training checkpoint weights/cli-state" in text
    assert f"Path {saved_run.sampler_path}" in text

    missing = tinkex_cli("run", "info", "no-such-run")
    assert missing.exit_code == 1 and missing.stderr.startswith("Info failed: ")
