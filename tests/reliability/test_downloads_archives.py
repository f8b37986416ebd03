"""Hostile and broken checkpoint archives, end to end (covers DL-01, DL-02, DL-04, DL-05, DL-09).

A tiny loopback HTTP server (``_archive_server.py``) serves crafted archives. ``RestClient.download_checkpoint``
reaches it the way it reaches a real signed URL: the local server's archive route is made to
answer with a redirect to it (a fault rule), so the whole SDK path runs. Every hostile archive
must raise ``UnsafeArchiveError``; every broken transfer ``CheckpointDownloadError``; and in
both cases nothing is left behind: no file outside the target, no partial checkpoint, no temp
file, and a checkpoint replaced with ``force=True`` survives a rejected replacement.
"""

from __future__ import annotations

import asyncio
import io
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import tinkex
from tests.conftest import TEST_API_KEY
from tinkex.checkpoint_download import CheckpointDownloadError, UnsafeArchiveError, download_archive_to

from ._archive_server import ArchiveServer, add_file as _file, add_special as _special, make_tar as _tar
from ._inputs import record_tally, tally

pytestmark = pytest.mark.usefixtures("record_tally")
__all__ = ["record_tally"]

RUN = "run-dl:train:0"
TINKER_PATH = f"tinker://{RUN}/weights/evil"


def _with_good(add: Callable[[tarfile.TarFile], None]) -> bytes:
    return _tar(lambda t: (_file(t, "adapter.npz", b"weights"), add(t)))


def _huge_header() -> bytes:
    # A member that claims 1 TiB: refused from its header, before any data is read or written.
    buffer = io.BytesIO()
    info = tarfile.TarInfo("weights.bin")
    info.size = 1 << 40
    buffer.write(info.tobuf(format=tarfile.GNU_FORMAT))
    buffer.write(b"\0" * 1024)
    return buffer.getvalue()


HOSTILE: dict[str, bytes] = {
    "absolute": _with_good(lambda t: _file(t, "/tmp/tinkex-evil-absolute")),
    "dotdot": _with_good(lambda t: _file(t, "../escaped.txt")),
    "nested dotdot": _with_good(lambda t: _file(t, "sub/../../escaped.txt")),
    "symlink": _with_good(lambda t: _special(t, "link", tarfile.SYMTYPE, "/etc/passwd")),
    "symlink then write through": _with_good(
        lambda t: (_special(t, "out", tarfile.SYMTYPE, ".."), _file(t, "out/escaped.txt"))
    ),
    "hard link": _with_good(lambda t: _special(t, "hard", tarfile.LNKTYPE, "/etc/passwd")),
    "char device": _with_good(lambda t: _special(t, "dev", tarfile.CHRTYPE)),
    "block device": _with_good(lambda t: _special(t, "blk", tarfile.BLKTYPE)),
    "fifo": _with_good(lambda t: _special(t, "fifo", tarfile.FIFOTYPE)),
    "size bomb (declared 1 TiB)": _huge_header(),
}


@pytest.fixture(scope="module")
def archives() -> Iterator[ArchiveServer]:
    server = ArchiveServer()
    server.routes.update(HOSTILE)
    server.routes["good"] = _tar(lambda t: _file(t, "adapter.npz", b"good weights"))
    server.routes["big"] = _tar(lambda t: _file(t, "adapter.npz", b"w" * (1 << 20)))
    server.thread.start()
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="module")
def rest(archives: ArchiveServer) -> Iterator[Any]:
    client = tinkex.RestClient(base_url=archives.url("").rstrip("/"), api_key=TEST_API_KEY)
    yield client
    tinkex.APIFuture.submit(client.holder.aclose(), description="close").result(timeout=60)


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.parametrize("label", sorted(HOSTILE))
def test_hostile_archive_via_rest_client_writes_nothing(
    label: str, archives: ArchiveServer, rest: Any, tmp_path: Path
) -> None:  # covers DL-01, DL-02, DL-04, DL-09
    sandbox = tmp_path / "sandbox"
    output = sandbox / "out"
    output.mkdir(parents=True)
    archives.archive_target = label
    tally("hostile archives served")
    with pytest.raises(UnsafeArchiveError):
        rest.download_checkpoint(TINKER_PATH, output_dir=str(output)).result(timeout=60)
    tally("hostile archives refused")
    assert _tree(sandbox) == {"out"}, (label, _tree(sandbox))  # no target, no staging, no temp
    assert not Path("/tmp/tinkex-evil-absolute").exists()
    tally("hostile archives with nothing written")


def test_rejected_replacement_keeps_the_old_checkpoint(
    archives: ArchiveServer, rest: Any, tmp_path: Path
) -> None:  # covers DL-05, DL-09
    archives.archive_target = "good"
    result = rest.download_checkpoint(TINKER_PATH, output_dir=str(tmp_path)).result(timeout=60)
    assert (result.destination / "adapter.npz").read_bytes() == b"good weights"
    archives.archive_target = "dotdot"
    with pytest.raises(UnsafeArchiveError):
        rest.download_checkpoint(TINKER_PATH, output_dir=str(tmp_path), force=True).result(timeout=60)
    assert (result.destination / "adapter.npz").read_bytes() == b"good weights"
    assert _tree(tmp_path) == {result.destination.name, f"{result.destination.name}/adapter.npz"}


@pytest.mark.parametrize("path", ["truncated/big", "truncated/good", "status/500", "status/404"])
def test_interrupted_download_leaves_nothing(
    path: str, archives: ArchiveServer, tmp_path: Path
) -> None:  # covers DL-01, DL-09
    async def download() -> Any:
        async with httpx.AsyncClient() as client:
            return await download_archive_to(client, archives.url(path), TINKER_PATH, output_dir=tmp_path)

    tally("broken downloads tried")
    with pytest.raises(CheckpointDownloadError):
        asyncio.run(download())
    tally("broken downloads refused")
    assert _tree(tmp_path) == set(), _tree(tmp_path)


def test_interrupted_download_through_the_rest_client(
    archives: ArchiveServer, rest: Any, tmp_path: Path
) -> None:  # covers DL-01, DL-09
    archives.archive_target = "truncated/big"
    with pytest.raises(CheckpointDownloadError, match=r"truncated|failed"):
        rest.download_checkpoint(TINKER_PATH, output_dir=str(tmp_path)).result(timeout=60)
    assert _tree(tmp_path) == set()
    # And the client still downloads a good archive afterwards.
    archives.archive_target = "good"
    result = rest.download_checkpoint(TINKER_PATH, output_dir=str(tmp_path)).result(timeout=60)
    assert (result.destination / "adapter.npz").read_bytes() == b"good weights"
