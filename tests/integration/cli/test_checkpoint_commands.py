"""`tinkex checkpoint ...` against the real local server (features CLI-04, CLI-06…CLI-10, CLI-17, §5.14)."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from tests.integration.cli.conftest import Invoke, SavedRun

SECRET = "tml-cli-secret-key-0123456789"


def run_checkpoints(tinkex_cli: Invoke, run_id: str) -> dict[str, dict[str, Any]]:
    result = tinkex_cli("checkpoint", "list", "--run-id", run_id, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"run_id", "checkpoints"} and data["run_id"] == run_id  # the official shape
    return {c["tinker_path"]: c for c in data["checkpoints"]}


def test_save_mode_writes_metadata(tinkex_cli: Invoke, tmp_path: Path) -> None:  # covers CLI-04
    output = tmp_path / "nested" / "meta.json"
    result = tinkex_cli(
        "checkpoint", "--base-model", "local/byte-tiny", "--rank", "4", "--output", str(output)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"Checkpoint saved to {output}"
    meta = json.loads(output.read_text())
    assert meta["base_model"] == "local/byte-tiny"
    assert meta["weights_path"].endswith("/sampler_weights/checkpoint-local-byte-tiny")
    assert meta["response"]["path"] == meta["weights_path"]
    assert meta["saved_at"].endswith("Z") and len(meta["saved_at"]) == len("2025-01-01T00:00:00Z")
    run_id = meta["weights_path"].removeprefix("tinker://").split("/")[0]
    assert meta["model_id"] == run_id
    assert meta["weights_path"] in run_checkpoints(tinkex_cli, run_id)

    named = tmp_path / "named.json"
    again = tinkex_cli(
        "checkpoint",
        "save",
        "--base-model",
        "local/byte-tiny",
        "--rank",
        "2",
        "--name",
        "mine",
        "--output",
        str(named),
    )
    assert again.exit_code == 0, again.stderr
    assert json.loads(named.read_text())["weights_path"].endswith("/sampler_weights/mine")


def test_save_mode_reports_user_errors(tinkex_cli: Invoke, tmp_path: Path) -> None:  # covers CLI-16
    result = tinkex_cli("checkpoint", "--base-model", "no/such-model", "--output", str(tmp_path / "m.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Checkpoint failed. Please check your inputs: ")
    assert not (tmp_path / "m.json").exists()


def test_list_after_saving(tinkex_cli: Invoke, saved_run: SavedRun) -> None:  # covers CLI-06, CLI-13, CLI-15
    everything = tinkex_cli("checkpoint", "list", "--limit", "0", "--format", "JSON")
    assert everything.exit_code == 0, everything.stderr
    data = json.loads(everything.stdout)
    assert set(data) == {"checkpoints"}  # the official shape
    ours = {c["tinker_path"]: c for c in data["checkpoints"] if saved_run.run_id in c["tinker_path"]}
    assert set(ours) == {saved_run.state_path, saved_run.sampler_path}
    sampler = ours[saved_run.sampler_path]
    assert (
        sampler["checkpoint_type"] == "sampler" and sampler["checkpoint_id"] == "sampler_weights/cli-sampler"
    )
    assert (
        sampler["public"] is False
        and sampler["size_bytes"] > 0
        and _dt.datetime.fromisoformat(sampler["time"]).tzinfo
    )
    assert ours[saved_run.state_path]["checkpoint_type"] == "training"

    one = json.loads(tinkex_cli("checkpoint", "list", "--limit", "1", "--json").stdout)
    assert len(one["checkpoints"]) == 1 and len(data["checkpoints"]) >= 2

    table = tinkex_cli("checkpoint", "list", "--run-id", saved_run.run_id)
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == f"Checkpoints for {saved_run.run_id} (2/2)"
    header = lines[1].split()
    assert header[:3] == ["Checkpoint", "ID", "Type"] and header[-2:] == ["Expires", "Path"]
    row = next(line for line in lines if saved_run.sampler_path in line)
    assert " sampler " in row and " KB " in row and " No " in row and " never " in row
    assert " ago " in row or "just now" in row
    assert table.stderr == ""  # no progress bar when stderr is not a terminal


def test_info(tinkex_cli: Invoke, saved_run: SavedRun) -> None:  # covers CLI-07
    result = tinkex_cli("checkpoint", "info", saved_run.state_path, "--json")
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["tinker_path"] == saved_run.state_path
    assert info["checkpoint_type"] == "training"
    assert (info["base_model"], info["is_lora"], info["lora_rank"]) == ("local/byte-tiny", True, 4)
    table = tinkex_cli("checkpoint", "info", saved_run.sampler_path).stdout
    for line in (
        "Checkpoint ID",
        "Training run ID",
        "Base model",
        "local/byte-tiny",
        "Yes (rank 4)",
        "Expires",
    ):
        assert line in table

    missing = tinkex_cli("checkpoint", "info", f"tinker://{saved_run.run_id}/weights/absent")
    assert missing.exit_code == 1
    assert f"Checkpoint not found for tinker://{saved_run.run_id}/weights/absent" in missing.stderr


def test_publish_unpublish(tinkex_cli: Invoke, saved_run: SavedRun) -> None:  # covers CLI-08
    published = tinkex_cli("checkpoint", "publish", saved_run.sampler_path)
    assert published.exit_code == 0, published.stderr
    assert published.stdout.strip() == f"Published {saved_run.sampler_path}"
    assert run_checkpoints(tinkex_cli, saved_run.run_id)[saved_run.sampler_path]["public"] is True
    unpublished = tinkex_cli("checkpoint", "unpublish", saved_run.sampler_path, "--json")
    assert json.loads(unpublished.stdout) == {"action": "unpublish", "path": saved_run.sampler_path}
    assert run_checkpoints(tinkex_cli, saved_run.run_id)[saved_run.sampler_path]["public"] is False


def test_set_ttl(tinkex_cli: Invoke, saved_run: SavedRun) -> None:  # covers §5.14 set-ttl
    result = tinkex_cli("checkpoint", "set-ttl", saved_run.state_path, "--ttl", "3600")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"Updated TTL for {saved_run.state_path} to 3600 seconds"
    assert run_checkpoints(tinkex_cli, saved_run.run_id)[saved_run.state_path]["expires_at"] is not None
    listed = tinkex_cli("checkpoint", "list", "--run-id", saved_run.run_id).stdout
    assert "in 59 minutes" in listed or "in 1 hour" in listed
    removed = tinkex_cli("checkpoint", "set-ttl", saved_run.state_path, "--remove")
    assert removed.stdout.strip() == f"Removed expiration for {saved_run.state_path}"
    assert run_checkpoints(tinkex_cli, saved_run.run_id)[saved_run.state_path]["expires_at"] is None


def test_multi_delete_with_one_bad_path(tinkex_cli: Invoke, saved_run: SavedRun) -> None:  # covers CLI-09
    absent = f"tinker://{saved_run.run_id}/weights/never-saved"
    paths = [saved_run.state_path, absent, saved_run.sampler_path]
    result = tinkex_cli("checkpoint", "delete", *paths, "--json", input="yes\n")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["deleted_count"] == 2  # the official shape
    assert [f["tinker_path"] for f in summary["failed"]] == [absent] and "404" in summary["failed"][0][
        "error"
    ]
    assert "Preparing to delete 3 checkpoints:" in result.stderr
    assert f"Delete failed for {absent}: " in result.stderr
    assert run_checkpoints(tinkex_cli, saved_run.run_id) == {}


def test_delete_table_mode_and_decline(tinkex_cli: Invoke, saved_run: SavedRun) -> None:  # covers CLI-09
    declined = tinkex_cli("checkpoint", "delete", saved_run.state_path)  # stdin at EOF: no
    assert declined.exit_code == 1  # nothing was deleted: scripts must not read it as success
    assert "Aborted: deleted none of 1 checkpoint." in declined.stderr
    assert saved_run.state_path in run_checkpoints(tinkex_cli, saved_run.run_id)
    deleted = tinkex_cli("checkpoint", "delete", "-y", saved_run.state_path)
    assert deleted.exit_code == 0, deleted.stderr
    assert deleted.stdout.strip() == f"Deleted {saved_run.state_path}"
    assert "Proceed?" not in deleted.stderr
    assert saved_run.state_path not in run_checkpoints(tinkex_cli, saved_run.run_id)


def test_download_into_directory(
    tinkex_cli: Invoke, saved_run: SavedRun, tmp_path: Path
) -> None:  # covers CLI-10
    result = tinkex_cli("checkpoint", "download", saved_run.sampler_path, "--output", str(tmp_path), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    destination = Path(data["destination"])
    assert data["checkpoint_path"] == saved_run.sampler_path
    assert destination.parent == tmp_path
    # '/' as '_' as in the official CLI, and no ':' (local run ids have them; Windows refuses them)
    expected = saved_run.sampler_path.removeprefix("tinker://").replace("/", "_").replace(":", "-")
    assert destination.name == expected and ":" not in destination.name
    files = [p for p in destination.rglob("*") if p.is_file()]
    assert files and all(p.stat().st_size > 0 for p in files)

    again = tinkex_cli("checkpoint", "download", saved_run.sampler_path, "--output", str(tmp_path))
    assert again.exit_code == 1 and again.stderr.startswith(str(destination))
    assert "use --force to replace it" in again.stderr and "force=True" not in again.stderr
    forced = tinkex_cli(
        "checkpoint", "download", saved_run.sampler_path, "--output", str(tmp_path), "--force"
    )
    assert forced.exit_code == 0, forced.stderr
    assert forced.stdout.strip() == f"Downloaded to {destination}"


def test_errors_never_show_the_key(tinkex_cli: Invoke, saved_run: SavedRun) -> None:  # covers CLI-18
    result = tinkex_cli("checkpoint", "publish", "tinker://no-such-run/weights/x", "--api-key", SECRET)
    assert result.exit_code == 1
    assert result.stderr.startswith("Publish failed: ")
    assert SECRET not in result.output
