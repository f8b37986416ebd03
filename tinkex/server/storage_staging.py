"""Crash-safe placement and removal of checkpoint directories, and the repair after a crash.

A save (or an overwrite) is one *operation* folder under ``.staging/``::

    .staging/op-XXXX/new/          the checkpoint, complete with meta.json, before it is visible
    .staging/op-XXXX/intent.json   {"target": "runs/<run>/<kind>/<name>"}: ``new`` is complete
    .staging/op-XXXX/old/          the checkpoint it replaces, moved out just before ``new`` moves in

The steps are: write ``new`` -> write the intent -> move the old checkpoint to ``old`` -> move
``new`` to the target -> delete the operation folder. Each move is one ``rename`` within the data
dir. Whatever the step a ``kill -9`` interrupts, ``recover()`` at the next startup leaves the
target holding the old or the new checkpoint:

* no intent: ``new`` may be incomplete, so it is dropped (the target was never touched);
* intent and the target exists: the swap either finished or never started; drop the folder;
* intent, no target: the crash came between the two moves; ``new`` is complete, so it moves in
  (or, if it is already gone, ``old`` moves back).

Deleted checkpoints leave the visible tree in one rename to ``.staging/trash-XXXX`` and are
removed from there, so a crash mid-delete leaves only trash, which recovery removes.

Only one server uses a data dir at a time (``data_dir.DataDirLock``), so at startup everything
under ``.staging`` belongs to a process that died. File contents are fsynced before they become
visible; the renames are atomic, so a killed process (the case this guards against) never leaves
a half state. ``on_step`` lets tests kill the process at each step.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

from tinkex.server.storage_files import write_json_atomically

_log = logging.getLogger(__name__)

INTENT_FILE: Final = "intent.json"
NEW: Final = "new"
OLD: Final = "old"
# The points between the steps of a save, in order; ``on_step`` is called at each of them.
SAVE_STEPS: Final = ("staged", "intent_written", "old_moved", "new_placed")

StepHook = Callable[[str], None]


def _fsync_files(directory: Path) -> None:
    for path in directory.rglob("*"):
        if path.is_file():
            with path.open("rb+") as handle:
                os.fsync(handle.fileno())


class Staging:
    """The ``.staging`` area of one data dir (``root``); targets are paths under ``data_dir``."""

    def __init__(self, root: Path, data_dir: Path, on_step: StepHook | None = None) -> None:
        self.root = root
        self.data_dir = data_dir
        self.on_step: StepHook = on_step or (lambda step: None)
        root.mkdir(parents=True, exist_ok=True)

    def begin(self) -> Path:
        """A fresh operation folder; the caller fills ``<op>/new`` and then calls ``place``."""
        operation = Path(tempfile.mkdtemp(dir=self.root, prefix="op-"))
        (operation / NEW).mkdir()
        return operation

    def place(self, operation: Path, target: Path) -> None:
        """Make ``<op>/new`` visible at ``target``, replacing what is there (caller holds the lock)."""
        new = operation / NEW
        _fsync_files(new)
        self.on_step("staged")
        write_json_atomically(
            operation / INTENT_FILE, {"target": target.relative_to(self.data_dir).as_posix()}
        )
        self.on_step("intent_written")
        if target.exists():
            os.rename(target, operation / OLD)
        self.on_step("old_moved")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(new, target)
        except BaseException:
            if (operation / OLD).exists():  # still alive: put the previous checkpoint back now
                os.rename(operation / OLD, target)
            raise
        self.on_step("new_placed")

    def discard(self, operation: Path) -> None:
        shutil.rmtree(operation, ignore_errors=True)

    def move_out(self, directory: Path) -> Path:
        """Take ``directory`` out of the visible tree in one rename; ``discard`` the result later."""
        trash = Path(tempfile.mkdtemp(dir=self.root, prefix="trash-"))
        os.rename(directory, trash / OLD)
        return trash

    def recover(self) -> int:
        """Finish or undo what a crashed process left (call before serving); returns entries handled."""
        handled = 0
        for entry in sorted(self.root.iterdir()):
            handled += 1
            if entry.is_dir() and entry.name.startswith("op-"):
                self._recover_operation(entry)
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        return handled

    def _recover_operation(self, operation: Path) -> None:
        target = self._intent_target(operation)
        if target is None or target.exists():
            return
        for source, outcome in ((operation / NEW, "the new checkpoint"), (operation / OLD, "the old one")):
            if source.is_dir():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(source, target)
                _log.warning(
                    "repaired %s after a crash: restored %s", target.relative_to(self.data_dir), outcome
                )
                return

    def _intent_target(self, operation: Path) -> Path | None:
        """The intent's target, or None when there is none (or it points outside ``runs/``)."""
        try:
            relative = str(json.loads((operation / INTENT_FILE).read_text(encoding="utf-8"))["target"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        target = (self.data_dir / relative).resolve()
        runs = (self.data_dir / "runs").resolve()
        return target if target.is_relative_to(runs) and target != runs else None
