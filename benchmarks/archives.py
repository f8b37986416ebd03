"""Generate the checkpoint archives W5 downloads (tar.gz of a few incompressible files).

The gzip level is 0 (stored blocks): the archive is as large as asked, and generating a
few hundred MiB takes about a second instead of the tens a real compressor would.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import numpy as np

MIB = 1024 * 1024
_FILES = ("adapter_model.safetensors", "optimizer_state.bin", "extra_state.bin", "adapter_config.json")


class _RepeatingReader(io.RawIOBase):
    """``size`` bytes of a repeated random block, produced on demand (no big buffer in memory)."""

    def __init__(self, block: bytes, size: int) -> None:
        self._block = block
        self._left = size
        self._offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = min(len(buffer), self._left, len(self._block) - self._offset)
        buffer[:count] = self._block[self._offset : self._offset + count]
        self._offset = (self._offset + count) % len(self._block)
        self._left -= count
        return count


def make_archive(directory: Path, name: str, size_mib: int) -> Path:
    """``directory/<name>.tar.gz`` of about ``size_mib`` MiB; reused when it already exists."""
    path = directory / f"{name}.tar.gz"
    if path.exists():
        return path
    block = np.random.default_rng(7).bytes(MIB)
    part = size_mib * MIB // (len(_FILES) - 1)
    partial = path.with_suffix(".partial")
    with tarfile.open(partial, "w:gz", compresslevel=0) as archive:
        for index, filename in enumerate(_FILES):
            size = part if index < len(_FILES) - 1 else 256
            info = tarfile.TarInfo(filename)
            info.size = size
            archive.addfile(info, io.BufferedReader(_RepeatingReader(block, size)))
    partial.rename(path)
    return path
