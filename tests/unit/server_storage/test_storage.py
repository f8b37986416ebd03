"""CheckpointStore: durable runs and checkpoints of the local server (REST-06..REST-16 backing)."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tinkex.server.storage import MAX_TTL_SECONDS, CheckpointStore, RunRecord, StorageError

START = datetime(2025, 1, 1, tzinfo=UTC)


class Clock:
    """A clock that moves only when a test moves it."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def make_run(run_id: str = "sess-1:train:0", **changes: object) -> RunRecord:
    fields: dict[str, object] = {
        "run_id": run_id,
        "base_model": "local/byte-tiny",
        "lora_rank": 8,
        "train_attn": True,
        "train_mlp": True,
        "train_unembed": False,
        "lora_seed": 3,
        "session_id": "sess-1",
        "created_at": START,
        "last_request_time": START,
        "user_metadata": {"team": "a"},
    }
    fields.update(changes)
    return RunRecord(**fields)  # type: ignore[arg-type]


def writer(files: dict[str, bytes]) -> Callable[[Path], int]:
    def write(directory: Path) -> int:
        for name, data in files.items():
            (directory / name).parent.mkdir(parents=True, exist_ok=True)
            (directory / name).write_bytes(data)
        return sum(len(data) for data in files.values())

    return write


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> CheckpointStore:
    created = CheckpointStore(tmp_path, clock=clock)
    created.create_run(make_run())
    return created


def save(store: CheckpointStore, name: str, kind: str = "weights", **options: object) -> object:
    """Save a small checkpoint one second after the previous event, so creation order is visible."""
    clock = store.clock
    assert isinstance(clock, Clock)
    clock.advance(1)
    defaults: dict[str, object] = {"overwrite": False, "ttl_seconds": None, "user_metadata": None}
    defaults.update(options)
    files = defaults.pop("files", {"adapter.npz": b"A" * 10})
    return store.write_checkpoint("sess-1:train:0", kind, name, writer(files), **defaults)  # type: ignore[arg-type]


def leftovers(data_dir: Path) -> list[Path]:
    return list((data_dir / ".staging").iterdir())


def test_write_checkpoint_records_everything(store: CheckpointStore, tmp_path: Path) -> None:
    record = store.write_checkpoint(
        "sess-1:train:0",
        "sampler_weights",
        "s1",
        writer({"adapter.npz": b"x" * 7, "sub/extra.bin": b"yy"}),
        overwrite=False,
        ttl_seconds=7200,
        user_metadata={"k": "v"},
        extra={"step": 4},
    )
    assert record.tinker_path == "tinker://sess-1:train:0/sampler_weights/s1"
    assert record.size_bytes == 9
    assert record.to_json() == {
        "checkpoint_id": "sampler_weights/s1",
        "checkpoint_type": "sampler",
        "time": "2025-01-01T00:00:00Z",
        "tinker_path": "tinker://sess-1:train:0/sampler_weights/s1",
        "size_bytes": 9,
        "public": False,
        "expires_at": "2025-01-01T02:00:00Z",
        "user_metadata": {"k": "v"},
    }
    found, directory = store.resolve_tinker_path(record.tinker_path)
    assert found == record and found.extra == {"step": 4}
    assert (directory / "sub" / "extra.bin").read_bytes() == b"yy"
    assert (directory / "meta.json").is_file()
    assert leftovers(tmp_path) == []


def test_failed_write_leaves_nothing_behind(store: CheckpointStore, tmp_path: Path) -> None:
    def broken(directory: Path) -> int:
        (directory / "adapter.npz").write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        store.write_checkpoint(
            "sess-1:train:0", "weights", "w", broken, overwrite=False, ttl_seconds=None, user_metadata=None
        )
    assert leftovers(tmp_path) == []
    assert store.list_checkpoints("sess-1:train:0") == []
    with pytest.raises(StorageError) as caught:
        store.resolve_tinker_path("tinker://sess-1:train:0/weights/w")
    assert caught.value.status == 404


