"""CheckpointStore: the on-disk state at every step of a save recovers to the old or the new
checkpoint, and runs and checkpoints are visible only to their owner (published ones readable)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tinkex.server.storage import CheckpointStore, StorageError
from tinkex.server.storage_staging import SAVE_STEPS

from .test_storage import Clock, make_run, writer

RUN = "sess-1:train:0"
PATH = f"tinker://{RUN}/weights/w"


def _saved_version(store: CheckpointStore) -> str | None:
    """Which save the listed checkpoint ``weights/w`` came from, checked through every read path."""
    listed = store.list_checkpoints(RUN)
    if not listed:
        return None
    assert [c.checkpoint_id for c in listed] == ["weights/w"]
    record, directory = store.resolve_tinker_path(PATH)
    version = (directory / "adapter_model.safetensors").read_text()
    assert record.user_metadata == {"v": version}  # meta.json and files are from the same save
    return version


@pytest.mark.parametrize("overwrite", [True, False], ids=["overwrite", "first-save"])
@pytest.mark.parametrize("step", SAVE_STEPS)
def test_a_crash_at_any_step_leaves_the_old_or_the_new_checkpoint(
    tmp_path: Path, step: str, overwrite: bool
) -> None:
    # The hook copies the data dir at the crash point: exactly what a kill -9 there leaves on disk.
    data, crashed = tmp_path / "data", tmp_path / "crashed"

    def snapshot(at: str) -> None:
        if at == step:
            shutil.copytree(data, crashed)

    clock = Clock()
    store = CheckpointStore(data, clock=clock, on_save_step=snapshot)
    store.create_run(make_run(RUN))
    if overwrite:
        store.write_checkpoint(
            RUN, "weights", "w", writer({"adapter_model.safetensors": b"old"}),
            overwrite=False, ttl_seconds=None, user_metadata={"v": "old"},
        )  # fmt: skip
        shutil.rmtree(crashed)  # only the second save's crash point matters
    store.write_checkpoint(
        RUN, "weights", "w", writer({"adapter_model.safetensors": b"new"}),
        overwrite=True, ttl_seconds=None, user_metadata={"v": "new"},
    )  # fmt: skip
    assert _saved_version(store) == "new" and list((data / ".staging").iterdir()) == []

    restarted = CheckpointStore(crashed, clock=clock)
    restarted.recover()
    # Before the intent the new files may be incomplete, so they are dropped. With the intent
    # written they are complete: an old checkpoint still in place is kept, an empty place filled.
    if step == "staged" or (step == "intent_written" and overwrite):
        expected = "old" if overwrite else None
    else:
        expected = "new"
    assert _saved_version(restarted) == expected
    assert list((crashed / ".staging").iterdir()) == []


def test_recovery_ignores_an_intent_pointing_outside_the_runs(tmp_path: Path) -> None:
    store = CheckpointStore(tmp_path)
    operation = tmp_path / ".staging" / "op-evil"
    (operation / "new").mkdir(parents=True)
    (operation / "intent.json").write_text(json.dumps({"target": "../escaped"}))
    store.recover()
    assert not (tmp_path.parent / "escaped").exists()
    assert list((tmp_path / ".staging").iterdir()) == []


def _owned_store(tmp_path: Path) -> CheckpointStore:
    store = CheckpointStore(tmp_path, clock=Clock())
    for run_id, owner in (("alice-run", "key-a"), ("bob-run", "key-b")):
        store.create_run(make_run(run_id, owner=owner))
        store.write_checkpoint(
            run_id, "weights", "w", writer({"f": b"1"}), overwrite=False, ttl_seconds=None, user_metadata=None
        )
    return store


def _status(call: object) -> int:
    with pytest.raises(StorageError) as caught:
        call()  # type: ignore[operator]
    return caught.value.status


def test_owners_see_only_their_runs_and_checkpoints(tmp_path: Path) -> None:
    store = _owned_store(tmp_path)
    assert [r.run_id for r in store.list_runs(viewer="key-a")] == ["alice-run"]
    assert [c.run_id for c in store.list_checkpoints(None, viewer="key-b")] == ["bob-run"]
    assert {r.run_id for r in store.list_runs()} == {"alice-run", "bob-run"}  # auth off: one user
    assert store.list_runs(viewer="key-unknown") == []
    missing = _status(lambda: store.get_run("no-such-run", viewer="key-b"))
    for call in (
        lambda: store.get_run("alice-run", viewer="key-b"),
        lambda: store.list_checkpoints("alice-run", viewer="key-b"),
        lambda: store.get_checkpoint("alice-run", "weights/w", viewer="key-b", reading=True),
        lambda: store.resolve_tinker_path("tinker://alice-run/weights/w", viewer="key-b"),
        lambda: store.build_archive("alice-run", "weights/w", viewer="key-b"),
        lambda: store.set_public("alice-run", "weights/w", True, viewer="key-b"),
        lambda: store.set_ttl("alice-run", "weights/w", 7200, viewer="key-b"),
        lambda: store.delete_checkpoint("alice-run", "weights/w", viewer="key-b"),
        # a name that does not exist in a run of another owner: the same answer as a missing run
        lambda: store.get_checkpoint("alice-run", "weights/nope", viewer="key-b", reading=True),
    ):
        assert _status(call) == missing == 404
    assert store.get_checkpoint("alice-run", "weights/w", viewer="key-a").run_id == "alice-run"


def test_published_checkpoints_are_readable_by_anyone_but_changed_by_the_owner(tmp_path: Path) -> None:
    store = _owned_store(tmp_path)
    store.set_public("alice-run", "weights/w", True, viewer="key-a")
    record, directory = store.resolve_tinker_path("tinker://alice-run/weights/w", viewer="key-b")
    assert record.public and (directory / "f").read_bytes() == b"1"
    assert store.build_archive("alice-run", "weights/w", viewer="key-b").is_file()
    # Reading a published checkpoint does not open the rest of the run.
    assert _status(lambda: store.get_run("alice-run", viewer="key-b")) == 404
    assert _status(lambda: store.list_checkpoints("alice-run", viewer="key-b")) == 404
    assert _status(lambda: store.delete_checkpoint("alice-run", "weights/w", viewer="key-b")) == 404
    assert _status(lambda: store.set_public("alice-run", "weights/w", False, viewer="key-b")) == 404
    assert store.list_checkpoints(None, viewer="key-b")[0].run_id == "bob-run"
    store.set_public("alice-run", "weights/w", False, viewer="key-a")
    assert _status(lambda: store.resolve_tinker_path("tinker://alice-run/weights/w", viewer="key-b")) == 404


def test_the_owner_is_kept_in_run_json_and_survives_a_restart(tmp_path: Path) -> None:
    _owned_store(tmp_path)
    run_file = next((tmp_path / "runs").glob("alice-run/run.json"))
    assert json.loads(run_file.read_text())["owner"] == "key-a"
    reopened = CheckpointStore(tmp_path)
    assert [r.run_id for r in reopened.list_runs(viewer="key-a")] == ["alice-run"]
