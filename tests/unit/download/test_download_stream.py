"""The archive download itself (features DL-06, DL-08): the body streams to a temporary
``tinkex_checkpoint_*.tar`` file chunk by chunk, and each kind of failure raises
``CheckpointDownloadError`` (with the status when the server answered) and leaves no file."""

from __future__ import annotations

import asyncio
import io
import tarfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest

from tinkex.checkpoint_download import (
    CHUNK_BYTES,
    CheckpointDownloadError,
    download_archive_to,
    stream_to_file,
)

URL = "http://blob.test/archive.tar"
TINKER_PATH = "tinker://run-1/weights/w"


def _archive() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        data = b"x" * (3 * CHUNK_BYTES)
        info = tarfile.TarInfo("adapter.bin")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _run(
    handler: Callable[[httpx.Request], httpx.Response], work: Callable[[httpx.AsyncClient], object]
) -> object:
    async def main() -> object:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await work(client)  # type: ignore[misc]

    return asyncio.run(main())


def test_the_body_streams_to_a_temp_file_chunk_by_chunk(tmp_path: Path) -> None:
    # covers DL-06
    body = _archive()
    half = len(body) // 2
    seen_on_disk: list[int] = []

    class Chunks(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield body[:half]
            # The first piece is already in the temp file before the rest is even produced.
            (partial,) = tmp_path.glob("tinkex_checkpoint_*.tar")
            seen_on_disk.append(partial.stat().st_size)
            yield body[half:]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Chunks())

    result = _run(handler, lambda c: download_archive_to(c, URL, TINKER_PATH, output_dir=tmp_path))
    assert len(seen_on_disk) == 1 and CHUNK_BYTES <= seen_on_disk[0] <= half
    extracted = result.destination / "adapter.bin"  # type: ignore[attr-defined]
    assert extracted.stat().st_size == 3 * CHUNK_BYTES
    assert not list(tmp_path.glob("tinkex_checkpoint_*"))  # the temp file is gone afterwards


@pytest.mark.parametrize("status", [403, 404, 500])
def test_a_non_200_status_is_a_download_error_with_the_status(status: int, tmp_path: Path) -> None:
    # covers DL-08
    target = tmp_path / "archive.tar"
    with pytest.raises(CheckpointDownloadError, match=str(status)) as raised:
        _run(lambda r: httpx.Response(status), lambda c: stream_to_file(c, URL, target))
    assert raised.value.status == status
    assert not target.exists()


def test_no_response_is_a_download_error_without_status(tmp_path: Path) -> None:
    # covers DL-08
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(CheckpointDownloadError, match="ConnectError") as raised:
        _run(refuse, lambda c: download_archive_to(c, URL, TINKER_PATH, output_dir=tmp_path))
    assert raised.value.status is None
    assert list(tmp_path.iterdir()) == []  # the temp file was closed and removed


def test_a_transport_error_mid_body_is_a_download_error(tmp_path: Path) -> None:
    # covers DL-08
    class Broken(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield b"partial"
            raise httpx.ReadError("connection reset")

    with pytest.raises(CheckpointDownloadError, match="ReadError"):
        _run(
            lambda r: httpx.Response(200, stream=Broken()),
            lambda c: download_archive_to(c, URL, TINKER_PATH, output_dir=tmp_path),
        )
    assert list(tmp_path.iterdir()) == []