def test_failed_overwrite_keeps_the_old_checkpoint(store: CheckpointStore) -> None:
    save(store, "w", files={"adapter.npz": b"old"})

    def broken(directory: Path) -> int:
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        store.write_checkpoint(
            "sess-1:train:0", "weights", "w", broken, overwrite=True, ttl_seconds=None, user_metadata=None
        )
    _, directory = store.resolve_tinker_path("tinker://sess-1:train:0/weights/w")
    assert (directory / "adapter.npz").read_bytes() == b"old"


def test_existing_name_conflicts_unless_overwrite(store: CheckpointStore, tmp_path: Path) -> None:
    save(store, "w", files={"adapter.npz": b"old", "stale.bin": b"s"})
    with pytest.raises(StorageError) as caught:
        save(store, "w")
    assert caught.value.status == 409 and caught.value.detail.startswith("path: ")
    replaced = save(store, "w", overwrite=True, files={"adapter.npz": b"new!"})
    _, directory = store.resolve_tinker_path("tinker://sess-1:train:0/weights/w")
    assert (directory / "adapter.npz").read_bytes() == b"new!"
    assert not (directory / "stale.bin").exists()  # overwrite replaces the whole directory
    assert [c.checkpoint_id for c in store.list_checkpoints("sess-1:train:0")] == ["weights/w"]
    assert replaced.size_bytes == 4  # type: ignore[attr-defined]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["..", ".", "", "a/b", "../escape", "x" * 129])
def test_bad_names_are_rejected_with_400_naming_path(
    store: CheckpointStore, name: str, tmp_path: Path
) -> None:
    with pytest.raises(StorageError) as caught:
        save(store, name)
    assert caught.value.status == 400
    assert caught.value.detail.startswith("path: ")
    assert leftovers(tmp_path) == []


def test_writer_may_not_create_meta_json(store: CheckpointStore, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"meta\.json"):
        save(store, "w", files={"meta.json": b"{}"})
    assert leftovers(tmp_path) == []


def test_write_to_unknown_run_is_404(store: CheckpointStore) -> None:
    with pytest.raises(StorageError) as caught:
        store.write_checkpoint(
            "nope", "weights", "w", writer({}), overwrite=False, ttl_seconds=None, user_metadata=None
        )
    assert caught.value.status == 404 and "training_run_id" in caught.value.detail


def test_runs_and_checkpoints_survive_a_restart(store: CheckpointStore, tmp_path: Path, clock: Clock) -> None:
    store.create_run(make_run("sess-1:train:1", created_at=START + timedelta(hours=1)))
    save(store, "w1")
    save(store, "s1", kind="sampler_weights")
    store.set_public("sess-1:train:0", "weights/w1", True)
    store.touch_run("sess-1:train:0")

    reopened = CheckpointStore(tmp_path, clock=clock)
    assert [r.run_id for r in reopened.list_runs()] == ["sess-1:train:1", "sess-1:train:0"]
    run = reopened.get_run("sess-1:train:0")
    assert run == store.get_run("sess-1:train:0")
    assert run.last_request_time > START
    listed = reopened.list_checkpoints("sess-1:train:0")
    assert [c.checkpoint_id for c in listed] == ["sampler_weights/s1", "weights/w1"]
    assert listed[1].public is True
    as_json = reopened.run_to_json(run)
    assert as_json["last_checkpoint"]["checkpoint_id"] == "weights/w1"
    assert as_json["last_sampler_checkpoint"]["checkpoint_id"] == "sampler_weights/s1"
    assert as_json["model_owner"] == "local" and as_json["is_lora"] is True and as_json["lora_rank"] == 8


def test_duplicate_run_is_409_and_unknown_run_404(store: CheckpointStore) -> None:
    with pytest.raises(StorageError) as duplicate:
        store.create_run(make_run())
    assert duplicate.value.status == 409
    with pytest.raises(StorageError) as missing:
        store.get_run("sess-9:train:0")
    assert missing.value.status == 404


