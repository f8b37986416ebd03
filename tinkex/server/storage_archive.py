"""tar.gz archives of checkpoint directories, rebuilt only when the directory changed."""

from __future__ import annotations

import gzip
import hashlib
import os
import tarfile
import tempfile
from pathlib import Path


def directory_fingerprint(directory: Path) -> str:
    """A digest of every file's relative name, size and modification time under ``directory``.

    Cheap (no file is read) and changes whenever a checkpoint is overwritten, published or has
    its TTL changed, because those all rewrite at least one file.
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(
            f"{path.relative_to(directory).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()


def _reset_owner(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Archives carry no local user names or ids; extraction then uses the downloader's own.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def write_tar_gz(source_dir: Path, destination: Path) -> None:
    """Pack the files of ``source_dir`` (relative member names only) into ``destination``.

    The archive is written to a temporary file next to ``destination`` and renamed into place,
    so a concurrent download never reads a half-written archive.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=destination.parent, prefix=".archive-", suffix=".tmp")
    try:
        with (
            os.fdopen(handle, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as zipped,
            tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar,
        ):
            for path in sorted(p for p in source_dir.rglob("*") if p.is_file()):
                tar.add(path, arcname=path.relative_to(source_dir).as_posix(), filter=_reset_owner)
        os.replace(temp_name, destination)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


class ArchiveCache:
    """Archives under ``root/<run>/<kind>/<name>.tar.gz``, each with a fingerprint of its source."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, run_dir_name: str, kind: str, name: str) -> Path:
        return self.root / run_dir_name / kind / f"{name}.tar.gz"

    def drop(self, run_dir_name: str, kind: str, name: str) -> None:
        archive = self._path(run_dir_name, kind, name)
        archive.unlink(missing_ok=True)
        archive.with_name(archive.name + ".fingerprint").unlink(missing_ok=True)

    def build(self, source: Path, run_dir_name: str, kind: str, name: str) -> Path:
        """The archive of ``source``, rebuilt only if the directory changed since the last build.

        Raises FileNotFoundError when ``source`` disappears meanwhile.
        """
        archive = self._path(run_dir_name, kind, name)
        stamp = archive.with_name(archive.name + ".fingerprint")
        fingerprint = directory_fingerprint(source)
        if archive.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == fingerprint:
            return archive
        write_tar_gz(source, archive)
        stamp.write_text(fingerprint, encoding="utf-8")
        return archive
