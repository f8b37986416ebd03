"""Durable training runs and checkpoints of the local server, kept only as plain files.

Layout under ``data_dir`` (``<run>`` is the run id percent-encoded, so ids such as
``sess-1:train:0`` make valid directory names on every OS)::

    runs/<run>/run.json                       the RunRecord (with the owner of the run)
    runs/<run>/<kind>/<name>/meta.json        the CheckpointRecord, next to the writer's files
    archives/<run>/<kind>/<name>.tar.gz       download archives (a cache; safe to delete)
    .staging/                                 saves in progress and deleted checkpoints

Nothing is held in memory, so a new store on the same directory (after a restart) sees
everything. Saves and deletes go through ``storage_staging`` so a crash at any point leaves the
old or the new checkpoint; ``recover()`` repairs what a crash left and must run before serving.
One lock serialises the metadata changes of the event loop, the worker and the REST threads.

Access: every reading or changing method takes ``viewer``, the caller's owner id (None when
auth is off: the single local user sees everything). A run of another owner, and everything in
it, answers 404 exactly like a missing one, so its existence does not leak; a published
checkpoint can be read (resolved, archived) by any viewer but changed only by its owner.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from tinkex.server.storage_archive import ArchiveCache
from tinkex.server.storage_files import directory_name, files_size, read_json_object, write_json_atomically
from tinkex.server.storage_records import (
    MAX_TTL_SECONDS,
    CheckpointRecord,
    RunRecord,
    StorageError,
    check_ttl,
    format_time,
)
from tinkex.server.storage_staging import NEW, Staging, StepHook
from tinkex.server.tinker_path import (
    CheckpointKind,
    TinkerPathError,
    parse_checkpoint_id,
    parse_tinker_path,
    validate_checkpoint_name,
    validate_run_id,
)

__all__ = ["MAX_TTL_SECONDS", "CheckpointRecord", "CheckpointStore", "RunRecord", "StorageError"]

_log = logging.getLogger(__name__)

MIN_TTL_SECONDS: Final = 3600  # the protocol's floor for set_ttl; a save may ask for less
WRITABLE_KINDS: Final = ("weights", "sampler_weights", "external_weights")
META_FILE: Final = "meta.json"
RUN_FILE: Final = "run.json"
MAX_DIRECTORY_NAME: Final = 255  # NAME_MAX of common file systems, in bytes


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _bad_request(error: TinkerPathError) -> StorageError:
    return StorageError(400, str(error))


def _run_not_found(run_id: str) -> StorageError:
    return StorageError(404, f"training_run_id: training run {run_id!r} not found")


def _checkpoint_not_found(run_id: str, checkpoint_id: str) -> StorageError:
    return StorageError(404, f"checkpoint_id: checkpoint {checkpoint_id!r} of run {run_id!r} not found")


class CheckpointStore:
    """Runs and checkpoints on disk; see the module docstring for the layout and access rules."""

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Callable[[], datetime] = _utc_now,
        on_save_step: StepHook | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.clock = clock
        self._lock = threading.RLock()
        self._runs_dir = self.data_dir / "runs"
        self._archives = ArchiveCache(self.data_dir / "archives")
        self._staging = Staging(self.data_dir / ".staging", self.data_dir, on_save_step)
        for directory in (self._runs_dir, self._archives.root):
            directory.mkdir(parents=True, exist_ok=True)

    def now(self) -> datetime:
        """The store's clock (injectable for tests); every expiry decision uses it."""
        return self.clock()

    def recover(self) -> None:
        """Repair what a crashed process left and purge expired checkpoints (before serving)."""
        with self._lock:
            self._staging.recover()
        self.purge_expired()

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

    def get_run(self, run_id: str, *, viewer: str | None = None) -> RunRecord:
        """The run, or 404 when it is missing or belongs to another owner."""
        run_file = self._run_dir(run_id) / RUN_FILE
        try:
            record = RunRecord.from_disk(read_json_object(run_file))
        except FileNotFoundError:
            raise _run_not_found(run_id) from None
        if not record.visible_to(viewer):
            raise _run_not_found(run_id)
        return record

    def touch_run(self, run_id: str) -> RunRecord:
        """Set the run's ``last_request_time`` to now."""
        with self._lock:
            record = self.get_run(run_id)
            record.last_request_time = self.clock()
            write_json_atomically(self._run_dir(run_id) / RUN_FILE, record.to_disk())
            return record

    def list_runs(self, *, viewer: str | None = None) -> list[RunRecord]:
        """Every run the viewer owns, newest first."""
        runs: list[RunRecord] = []
        for run_file in self._runs_dir.glob(f"*/{RUN_FILE}"):
            try:
                record = RunRecord.from_disk(read_json_object(run_file))
            except (OSError, ValueError, KeyError) as error:
                _log.warning("skipping unreadable run record %s: %s", run_file.parent.name, error)
                continue
            if record.visible_to(viewer):
                runs.append(record)
        runs.sort(key=lambda run: (run.created_at, run.run_id), reverse=True)
        return runs

    def run_to_json(self, record: RunRecord) -> dict[str, Any]:
        """The protocol ``TrainingRun`` with the run's newest training and sampler checkpoints."""
        checkpoints = self._checkpoints_in(self._run_dir(record.run_id))
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
        """Save a checkpoint: ``write(dir)`` fills a staging directory that is then swapped in.

        ``size_bytes`` is measured from the files ``write`` produced (its return value is not
        trusted). ``extra`` is kept in meta.json for the server only. The caller checked that
        its client may write to the run.
        """
        if kind not in WRITABLE_KINDS:
            raise StorageError(400, f"kind: checkpoints of kind {kind!r} cannot be written by this server")
        try:
            validate_checkpoint_name(name)
        except TinkerPathError as error:
            raise _bad_request(error) from None
        ttl_seconds = check_ttl(ttl_seconds, minimum=1)
        self.get_run(run_id)
        final_dir = self.checkpoint_dir(run_id, kind, name)
        with self._lock:
            self._refuse_existing(final_dir, overwrite)
        operation = self._staging.begin()
        try:
            staged = operation / NEW
            write(staged)
            if (staged / META_FILE).exists():
                raise ValueError(f"the checkpoint writer must not create {META_FILE}; pass extra= instead")
            now = self.clock()
            record = CheckpointRecord(
                run_id=run_id,
                kind=kind,
                name=name,
                created_at=now,
                size_bytes=files_size(staged),
                expires_at=None if ttl_seconds is None else now + timedelta(seconds=ttl_seconds),
                user_metadata=None if user_metadata is None else dict(user_metadata),
                extra=dict(extra or {}),
            )
            write_json_atomically(staged / META_FILE, record.to_meta())
            with self._lock:
                # Checked again: another save of the same name may have finished meanwhile.
                self._refuse_existing(final_dir, overwrite)
                self._staging.place(operation, final_dir)
        finally:
            self._staging.discard(operation)
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

    def _read_meta(self, checkpoint_dir: Path) -> CheckpointRecord | None:
        try:
            return CheckpointRecord.from_meta(read_json_object(checkpoint_dir / META_FILE))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as error:
            _log.warning("skipping unreadable checkpoint %s: %s", checkpoint_dir, error)
            return None

    def get_checkpoint(
        self,
        run_id: str,
        checkpoint_id: str,
        *,
        viewer: str | None = None,
        reading: bool = False,
        allow_expired: bool = False,
    ) -> CheckpointRecord:
        """One checkpoint: 400 malformed id, 404 missing or not the viewer's, 410 expired.

        ``reading`` lets any viewer see a published checkpoint (changes stay with the owner).
        """
        try:
            kind, name = parse_checkpoint_id(checkpoint_id)
        except TinkerPathError as error:
            raise _bad_request(error) from None
        run = self.get_run(run_id)
        record = self._read_meta(self.checkpoint_dir(run_id, kind, name))
        if not run.visible_to(viewer) and not (reading and record is not None and record.public):
            raise _run_not_found(run_id)
        if record is None:
            raise _checkpoint_not_found(run_id, checkpoint_id)
        if not allow_expired and record.is_expired(self.clock()):
            raise StorageError(
                410,
                f"checkpoint_id: checkpoint {checkpoint_id!r} of run {run_id!r} expired at "
                f"{format_time(record.expires_at or record.created_at)}",
            )
        return record

    def resolve_tinker_path(self, path: str, *, viewer: str | None = None) -> tuple[CheckpointRecord, Path]:
        """The record and directory a ``tinker://`` path names, for reading (see get_checkpoint)."""
        try:
            parsed = parse_tinker_path(path)
        except TinkerPathError as error:
            raise _bad_request(error) from None
        record = self.get_checkpoint(parsed.run_id, parsed.checkpoint_id, viewer=viewer, reading=True)
        return record, self.checkpoint_dir(parsed.run_id, parsed.kind, parsed.name)

    def list_checkpoints(
        self, run_id: str | None = None, *, viewer: str | None = None
    ) -> list[CheckpointRecord]:
        """Unexpired checkpoints of one run (404 if it is not the viewer's) or of all the viewer's runs."""
        if run_id is not None:
            self.get_run(run_id, viewer=viewer)
            return self._checkpoints_in(self._run_dir(run_id))
        found: list[CheckpointRecord] = []
        for run in self.list_runs(viewer=viewer):
            found.extend(self._checkpoints_in(self._run_dir(run.run_id)))
        found.sort(key=lambda c: (c.created_at, c.run_id, c.checkpoint_id), reverse=True)
        return found

    def _checkpoints_in(self, run_dir: Path) -> list[CheckpointRecord]:
        now = self.clock()
        found: list[CheckpointRecord] = []
        for kind in WRITABLE_KINDS:
            for meta_file in run_dir.glob(f"{kind}/*/{META_FILE}"):
                record = self._read_meta(meta_file.parent)
                if record is not None and not record.is_expired(now):
                    found.append(record)
        found.sort(key=lambda c: (c.created_at, c.run_id, c.checkpoint_id), reverse=True)
        return found

    def delete_checkpoint(self, run_id: str, checkpoint_id: str, *, viewer: str | None = None) -> None:
        record = self.get_checkpoint(run_id, checkpoint_id, viewer=viewer, allow_expired=True)
        with self._lock:
            directory = self.checkpoint_dir(run_id, record.kind, record.name)
            if not directory.exists():
                raise _checkpoint_not_found(run_id, checkpoint_id)
            trash = self._staging.move_out(directory)
        self._staging.discard(trash)
        self._drop_archive(run_id, record.kind, record.name)

    def set_public(
        self, run_id: str, checkpoint_id: str, public: bool, *, viewer: str | None = None
    ) -> CheckpointRecord:
        with self._lock:
            record = self.get_checkpoint(run_id, checkpoint_id, viewer=viewer)
            if record.public == public:
                state = "public" if public else "private"
                raise StorageError(409, f"checkpoint_id: checkpoint {checkpoint_id!r} is already {state}")
            record.public = public
            self._save_meta(record)
            return record

    def set_ttl(
        self, run_id: str, checkpoint_id: str, ttl_seconds: int | None, *, viewer: str | None = None
    ) -> CheckpointRecord:
        """Expire the checkpoint ``ttl_seconds`` from now (3600 s to ten years); None removes expiry."""
        ttl_seconds = check_ttl(ttl_seconds, minimum=MIN_TTL_SECONDS)
        with self._lock:
            record = self.get_checkpoint(run_id, checkpoint_id, viewer=viewer)
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

    def build_archive(self, run_id: str, checkpoint_id: str, *, viewer: str | None = None) -> Path:
        """A tar.gz of the checkpoint directory (relative member names); reused until it changes."""
        record = self.get_checkpoint(run_id, checkpoint_id, viewer=viewer, reading=True)
        source = self.checkpoint_dir(run_id, record.kind, record.name)
        try:
            return self._archives.build(source, directory_name(run_id), record.kind, record.name)
        except FileNotFoundError:
            raise _checkpoint_not_found(run_id, checkpoint_id) from None