def test_list_checkpoints_across_runs_is_newest_first(store: CheckpointStore, clock: Clock) -> None:
    store.create_run(make_run("other"))
    save(store, "a")
    clock.advance(1)
    store.write_checkpoint(
        "other", "weights", "b", writer({"f": b"1"}), overwrite=False, ttl_seconds=None, user_metadata=None
    )
    save(store, "c", kind="sampler_weights")
    assert [c.tinker_path for c in store.list_checkpoints(None)] == [
        "tinker://sess-1:train:0/sampler_weights/c",
        "tinker://other/weights/b",
        "tinker://sess-1:train:0/weights/a",
    ]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("tinker://sess-1:train:0/weights", 400),
        ("tinker://sess-1:train:0/bogus/w", 400),
        ("http://sess-1:train:0/weights/w", 400),
        ("tinker://sess-1:train:0/weights/missing", 404),
        ("tinker://no-such-run/weights/w", 404),
        ("tinker://sess-1:train:0/external_weights/w", 404),
    ],
)
def test_resolve_errors(store: CheckpointStore, path: str, status: int) -> None:
    save(store, "w")
    with pytest.raises(StorageError) as caught:
        store.resolve_tinker_path(path)
    assert caught.value.status == status


def test_publish_and_unpublish_conflicts(store: CheckpointStore) -> None:
    save(store, "w")
    assert store.set_public("sess-1:train:0", "weights/w", True).public is True
    with pytest.raises(StorageError) as again:
        store.set_public("sess-1:train:0", "weights/w", True)
    assert again.value.status == 409 and "already public" in again.value.detail
    assert store.set_public("sess-1:train:0", "weights/w", False).public is False
    with pytest.raises(StorageError) as private:
        store.set_public("sess-1:train:0", "weights/w", False)
    assert private.value.status == 409 and "already private" in private.value.detail


def test_ttl_bounds(store: CheckpointStore) -> None:
    save(store, "w")
    for bad in [3599, MAX_TTL_SECONDS + 1, 0, -5, True]:
        with pytest.raises(StorageError) as caught:
            store.set_ttl("sess-1:train:0", "weights/w", bad)
        assert caught.value.status == 400 and caught.value.detail.startswith("ttl_seconds: ")
    assert store.set_ttl("sess-1:train:0", "weights/w", 3600).expires_at is not None
    assert store.set_ttl("sess-1:train:0", "weights/w", MAX_TTL_SECONDS).expires_at is not None
    assert store.set_ttl("sess-1:train:0", "weights/w", None).expires_at is None


def test_expiry_gives_410_then_the_name_is_free(store: CheckpointStore, clock: Clock) -> None:
    save(store, "w")
    record = store.set_ttl("sess-1:train:0", "weights/w", 3600)
    assert record.expires_at == clock.now + timedelta(seconds=3600)
    clock.advance(3599)
    store.resolve_tinker_path("tinker://sess-1:train:0/weights/w")
    clock.advance(1)
    with pytest.raises(StorageError) as caught:
        store.resolve_tinker_path("tinker://sess-1:train:0/weights/w")
    assert caught.value.status == 410 and "expired at 2025-01-01T01:00:01Z" in caught.value.detail
    assert store.list_checkpoints("sess-1:train:0") == []
    with pytest.raises(StorageError) as ttl_after_expiry:
        store.set_ttl("sess-1:train:0", "weights/w", None)
    assert ttl_after_expiry.value.status == 410
    save(store, "w")  # an expired name is free again without overwrite
    clock.advance(86400)
    assert store.list_checkpoints("sess-1:train:0")[0].expires_at is None


