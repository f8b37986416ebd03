"""Bounded, verified checkpoint downloads (issue 16; covers DL-01, DL-04, DL-06, DL-08, DL-09, CLI-10).

Crafted archives and misbehaving transfers, each served from a loopback server
(``_archive_server.py``) and fetched through ``RestClient.download_checkpoint``, whose archive
route answers 302 to them as the service does. Every case must end in its documented typed
error and leave nothing behind: no target, no staging folder, no temporary file.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import tinkex
from tests.conftest import TEST_API_KEY
from tinkex._config.env import EnvSnapshot
from tinkex._download.archive_guard import EXPANSION_FLOOR
from tinkex.checkpoint_download import MAX_REDIRECTS
from tinkex.cli import cli
from tinkex.config import DEFAULT_DOWNLOAD_MAX_BYTES, DEFAULT_DOWNLOAD_MAX_MEMBERS, resolve_config

from ._archive_server import ArchiveServer, add_dir, add_file, make_tar
from ._inputs import record_tally, tally

pytestmark = pytest.mark.usefixtures("record_tally")
__all__ = ["record_tally"]

TINKER_PATH = "tinker://run-limits:train:0/weights/ckpt"
GOOD = make_tar(
    lambda t: (add_file(t, "adapter_model.safetensors", b"weights"), add_file(t, "adapter_config.json"))
)


def _gzip_bomb(member_bytes: int) -> bytes:
    """A tar.gz of one member of ``member_bytes`` zeros, about a thousandth of that in size: the
    data is one small gzip member repeated (gzip allows concatenated members)."""
    info = tarfile.TarInfo("adapter_model.safetensors")
    info.size = member_bytes
    block = 1 << 20
    zeros = gzip.compress(b"\0" * block, compresslevel=9)
    return b"".join(
        [
            gzip.compress(info.tobuf(format=tarfile.PAX_FORMAT)),
            zeros * (member_bytes // block),
            gzip.compress(b"\0" * 1024),
        ]
    )


def _pax_bomb(value_bytes: int) -> bytes:
    """A tar.gz whose PAX header (read into memory by tarfile) carries ``value_bytes`` of text."""
    return make_tar(lambda t: add_file(t, "a.bin", pax={"comment": "z" * value_bytes}))


# label -> (archive, expected error, limits)
CASES: dict[str, tuple[bytes, type[Exception], dict[str, int]]] = {
    "duplicate name": (
        make_tar(lambda t: (add_file(t, "a.bin"), add_file(t, "a.bin"))),
        tinkex.UnsafeArchiveError,
        {},
    ),
    "duplicate differing in case": (
        make_tar(lambda t: (add_file(t, "A.bin"), add_file(t, "a.bin"))),
        tinkex.UnsafeArchiveError,
        {},
    ),
    "file then a member inside it": (
        make_tar(lambda t: (add_file(t, "a"), add_file(t, "a/b"))),
        tinkex.UnsafeArchiveError,
        {},
    ),
    "directory then a file of its name": (
        make_tar(lambda t: (add_dir(t, "a"), add_file(t, "a"))),
        tinkex.UnsafeArchiveError,
        {},
    ),
    "300-character name": (make_tar(lambda t: add_file(t, "x" * 300)), tinkex.UnsafeArchiveError, {}),
    "2000-deep tree": (
        make_tar(lambda t: add_file(t, "/".join(["d"] * 2000) + "/f")),
        tinkex.UnsafeArchiveError,
        {},
    ),
    "NUL in a PAX path": (
        make_tar(lambda t: add_file(t, "ok.bin", pax={"path": "a\x00b.bin"})),
        tinkex.UnsafeArchiveError,
        {},
    ),
    "newline in a name": (make_tar(lambda t: add_file(t, "a\nb")), tinkex.UnsafeArchiveError, {}),
    "PAX absolute path": (
        make_tar(lambda t: add_file(t, "ok.bin", pax={"path": "/tmp/tinkex-evil-pax"})),
        tinkex.UnsafeArchiveError,
        {},
    ),
    "too many members": (
        make_tar(lambda t: [add_file(t, f"f{i}") for i in range(5)]),
        tinkex.ArchiveTooLargeError,
        {"max_members": 4},
    ),
    "1 GiB gzip bomb, default limits": (_gzip_bomb(1 << 30), tinkex.ArchiveTooLargeError, {}),
    "64 MiB member over max_bytes": (
        _gzip_bomb(64 << 20),
        tinkex.ArchiveTooLargeError,
        {"max_bytes": 8 << 20},
    ),
    "PAX header bomb over max_bytes": (
        _pax_bomb(16 << 20),
        tinkex.ArchiveTooLargeError,
        {"max_bytes": 4 << 20},
    ),
    "not an archive": (b"<html>signed URL expired</html>", tinkex.InvalidArchiveError, {}),
    "truncated gzip": (GOOD[: len(GOOD) // 2], tinkex.InvalidArchiveError, {}),
    "corrupt gzip": (GOOD[:20] + bytes(b ^ 0xFF for b in GOOD[20:]), tinkex.InvalidArchiveError, {}),
    "empty archive": (make_tar(lambda t: None), tinkex.InvalidArchiveError, {}),
}


@pytest.fixture(scope="module")
def archives() -> Iterator[ArchiveServer]:
    server = ArchiveServer()
    server.routes.update({label: archive for label, (archive, _, _) in CASES.items()})
    server.routes["good"] = GOOD
    server.routes["rooted"] = make_tar(
        lambda t: (add_dir(t, "."), add_file(t, "./adapter_config.json", b"{}"))
    )
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


def _download(rest: Any, archives: ArchiveServer, target: str, output: Path, **limits: Any) -> Any:
    archives.archive_target = target
    return rest.download_checkpoint(TINKER_PATH, output_dir=str(output), **limits).result(timeout=120)


@pytest.mark.parametrize("label", list(CASES))
def test_crafted_archive_raises_its_typed_error_and_leaves_nothing(
    label: str, archives: ArchiveServer, rest: Any, tmp_path: Path
) -> None:  # covers DL-04, DL-08, DL-09
    _, expected, limits = CASES[label]
    tally("crafted archives served")
    with pytest.raises(expected) as info:
        _download(rest, archives, label, tmp_path, **limits)
    assert isinstance(info.value, tinkex.CheckpointDownloadError)
    tally("crafted archives refused with their typed error")
    assert _tree(tmp_path) == set(), (label, _tree(tmp_path))
    assert not Path("/tmp/tinkex-evil-pax").exists()


def test_a_bomb_is_refused_before_anything_is_written(
    archives: ArchiveServer, rest: Any, tmp_path: Path
) -> None:
    # covers DL-09: the header's size, against the archive's size, refuses it at once
    with pytest.raises(tinkex.ArchiveTooLargeError, match="compression bomb"):
        _download(rest, archives, "1 GiB gzip bomb, default limits", tmp_path)
    assert len(CASES["1 GiB gzip bomb, default limits"][0]) * 100 < (1 << 30)
    assert EXPANSION_FLOOR < (1 << 30) and DEFAULT_DOWNLOAD_MAX_BYTES > (1 << 30)


def test_the_archive_root_entry_is_accepted(archives: ArchiveServer, rest: Any, tmp_path: Path) -> None:
    # covers DL-09: "tar -C dir ." archives start with "./"
    result = _download(rest, archives, "rooted", tmp_path)
    assert _tree(result.destination) == {"adapter_config.json"}


def test_an_endless_body_stops_at_max_bytes(archives: ArchiveServer, rest: Any, tmp_path: Path) -> None:
    # covers DL-06
    archives.endless_bytes_sent = 0
    with pytest.raises(tinkex.ArchiveTooLargeError, match="max_bytes"):
        _download(rest, archives, "endless", tmp_path, max_bytes=2 << 20)
    assert _tree(tmp_path) == set()
    assert archives.endless_bytes_sent > 2 << 20  # it really was endless, and we stopped reading


def test_a_declared_length_over_max_bytes_is_refused_before_reading(
    archives: ArchiveServer, rest: Any, tmp_path: Path
) -> None:  # covers DL-06
    with pytest.raises(tinkex.ArchiveTooLargeError, match=f"{len(GOOD)} bytes"):
        _download(rest, archives, "good", tmp_path, max_bytes=len(GOOD) - 1)
    assert _tree(tmp_path) == set()


def test_redirects_of_the_signed_url_are_followed_with_a_bound(
    archives: ArchiveServer, rest: Any, tmp_path: Path
) -> None:  # covers DL-05, DL-06
    result = _download(rest, archives, f"redirect/{MAX_REDIRECTS}/good", tmp_path)
    assert (result.destination / "adapter_model.safetensors").read_bytes() == b"weights"
    for target in (f"redirect/{MAX_REDIRECTS + 1}/good", "loop"):
        with pytest.raises(tinkex.CheckpointDownloadError, match="too many redirects"):
            _download(rest, archives, target, tmp_path / "again")
    assert _tree(tmp_path / "again") == set()


def _b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode()


CHECKSUMS = {
    "Content-MD5": lambda body: _b64(hashlib.md5(body).digest()),
    "x-goog-hash": lambda body: f"crc32c=AAAAAA==, md5={_b64(hashlib.md5(body).digest())}",
    "x-amz-checksum-sha256": lambda body: _b64(hashlib.sha256(body).digest()),
    "Repr-Digest": lambda body: f"sha-256=:{_b64(hashlib.sha256(body).digest())}:",
    "Content-Digest": lambda body: f"sha-512=:{_b64(hashlib.sha512(body).digest())}:",
    "Digest": lambda body: f"SHA-256={_b64(hashlib.sha256(body).digest())}",
}


@pytest.mark.parametrize("header", list(CHECKSUMS))
def test_checksums_sent_by_the_server_are_verified(
    header: str, archives: ArchiveServer, rest: Any, tmp_path: Path
) -> None:  # covers DL-06
    digest = CHECKSUMS[header]
    archives.routes["checked"] = GOOD
    archives.headers["checked"] = {header: digest(GOOD)}
    result = _download(rest, archives, "checked", tmp_path / "ok")
    assert (result.destination / "adapter_model.safetensors").read_bytes() == b"weights"
    archives.headers["checked"] = {header: digest(GOOD + b"tampered")}
    with pytest.raises(tinkex.InvalidArchiveError, match="digest does not match"):
        _download(rest, archives, "checked", tmp_path / "bad")
    assert _tree(tmp_path / "bad") == set()
    tally("checksum headers verified")


def test_a_body_shorter_than_its_content_length_is_refused(
    archives: ArchiveServer, rest: Any, tmp_path: Path
) -> None:  # covers DL-06, DL-08
    with pytest.raises(tinkex.CheckpointDownloadError, match=r"truncated|failed"):
        _download(rest, archives, "truncated/good", tmp_path)
    assert _tree(tmp_path) == set()


def test_limits_come_from_config_env_and_arguments(archives: ArchiveServer, tmp_path: Path) -> None:
    # covers CFG-08, DL-01: argument > config (env) > built-in default
    env = EnvSnapshot.read({"TINKEX_DOWNLOAD_MAX_BYTES": "4096", "TINKEX_DOWNLOAD_MAX_MEMBERS": "1"})
    config = resolve_config(env=env, api_key=TEST_API_KEY)
    assert (config.download_max_bytes, config.download_max_members) == (4096, 1)
    default = resolve_config(env=EnvSnapshot(), api_key=TEST_API_KEY)
    assert (default.download_max_bytes, default.download_max_members) == (16 << 30, 10_000)
    assert DEFAULT_DOWNLOAD_MAX_MEMBERS == 10_000
    service = tinkex.ServiceClient(
        base_url=archives.url("").rstrip("/"), api_key=TEST_API_KEY, download_max_members=1
    )
    rest = service.create_rest_client()
    try:
        with pytest.raises(tinkex.ArchiveTooLargeError, match="max_members"):
            _download(rest, archives, "good", tmp_path)
        result = _download(rest, archives, "good", tmp_path, max_members=2)  # the argument wins
        assert result.destination.is_dir()
        for bad in (0, -1, True, 1.5, "10"):
            with pytest.raises(tinkex.TinkexValidationError, match="max_bytes"):
                rest.download_checkpoint(TINKER_PATH, output_dir=str(tmp_path), max_bytes=bad)
    finally:
        service.close().result(timeout=60)


def test_cli_download_flags(archives: ArchiveServer, tmp_path: Path) -> None:  # covers CLI-10
    archives.archive_target = "good"
    env = {"TINKER_BASE_URL": archives.url("").rstrip("/"), "TINKER_TELEMETRY": "0"}
    base = ["checkpoint", "download", "--api-key", TEST_API_KEY, TINKER_PATH, "--output", str(tmp_path)]
    refused = CliRunner().invoke(cli, [*base, "--max-members", "1"], env=env)
    assert refused.exit_code == 1 and "max_members" in refused.output, refused.output
    too_big = CliRunner().invoke(cli, [*base, "--max-bytes", "100"], env=env)
    assert too_big.exit_code == 1 and "max_bytes" in too_big.output, too_big.output
    assert _tree(tmp_path) == set()
    bad_flag = CliRunner().invoke(cli, [*base, "--max-bytes", "0"], env=env)
    assert bad_flag.exit_code != 0 and "--max-bytes" in bad_flag.output
    done = CliRunner().invoke(cli, [*base, "--max-bytes", str(1 << 20), "--max-members", "2"], env=env)
    assert done.exit_code == 0, done.output
    assert (tmp_path / "run-limits-train-0_weights_ckpt" / "adapter_config.json").exists()


def test_unpacked_bytes_count_headers_too(tmp_path: Path) -> None:
    # covers DL-09: the bound is on the decompressed stream, not only on the declared sizes
    from tinkex.checkpoint_download import extract_archive

    archive = tmp_path / "pax.tar.gz"
    archive.write_bytes(_pax_bomb(1 << 20))
    with pytest.raises(tinkex.ArchiveTooLargeError, match="unpacks beyond"):
        extract_archive(archive, tmp_path / "out", max_bytes=256 << 10)
    assert _tree(tmp_path) == {"pax.tar.gz"}
