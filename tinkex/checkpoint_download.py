"""Download a checkpoint archive and extract it safely (features DL-01…DL-09).

The archive streams to a temporary file (O(1) memory), then ``tarfile`` unpacks it in one
pass into a temporary directory that is renamed into place only when everything succeeded:
an interrupted or rejected download leaves no partial checkpoint behind, and nothing is ever
written outside the target. Every member is checked before it is written
(``tinkex._download.archive_guard``, then the stdlib ``data`` filter).

Two limits bound the work, each applied twice: ``max_bytes`` caps the bytes downloaded and the
bytes unpacked (so an endless body and a gzip bomb both stop there), ``max_members`` the
number of members. The signed URL's redirects are followed (a bounded number), and a
``Content-Length`` or checksum the server sends is verified.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from ._download.archive_guard import BoundedReader, MemberGuard, open_decompressed
from ._download.digests import DigestCheck
from ._download.errors import (
    ArchiveTooLargeError,
    CheckpointDownloadError,
    InvalidArchiveError,
    UnsafeArchiveError,
)
from .config import DEFAULT_DOWNLOAD_MAX_BYTES, DEFAULT_DOWNLOAD_MAX_MEMBERS
from .errors import TinkexValidationError

__all__ = [
    "ArchiveTooLargeError",
    "CheckpointDownloadError",
    "DownloadResult",
    "InvalidArchiveError",
    "UnsafeArchiveError",
    "check_limits",
    "destination_for",
    "download_archive_to",
    "extract_archive",
    "stream_to_file",
]

ProgressFn = Callable[[int, int], None]
CHUNK_BYTES = 1 << 20
# The signed URL may redirect (storage host, CDN); a longer chain than this is refused rather
# than followed around a loop.
MAX_REDIRECTS = 5
# Bytes as stored: an archive is compressed already, and the checksums describe these bytes.
_IDENTITY = {"Accept-Encoding": "identity"}


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


def check_limits(max_bytes: object, max_members: object) -> tuple[int, int]:
    """Both limits as positive ints, or ``TinkexValidationError`` naming the argument."""
    for name, value in (("max_bytes", max_bytes), ("max_members", max_members)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise TinkexValidationError(f"{name} must be a positive integer, got {value!r}", field=name)
    return max_bytes, max_members  # type: ignore[return-value]


def extract_archive(
    archive_path: Path,
    target: Path,
    *,
    max_bytes: int = DEFAULT_DOWNLOAD_MAX_BYTES,
    max_members: int = DEFAULT_DOWNLOAD_MAX_MEMBERS,
) -> None:
    """Extract into a sibling temp dir, then rename onto ``target`` (an existing one is replaced last)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    size = archive_path.stat().st_size
    guard = MemberGuard(max_bytes=max_bytes, max_members=max_members, archive_size=size)
    try:
        with archive_path.open("rb") as raw, open_decompressed(raw) as stream:
            source = BoundedReader(stream, max_bytes=max_bytes, archive_size=size)
            # "r|": one forward pass over the stream, as it is decompressed (no seeking back).
            with tarfile.open(fileobj=source, mode="r|") as archive:  # type: ignore[call-overload]
                archive.extractall(staging, filter=guard.filter)
        if guard.members == 0:
            raise InvalidArchiveError("the archive holds no members")
        _swap_into_place(staging, target)
    except CheckpointDownloadError:
        raise
    except tarfile.TarError as exc:  # corrupt headers, data cut short
        raise InvalidArchiveError(f"the archive is not a valid tar archive: {exc}") from None
    except OSError as exc:  # writing failed: disk full, permissions
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


def _declared_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length", "").strip()
    return int(value) if value.isdigit() else None


async def _follow_redirects(client: httpx.AsyncClient, url: str) -> httpx.Response:
    """The first non-redirect answer for ``url``, its body unread, after at most ``MAX_REDIRECTS`` hops.

    Each hop is a fresh bodiless GET (httpx would resend the first request's empty stream,
    which some transports frame as a chunked body); httpx resolves each ``Location``.
    """
    request = client.build_request("GET", url, headers=_IDENTITY)
    for _ in range(MAX_REDIRECTS + 1):
        response = await client.send(request, stream=True, follow_redirects=False)
        if response.next_request is None:
            return response
        await response.aclose()
        request = client.build_request("GET", response.next_request.url, headers=_IDENTITY)
    raise CheckpointDownloadError(f"download failed: too many redirects (more than {MAX_REDIRECTS})")


async def stream_to_file(
    client: httpx.AsyncClient,
    url: str,
    file: Path,
    *,
    progress: ProgressFn | None = None,
    max_bytes: int = DEFAULT_DOWNLOAD_MAX_BYTES,
) -> int:
    """Stream ``url`` (following its redirects) into ``file``; return the number of bytes written.

    The bytes are stored as sent (``Accept-Encoding: identity``; a compressed archive is
    unpacked by ``extract_archive``), counted against ``max_bytes``, and checked against the
    ``Content-Length`` and any checksum header the server sent.
    """
    written = 0
    try:
        response = await _follow_redirects(client, url)
        async with contextlib.aclosing(response):
            if response.status_code != 200:
                raise CheckpointDownloadError(
                    f"download failed with HTTP {response.status_code}", status=response.status_code
                )
            total = _declared_length(response)
            if total is not None and total > max_bytes:
                raise ArchiveTooLargeError(
                    f"the archive is {total} bytes, over the limit of {max_bytes} (max_bytes)"
                )
            digests = DigestCheck(response.headers)
            with file.open("wb") as out:
                async for chunk in response.aiter_raw(CHUNK_BYTES):
                    written += len(chunk)
                    if written > max_bytes:
                        raise ArchiveTooLargeError(
                            f"the download exceeds the limit of {max_bytes} bytes (max_bytes)"
                        )
                    out.write(chunk)
                    digests.update(chunk)
                    if progress is not None and total:
                        progress(written, total)
            if total is not None and written != total:
                raise InvalidArchiveError(f"download truncated: got {written} of {total} bytes")
            digests.verify()
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
    max_bytes: int = DEFAULT_DOWNLOAD_MAX_BYTES,
    max_members: int = DEFAULT_DOWNLOAD_MAX_MEMBERS,
) -> DownloadResult:
    """Download the archive at ``url`` and extract it to the checkpoint's destination."""
    check_limits(max_bytes, max_members)
    target = destination_for(tinker_path, output_dir)
    if target.exists() and not force:
        raise FileExistsError(f"{target} already exists (pass force=True to replace it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix="tinkex_checkpoint_", suffix=".tar", dir=target.parent)
    os.close(fd)
    archive_path = Path(tmp_name)
    try:
        await stream_to_file(client, url, archive_path, progress=progress, max_bytes=max_bytes)
        # Off the event loop (a large checkpoint takes a while to write); force=True: the old
        # checkpoint is replaced only once the new one is complete.
        await asyncio.to_thread(
            extract_archive, archive_path, target, max_bytes=max_bytes, max_members=max_members
        )
    finally:
        archive_path.unlink(missing_ok=True)
    return DownloadResult(destination=target, checkpoint_path=tinker_path)
