"""Download a checkpoint archive and extract it safely (features DL-01…DL-09).

The archive streams to a temporary file (O(1) memory), is checked member by member
before anything is extracted, and is unpacked into a temporary directory that is renamed
into place only when everything succeeded: an interrupted or rejected download leaves no
partial checkpoint behind, and nothing is ever written outside the target.
"""

from __future__ import annotations

import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import httpx

from .errors import TinkexValidationError

ProgressFn = Callable[[int, int], None]
CHUNK_BYTES = 1 << 20
DEFAULT_MAX_EXTRACTED_BYTES = 64 << 30  # refuse size bombs: 64 GiB of member sizes
DEFAULT_MAX_MEMBERS = 100_000


class CheckpointDownloadError(Exception):
    """The archive could not be fetched (``status`` set when the server answered)."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class UnsafeArchiveError(CheckpointDownloadError):
    """The archive holds a member that could write outside the target or exhaust the disk."""


@dataclass(frozen=True)
class DownloadResult:
    destination: Path
    checkpoint_path: str


_NON_PORTABLE = re.compile(r'[:<>"\\|?*\x00-\x1f]')


def destination_for(tinker_path: str, output_dir: str | os.PathLike[str]) -> Path:
    """``output_dir/<path without tinker://, '/' replaced by '_'>`` (DL-03), with the characters
    some file systems refuse (``:`` of local run ids, ``<>"\\|?*``) replaced by ``-``."""
    if not isinstance(tinker_path, str) or not tinker_path.startswith("tinker://"):
        raise TinkexValidationError("Checkpoint path must start with 'tinker://'")
    name = tinker_path.removeprefix("tinker://").strip("/").replace("/", "_")
    name = _NON_PORTABLE.sub("-", name)
    if not name or name in {".", ".."}:
        raise TinkexValidationError(f"Checkpoint path has no name: {tinker_path!r}")
    return Path(output_dir) / name


def check_members(
    archive: tarfile.TarFile,
    *,
    max_bytes: int = DEFAULT_MAX_EXTRACTED_BYTES,
    max_members: int = DEFAULT_MAX_MEMBERS,
) -> list[tarfile.TarInfo]:
    """Return the members if every one is a plain file or directory with a safe relative name."""
    members = []
    total = 0
    for count, member in enumerate(archive, start=1):
        if count > max_members:
            raise UnsafeArchiveError(f"archive has more than {max_members} members")
        name = PurePosixPath(member.name)
        drive_like = bool(name.parts) and ":" in name.parts[0]  # "C:..." would be absolute on Windows
        if not name.parts or name.is_absolute() or member.name.startswith(("/", "\\")) or drive_like:
            raise UnsafeArchiveError(f"archive member has an absolute or empty path: {member.name!r}")
        if ".." in name.parts:
            raise UnsafeArchiveError(f"archive member escapes the target: {member.name!r}")
        if member.issym() or member.islnk():
            raise UnsafeArchiveError(f"archive member is a link: {member.name!r}")
        if not (member.isfile() or member.isdir()):
            raise UnsafeArchiveError(f"archive member is not a regular file or directory: {member.name!r}")
        total += member.size
        if total > max_bytes:
            raise UnsafeArchiveError(f"archive expands beyond the limit of {max_bytes} bytes")
        members.append(member)
    return members


def extract_archive(
    archive_path: Path, target: Path, *, max_bytes: int = DEFAULT_MAX_EXTRACTED_BYTES
) -> None:
    """Extract into a sibling temp dir, then rename onto ``target`` (an existing one is replaced last)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            members = check_members(archive, max_bytes=max_bytes)
            # filter="data" is a second, independent guard on top of check_members.
            archive.extractall(staging, members=members, filter="data")
        _swap_into_place(staging, target)
    except tarfile.TarError as exc:
        raise CheckpointDownloadError(f"extraction failed: {exc}") from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _swap_into_place(staging: Path, target: Path) -> None:
    """Rename ``staging`` onto ``target``; an existing target (force) is replaced only now, once
    the new checkpoint is complete, so a rejected archive never costs the old one."""
    if not target.exists():
        staging.rename(target)
        return
    old = target.with_name(f".{target.name}.replaced-{os.getpid()}")
    target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


async def stream_to_file(
    client: httpx.AsyncClient, url: str, file: Path, *, progress: ProgressFn | None = None
) -> int:
    """Stream ``url`` into ``file``; return the number of bytes written."""
    written = 0
    try:
        async with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise CheckpointDownloadError(
                    f"download failed with HTTP {response.status_code}", status=response.status_code
                )
            total = int(response.headers.get("content-length", "0") or 0)
            with file.open("wb") as out:
                async for chunk in response.aiter_bytes(CHUNK_BYTES):
                    out.write(chunk)
                    written += len(chunk)
                    if progress is not None and total:
                        progress(written, total)
            if total and written != total:
                raise CheckpointDownloadError(f"download truncated: got {written} of {total} bytes")
    except httpx.HTTPError as exc:
        raise CheckpointDownloadError(f"download failed: {type(exc).__name__}: {exc}") from exc
    return written


async def download_archive_to(
    client: httpx.AsyncClient,
    url: str,
    tinker_path: str,
    *,
    output_dir: str | os.PathLike[str] = ".",
    force: bool = False,
    progress: ProgressFn | None = None,
    max_bytes: int = DEFAULT_MAX_EXTRACTED_BYTES,
) -> DownloadResult:
    """Download the archive at ``url`` and extract it to the checkpoint's destination."""
    target = destination_for(tinker_path, output_dir)
    if target.exists() and not force:
        raise FileExistsError(f"{target} already exists (pass force=True to replace it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix="tinkex_checkpoint_", suffix=".tar", dir=target.parent)
    os.close(fd)
    archive_path = Path(tmp_name)
    try:
        await stream_to_file(client, url, archive_path, progress=progress)
        extract_archive(archive_path, target, max_bytes=max_bytes)  # force=True: replaced at the end
    finally:
        archive_path.unlink(missing_ok=True)
    return DownloadResult(destination=target, checkpoint_path=tinker_path)
