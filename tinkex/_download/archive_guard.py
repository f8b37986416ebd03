"""Rules a checkpoint archive must meet before anything of it is written (features DL-04, DL-09).

The stdlib ``tarfile`` reads the archive and its ``data`` filter does the final check of each
member; what it does not cover is decided here, once per member, so that every unsafe or
unusable archive ends in one typed error (``tinkex._download.errors``) instead of whatever the
filesystem raises half-way (``NotADirectoryError``, ``OSError``, ``RecursionError``,
``ValueError``):

* ``MemberGuard`` refuses names that are absolute, escape with ``..``, hold control
  characters (a NUL in a PAX path), have a component longer than filesystems allow, nest
  deeper than any checkpoint does, or repeat or clash with an earlier member (a file where a
  directory is needed, or the reverse); members that are not plain files or directories; and
  more members or declared bytes than the limits.
* ``BoundedReader`` counts the decompressed tar stream as ``tarfile`` reads it, so a gzip bomb
  stops at the byte limit (or sooner, at an expansion no model weights reach) whatever its
  headers claim.

The archive is complete on disk before extraction starts, so its compressed size is known:
contents declared (``MemberGuard``) or unpacked (``BoundedReader``) beyond
``MAX_EXPANSION_RATIO`` times that size are refused as a compression bomb, whatever
``max_bytes`` allows; a bomb is then refused at its first header, before anything is written.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import tarfile
import unicodedata
import zlib
from pathlib import PurePosixPath

from .errors import ArchiveTooLargeError, InvalidArchiveError, UnsafeArchiveError

# Filesystems refuse longer names (NAME_MAX); checkpoints use a handful of short ones.
MAX_COMPONENT_BYTES = 255
# Adapters are a few files at most two or three levels down; deep trees only exhaust the stack.
MAX_DEPTH = 32
# Model weights never compress 100x (zeroed optimizer moments come nearest, at a few times):
# an archive expanding further than that past the floor is a bomb, whatever max_bytes allows.
MAX_EXPANSION_RATIO = 100
EXPANSION_FLOOR = 256 << 20

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class MemberGuard:
    """Checks each member as ``tarfile`` reaches it; used as (part of) the extraction filter."""

    def __init__(self, *, max_bytes: int, max_members: int, archive_size: int) -> None:
        self.max_bytes = max_bytes
        self.max_members = max_members
        self.archive_size = archive_size
        self.members = 0
        self.declared_bytes = 0
        self._files: set[str] = set()
        self._dirs: set[str] = set()
        self._parents: set[str] = set()

    def filter(self, member: tarfile.TarInfo, destination: str) -> tarfile.TarInfo | None:
        """``extractall(filter=...)``: these rules, then the stdlib ``data`` filter."""
        if self.check(member) is None:
            return None
        try:
            return tarfile.data_filter(member, destination)
        except tarfile.FilterError as exc:
            raise UnsafeArchiveError(f"archive member refused: {exc}") from None

    def check(self, member: tarfile.TarInfo) -> tarfile.TarInfo | None:
        """The member if it may be extracted, ``None`` for the archive's own root (``./``)."""
        self.members += 1
        if self.members > self.max_members:
            raise ArchiveTooLargeError(f"archive has more than {self.max_members} members (max_members)")
        name = member.name
        if member.isdir() and name.rstrip("/") in ("", "."):
            return None  # "tar -C dir ." puts the folder itself first
        parts = _safe_parts(name)
        if not (member.isdir() or (member.isreg() and not member.issparse())):
            raise UnsafeArchiveError(f"archive member is not a regular file or directory: {name!r}")
        self.declared_bytes += member.size
        if self.declared_bytes > self.max_bytes:
            raise ArchiveTooLargeError(
                f"archive contents exceed the limit of {self.max_bytes} bytes (max_bytes)"
            )
        check_expansion(self.declared_bytes, self.archive_size)
        self._claim(parts, name, is_dir=member.isdir())
        return member

    def _claim(self, parts: tuple[str, ...], name: str, *, is_dir: bool) -> None:
        # Compared case- and normalization-blind: on macOS and Windows "A" and "a" are one file.
        keys = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        keys = [unicodedata.normalize("NFC", key).casefold() for key in keys]
        key, parents = keys[-1], keys[:-1]
        if key in self._files or key in self._dirs or (not is_dir and key in self._parents):
            raise UnsafeArchiveError(f"archive member repeats or clashes with an earlier one: {name!r}")
        if any(parent in self._files for parent in parents):
            raise UnsafeArchiveError(f"archive member lies inside a file: {name!r}")
        (self._dirs if is_dir else self._files).add(key)
        self._parents.update(parents)


def _safe_parts(name: str) -> tuple[str, ...]:
    if _CONTROL_CHARACTERS.search(name) or "\\" in name:
        raise UnsafeArchiveError(f"archive member name holds a control character or backslash: {name!r}")
    path = PurePosixPath(name)
    drive_like = bool(path.parts) and ":" in path.parts[0]  # "C:..." is absolute on Windows
    if not path.parts or name.startswith("/") or drive_like:
        raise UnsafeArchiveError(f"archive member has an absolute or empty path: {name!r}")
    if ".." in path.parts:
        raise UnsafeArchiveError(f"archive member escapes the target: {name!r}")
    if len(path.parts) > MAX_DEPTH:
        raise UnsafeArchiveError(f"archive member is nested deeper than {MAX_DEPTH} levels: {name[:80]!r}...")
    if any(len(part.encode("utf-8", "surrogateescape")) > MAX_COMPONENT_BYTES for part in path.parts):
        raise UnsafeArchiveError(
            f"archive member name is longer than {MAX_COMPONENT_BYTES} bytes: {name[:80]!r}..."
        )
    return path.parts


def open_decompressed(raw: io.BufferedReader) -> io.BufferedIOBase:
    """The tar stream inside ``raw``: gzip, bzip2 and xz are recognised by their magic bytes
    (as ``tarfile``'s ``r:*`` does), anything else is read as a plain tar."""
    head = raw.read(6)
    raw.seek(0)
    if head.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if head.startswith(b"BZh"):
        return bz2.BZ2File(raw)
    if head.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(raw)
    return raw


def check_expansion(unpacked: int, archive_size: int) -> None:
    if unpacked > EXPANSION_FLOOR and unpacked > MAX_EXPANSION_RATIO * archive_size:
        raise ArchiveTooLargeError(
            f"archive expands more than {MAX_EXPANSION_RATIO}x its {archive_size} bytes (a compression bomb)"
        )


class BoundedReader:
    """``tarfile``'s source: refuses to produce more than ``max_bytes`` of tar stream, or to
    expand beyond ``MAX_EXPANSION_RATIO`` times the archive's size."""

    def __init__(self, stream: io.BufferedIOBase, *, max_bytes: int, archive_size: int) -> None:
        self._stream = stream
        self.max_bytes = max_bytes
        self.archive_size = archive_size
        self.produced = 0

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._stream.read(size)
        except (OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
            raise InvalidArchiveError(f"the archive cannot be decompressed: {exc}") from None
        self.produced += len(data)
        if self.produced > self.max_bytes:
            raise ArchiveTooLargeError(
                f"archive unpacks beyond the limit of {self.max_bytes} bytes (max_bytes)"
            )
        check_expansion(self.produced, self.archive_size)
        return data
