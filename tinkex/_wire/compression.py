"""zstd for protobuf bodies (protocol.md section 8), with a bound for untrusted input."""

from __future__ import annotations

import zstandard

__all__ = ["DecompressedTooLarge", "compress_zstd", "decompress_zstd"]


def compress_zstd(body: bytes, level: int = 3) -> bytes:
    return zstandard.ZstdCompressor(level=level).compress(body)


class DecompressedTooLarge(ValueError):
    """A zstd body expands past the caller's ``max_size`` (a decompression bomb)."""


def decompress_zstd(body: bytes, max_size: int | None = None) -> bytes:
    if max_size is None:
        # decompressobj handles frames that do not record their content size (streamed writers).
        return zstandard.ZstdDecompressor().decompressobj().decompress(body)
    # Bounded: read at most max_size + 1 bytes, so a bomb never expands in memory.
    chunks: list[bytes] = []
    total = 0
    with zstandard.ZstdDecompressor().stream_reader(body) as reader:
        while chunk := reader.read(min(1 << 20, max_size + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_size:
                raise DecompressedTooLarge(f"decompressed body larger than {max_size} bytes")
    return b"".join(chunks)
