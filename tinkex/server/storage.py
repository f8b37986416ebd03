"""Durable training runs and checkpoints of the local server, kept only as plain files.

Layout under ``data_dir`` (``<run>`` is the run id percent-encoded, so ids such as
``sess-1:train:0`` make valid directory names on every OS)::

    runs/<run>/run.json                       the RunRecord
    runs/<run>/<kind>/<name>/meta.json        the CheckpointRecord, next to the writer's files
    archives/<run>/<kind>/<name>.tar.gz       download archives (a cache; safe to delete)
    .staging/                                 checkpoints being written, and deleted ones

Nothing is held in memory, so a new store on the same directory (after a restart) sees
everything. Writes go to ``.staging`` first and are renamed into place, so a crash never leaves
half a checkpoint. One lock serialises the metadata changes of the event loop and the worker.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from tinkex.server.storage_archive import ArchiveCache
from tinkex.server.storage_files import (
    directory_name,
    files_size,
    read_json_object,
    sweep_old_entries,
    write_json_atomically,
)
from tinkex.server.storage_records import CheckpointRecord, RunRecord, StorageError, format_time
from tinkex.server.tinker_path import (
    CheckpointKind,
    TinkerPathError,
    parse_checkpoint_id,
    parse_tinker_path,
    validate_checkpoint_name,
    validate_run_id,
)

__all__ = ["CheckpointRecord", "CheckpointStore", "RunRecord", "StorageError"]

_log = logging.getLogger(__name__)

MIN_TTL_SECONDS: Final = 3600
MAX_TTL_SECONDS: Final = 315_576_000  # ten years of 365.25 days
WRITABLE_KINDS: Final = ("weights", "sampler_weights")
META_FILE: Final = "meta.json"
RUN_FILE: Final = "run.json"
MAX_DIRECTORY_NAME: Final = 255  # NAME_MAX of common file systems, in bytes
_TRASHED: Final = "old"  # name of a moved-away directory inside its trash folder


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _bad_request(error: TinkerPathError) -> StorageError:
    return StorageError(400, str(error))


class CheckpointStore:
    """Runs and checkpoints on disk; see the module docstring for the layout."""

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Callable[[], datetime] = _utc_now,
        stale_staging_after_s: float = 3600.0,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.clock = clock
        self._lock = threading.RLock()
        self._runs_dir = self.data_dir / "runs"
        self._archives = ArchiveCache(self.data_dir / "archives")
        self._staging_dir = self.data_dir / ".staging"
        for directory in (self._runs_dir, self._archives.root, self._staging_dir):
            directory.mkdir(parents=True, exist_ok=True)
        # Staging leftovers of a crashed process; old enough that no live write owns them.
        sweep_old_entries(self._staging_dir, stale_staging_after_s)
        self.purge_expired()

    def now(self) -> datetime:
        """The store's clock (injectable for tests); every expiry decision uses it."""
        return self.clock()

    # ----- runs -----------------------------------------------------------------------------

    def _run_dir(self, run_id: str) -> Path:
        try:
            validate_run_id(run_id)
        except TinkerPathError as error:
            raise _bad_request(error) from None
        name = directory_name(run_id)
        # Percent-encoding can grow a non-ASCII id twelvefold; past the file-system name limit
        # the OS would raise ENAMETOOLONG (a 500), so such an id is refused as bad input.
        if len(name) > MAX_DIRECTORY_NAME:
            detail = f"run id is too long ({len(name)} bytes percent-encoded, at most {MAX_DIRECTORY_NAME})"
            raise StorageError(400, f"training_run_id: {detail}")
        return self._runs_dir / name

    def create_run(self, record: RunRecord) -> None:
        run_dir = self._run_dir(record.run_id)
        with self._lock:
            if (run_dir / RUN_FILE).exists():
                raise StorageError(409, f"training_run_id: training run {record.run_id!r} already exists")
            run_dir.mkdir(parents=True, exist_ok=True)
            write_json_atomically(run_dir / RUN_FILE, record.to_disk())

    def get_run(self, run_id: str) -> RunRecord:
        run_file = self._run_dir(run_id) / RUN_FILE
        try:
            return RunRecord.from_disk(read_json_object(run_file))
        except FileNotFoundError:
            raise StorageError(404, f"training_run_id: training run {run_id!r} not found") from None

    def touch_run(self, run_id: str) -> RunRecord:
        """Set the run's ``last_request_time`` to now."""
        with self._lock:
            record = self.get_run(run_id)
            record.last_request_time = self.clock()
            write_json_atomically(self._run_dir(run_id) / RUN_FILE, record.to_disk())
            return record

    def list_runs(self) -> list[RunRecord]:
        """Every run, newest first."""
        runs: list[RunRecord] = []
        for run_file in self._runs_dir.glob(f"*/{RUN_FILE}"):
            try:
                runs.append(RunRecord.from_disk(read_json_object(run_file)))
            except (OSError, ValueError, KeyError) as error:
                _log.warning("skipping unreadable run record %s: %s", run_file.parent.name, error)
        runs.sort(key=lambda run: (run.created_at, run.run_id), reverse=True)
        return runs

    def run_to_json(self, record: RunRecord) -> dict[str, Any]:
        """The protocol ``TrainingRun`` with the run's newest training and sampler checkpoints."""
        checkpoints = self.list_checkpoints(record.run_id)
        last_training = next((c for c in checkpoints if c.kind == "weights"), None)
        last_sampler = next((c for c in checkpoints if c.kind == "sampler_weights"), None)
        return record.to_json(last_checkpoint=last_training, last_sampler_checkpoint=last_sampler)

    # ----- checkpoints ----------------------------------------------------------------------

    def checkpoint_dir(self, run_id: str, kind: CheckpointKind, name: str) -> Path:
        return self._run_dir(run_id) / kind / name

    def write_checkpoint(
        self,
        run_id: str,
        kind: CheckpointKind,
        name: str,
        write: Callable[[Path], object],
        *,
        overwrite: bool,
        ttl_seconds: int | None,
        user_metadata: Mapping[str, str] | None,
        extra: Mapping[str, Any] | None = None,
    ) -> CheckpointRecord:
        """Save a checkpoint: ``write(dir)`` fills a staging directory that is renamed into place.

        ``size_bytes`` is measured from the files ``write`` produced (its return value is not
        trusted). ``extra`` is kept in meta.json for the server only.
        """
        if kind not in WRITABLE_KINDS:
            raise StorageError(400, f"kind: checkpoints of kind {kind!r} cannot be written by this server")
        try:
            validate_checkpoint_name(name)
        except TinkerPathError as error:
            raise _bad_request(error) from None
        if ttl_seconds is not None and (isinstance(ttl_seconds, bool) or ttl_seconds <= 0):
            raise StorageError(400, f"ttl_seconds: must be a positive number of seconds, got {ttl_seconds!r}")
        self.get_run(run_id)
        final_dir = self.checkpoint_dir(run_id, kind, name)
        with self._lock:
            self._refuse_existing(final_dir, overwrite)
        staging = Path(tempfile.mkdtemp(dir=self._staging_dir, prefix="write-"))
        try:
            write(staging)
            if (staging / META_FILE).exists():
                raise ValueError(f"the checkpoint writer must not create {META_FILE}; pass extra= instead")
            now = self.clock()
            record = CheckpointRecord(
                run_id=run_id,
                kind=kind,
                name=name,
                created_at=now,
                size_bytes=files_size(staging),
                expires_at=None if ttl_seconds is None else now + timedelta(seconds=ttl_seconds),
                user_metadata=None if user_metadata is None else dict(user_metadata),
                extra=dict(extra or {}),
            )
            write_json_atomically(staging / META_FILE, record.to_meta())
            with self._lock:
                # Checked again: another save of the same name may have finished meanwhile.
                self._refuse_existing(final_dir, overwrite)
                replaced = self._move_to_staging(final_dir) if final_dir.exists() else None
                try:
                    final_dir.parent.mkdir(parents=True, exist_ok=True)
                    os.rename(staging, final_dir)
                except BaseException:
                    if replaced is not None:  # put the previous checkpoint back
                        os.rename(replaced / _TRASHED, final_dir)
                    raise
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if replaced is not None:
            shutil.rmtree(replaced, ignore_errors=True)
        self._drop_archive(run_id, kind, name)
        return record

    def _refuse_existing(self, final_dir: Path, overwrite: bool) -> None:
        if overwrite or not final_dir.exists():
            return
        existing = self._read_meta(final_dir)
        # An expired checkpoint is gone as far as clients are concerned, so its name is free.
        if existing is None or not existing.is_expired(self.clock()):
            raise StorageError(
                409,
                f"path: checkpoint {final_dir.parent.name}/{final_dir.name} already exists "
                "(pass overwrite=true to replace it)",
            )

    def _move_to_staging(self, directory: Path) -> Path:
        """Take a directory out of the visible tree in one rename; the caller deletes it."""
        trash = Path(tempfile.mkdtemp(dir=self._staging_dir, prefix="trash-"))
        target = trash / _TRASHED
        os.rename(directory, target)
        return trash

    def _read_meta(self, checkpoint_dir: Path) -> CheckpointRecord | None:
        try:
            return CheckpointRecord.from_meta(read_json_object(checkpoint_dir / META_FILE))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as error:
            _log.warning("skipping unreadable checkpoint %s: %s", checkpoint_dir, error)
            return None

    def get_checkpoint(
        self, run_id: str, checkpoint_id: str, *, allow_expired: bool = False
    ) -> CheckpointRecord:
        """The record of one checkpoint: 400 malformed id, 404 missing, 410 expired."""
        try:
            kind, name = parse_checkpoint_id(checkpoint_id)
        except TinkerPathError as error:
            raise _bad_request(error) from None
        self.get_run(run_id)
        record = self._read_meta(self.checkpoint_dir(run_id, kind, name))
        if record is None:
            raise StorageError(
                404, f"checkpoint_id: checkpoint {checkpoint_id!r} of run {run_id!r} not found"
            )
        if not allow_expired and record.is_expired(self.clock()):
            raise StorageError(
                410,
                f"checkpoint_id: checkpoint {checkpoint_id!r} of run {run_id!r} expired at "
                f"{format_time(record.expires_at or record.created_at)}",
            )
        return record

    def resolve_tinker_path(self, path: str) -> tuple[CheckpointRecord, Path]:
        """The record and directory a ``tinker://`` path names (400 / 404 / 410 as in get_checkpoint)."""
        try:
            parsed = parse_tinker_path(path)
        except TinkerPathError as error:
            raise _bad_request(error) from None
        record = self.get_checkpoint(parsed.run_id, parsed.checkpoint_id)
        return record, self.checkpoint_dir(parsed.run_id, parsed.kind, parsed.name)

    def list_checkpoints(self, run_id: str | None = None) -> list[CheckpointRecord]:
        """Unexpired checkpoints of one run (404 if it does not exist) or of every run, newest first."""
        if run_id is not None:
            self.get_run(run_id)
            run_dirs = [self._run_dir(run_id)]
        else:
            run_dirs = [p for p in self._runs_dir.iterdir() if p.is_dir()]
        now = self.clock()
        found: list[CheckpointRecord] = []
        for run_dir in run_dirs:
            for kind in WRITABLE_KINDS:
                for meta_file in run_dir.glob(f"{kind}/*/{META_FILE}"):
                    record = self._read_meta(meta_file.parent)
                    if record is not None and not record.is_expired(now):
                        found.append(record)
        found.sort(key=lambda c: (c.created_at, c.run_id, c.checkpoint_id), reverse=True)
        return found

    def delete_checkpoint(self, run_id: str, checkpoint_id: str) -> None:
        record = self.get_checkpoint(run_id, checkpoint_id, allow_expired=True)
        with self._lock:
            directory = self.checkpoint_dir(run_id, record.kind, record.name)
            if not directory.exists():
                raise StorageError(
                    404, f"checkpoint_id: checkpoint {checkpoint_id!r} of run {run_id!r} not found"
                )
            trash = self._move_to_staging(directory)
        shutil.rmtree(trash, ignore_errors=True)
        self._drop_archive(run_id, record.kind, record.name)

    def set_public(self, run_id: str, checkpoint_id: str, public: bool) -> CheckpointRecord:
        with self._lock:
            record = self.get_checkpoint(run_id, checkpoint_id)
            if record.public == public:
                state = "public" if public else "private"
                raise StorageError(409, f"checkpoint_id: checkpoint {checkpoint_id!r} is already {state}")
            record.public = public
            self._save_meta(record)
            return record

    def set_ttl(self, run_id: str, checkpoint_id: str, ttl_seconds: int | None) -> CheckpointRecord:
        """Expire the checkpoint ``ttl_seconds`` from now (3600 s to ten years); None removes expiry."""
        if ttl_seconds is not None and (
            isinstance(ttl_seconds, bool)
            or not isinstance(ttl_seconds, int)
            or not MIN_TTL_SECONDS <= ttl_seconds <= MAX_TTL_SECONDS
        ):
            raise StorageError(
                400,
                f"ttl_seconds: must be an integer from {MIN_TTL_SECONDS} to {MAX_TTL_SECONDS} "
                f"(ten years) or null, got {ttl_seconds!r}",
            )
        with self._lock:
            record = self.get_checkpoint(run_id, checkpoint_id)
            record.expires_at = None if ttl_seconds is None else self.clock() + timedelta(seconds=ttl_seconds)
            self._save_meta(record)
            return record

    def _save_meta(self, record: CheckpointRecord) -> None:
        directory = self.checkpoint_dir(record.run_id, record.kind, record.name)
        write_json_atomically(directory / META_FILE, record.to_meta())

    def purge_expired(self) -> int:
        """Delete the files of expired checkpoints; returns how many were removed."""
        now = self.clock()
        removed = 0
        for meta_file in self._runs_dir.glob(f"*/*/*/{META_FILE}"):
            record = self._read_meta(meta_file.parent)
            if record is not None and record.is_expired(now):
                try:
                    self.delete_checkpoint(record.run_id, record.checkpoint_id)
                    removed += 1
                except StorageError:
                    pass  # deleted concurrently
        return removed

    # ----- archives -------------------------------------------------------------------------

    def _drop_archive(self, run_id: str, kind: str, name: str) -> None:
        self._archives.drop(directory_name(run_id), kind, name)

    def build_archive(self, run_id: str, checkpoint_id: str) -> Path:
        """A tar.gz of the checkpoint directory (relative member names); reused until it changes."""
        record = self.get_checkpoint(run_id, checkpoint_id)
        source = self.checkpoint_dir(run_id, record.kind, record.name)
        try:
            return self._archives.build(source, directory_name(run_id), record.kind, record.name)
        except FileNotFoundError:
            raise StorageError(
                404, f"checkpoint_id: checkpoint {checkpoint_id!r} of run {run_id!r} not found"
            ) from None