def test_save_with_ttl_expires_and_restart_purges(
    tmp_path: Path, clock: Clock, store: CheckpointStore
) -> None:
    save(store, "short", ttl_seconds=10)
    clock.advance(60)
    CheckpointStore(tmp_path, clock=clock).recover()
    assert not (tmp_path / "runs" / "sess-1%3Atrain%3A0" / "weights" / "short").exists()
    for bad in (0, MAX_TTL_SECONDS + 1, 10**12, 2.5, True):
        with pytest.raises(StorageError) as caught:
            save(store, "bad-ttl", ttl_seconds=bad)
        assert caught.value.status == 400 and caught.value.detail.startswith("ttl_seconds: ")
    assert leftovers(tmp_path) == []


def test_delete_then_404(store: CheckpointStore, tmp_path: Path) -> None:
    save(store, "w")
    store.build_archive("sess-1:train:0", "weights/w")
    store.delete_checkpoint("sess-1:train:0", "weights/w")
    for call in (
        lambda: store.delete_checkpoint("sess-1:train:0", "weights/w"),
        lambda: store.resolve_tinker_path("tinker://sess-1:train:0/weights/w"),
        lambda: store.build_archive("sess-1:train:0", "weights/w"),
    ):
        with pytest.raises(StorageError) as caught:
            call()
        assert caught.value.status == 404
    assert list((tmp_path / "archives").rglob("*.tar.gz")) == []
    assert leftovers(tmp_path) == []


def test_archive_holds_relative_members_and_is_rebuilt_on_change(
    store: CheckpointStore, tmp_path: Path
) -> None:
    files = {"adapter.npz": b"\x00\x01weights", "optimizer.npz": b"adam", "nested/info.txt": b"hi"}
    save(store, "w", files=files)
    archive = store.build_archive("sess-1:train:0", "weights/w")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        assert all(not name.startswith("/") and ".." not in name.split("/") for name in names)
        assert sorted(names) == ["adapter.npz", "meta.json", "nested/info.txt", "optimizer.npz"]
        out = tmp_path / "extracted"
        tar.extractall(out, filter="data")
    for name, data in files.items():
        assert (out / name).read_bytes() == data
    first_bytes = archive.read_bytes()
    assert store.build_archive("sess-1:train:0", "weights/w").read_bytes() == first_bytes  # cached

    store.set_public("sess-1:train:0", "weights/w", True)  # rewrites meta.json
    with tarfile.open(store.build_archive("sess-1:train:0", "weights/w")) as tar:
        meta = tar.extractfile("meta.json")
        assert meta is not None and b'"public": true' in meta.read()

    save(store, "w", overwrite=True, files={"adapter.npz": b"v2"})
    with tarfile.open(
        fileobj=io.BytesIO(store.build_archive("sess-1:train:0", "weights/w").read_bytes())
    ) as tar:
        assert sorted(tar.getnames()) == ["adapter.npz", "meta.json"]


def test_concurrent_writer_and_reader_threads(store: CheckpointStore) -> None:
    import threading

    errors: list[BaseException] = []

    def write_many() -> None:
        try:
            for index in range(20):
                save(store, f"w{index}")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    thread = threading.Thread(target=write_many)
    thread.start()
    while thread.is_alive():
        for record in store.list_checkpoints(None):
            assert record.size_bytes == 10
    thread.join()
    assert errors == []
    assert len(store.list_checkpoints("sess-1:train:0")) == 20


def test_recover_removes_what_a_crashed_write_left(
    store: CheckpointStore, tmp_path: Path, clock: Clock
) -> None:
    crashed = tmp_path / ".staging" / "op-crashed" / "new"
    crashed.mkdir(parents=True)
    (crashed / "adapter_model.safetensors").write_bytes(b"half")
    (tmp_path / ".staging" / "trash-x").mkdir()
    CheckpointStore(tmp_path, clock=clock)  # opening alone changes nothing
    assert len(leftovers(tmp_path)) == 2
    CheckpointStore(tmp_path, clock=clock).recover()
    assert leftovers(tmp_path) == []
    assert store.list_checkpoints("sess-1:train:0") == []
