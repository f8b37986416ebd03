"""The ``baseline`` column: tinkex as it was before the generated core, run in the same run.

Issue 13 asks that the generated types cost no more than "today's figures", the last numbers of
the hand-written core. Numbers from another day's run would compare two machine states as much
as two versions, so the harness runs that version itself: ``git archive <ref>`` of its
``tinkex/`` and ``generated/`` into a scratch folder, whose processes start there (so ``import
tinkex`` finds the old package first) with this checkout's ``benchmarks`` on the path.
Only the public API is used (``ServiceClient``, ``types``), plus ``encode_chunk`` in W1, whose
old return shape ``w1_encode`` reads as well.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

# The last commit of the hand-written protocol core, whose run wrote the RESULTS.md that the
# generated core replaced (issue 8's goals all met).
BASELINE_REF = "3859cf1"


def extract(repo: Path, ref: str, into: Path) -> tuple[Path | None, str]:
    """(the folder holding ``ref``'s ``tinkex`` and ``generated``, or None; why not)."""
    try:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", ref, "tinkex", "generated"],
            cwd=repo,
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        return None, f"git archive {ref} failed: {exc}"
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into, ""


def describe(repo: Path, ref: str) -> str:
    """``<short hash> (<date>): <subject>`` of ``ref``, for RESULTS.md."""
    try:
        return subprocess.run(
            ["git", "log", "-1", "--format=%h (%ad): %s", "--date=short", ref],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return ref
