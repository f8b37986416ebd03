"""Safe extraction of checkpoint archives (covers DL-02, DL-03, DL-04, DL-09)."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from tinkex.checkpoint_download import (
    UnsafeArchiveError,
    destination_for,
    extract_archive,
)
from tinkex.errors import TinkexValidationError


def _make_tar(path: Path, build) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        build(tar)
    return path


def _add_file(tar: tarfile.TarFile, name: str, data: bytes = b"x", *, size: int | None = None) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data) if size is None else size
    tar.addfile(info, io.BytesIO(data))


def _add_special(tar: tarfile.TarFile, name: str, kind: bytes, linkname: str = "") -> None:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    tar.addfile(info)


def _files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_good_archive_extracts_to_target(tmp_path: Path) -> None:
    archive = _make_tar(
        tmp_path / "a.tar.gz",
        lambda t: (_add_file(t, "adapter.npz", b"abc"), _add_file(t, "sub/meta.json", b"{}")),
    )
    target = tmp_path / "out" / "run_weights_x"
    extract_archive(archive, target)
    assert (target / "adapter.npz").read_bytes() == b"abc"
    assert (target / "sub" / "meta.json").read_bytes() == b"{}"
    # nothing but the target in the output directory: no staging leftovers
    assert _files_under(tmp_path / "out") == {
        "run_weights_x",
        "run_weights_x/adapter.npz",
        "run_weights_x/sub",
        "run_weights_x/sub/meta.json",
    }


@pytest.mark.parametrize(
    ("label", "build"),
    [
        ("absolute", lambda t: _add_file(t, "/etc/evil")),
        ("dotdot", lambda t: _add_file(t, "../evil")),
        ("nested dotdot", lambda t: _add_file(t, "a/../../evil")),
        ("symlink", lambda t: _add_special(t, "link", tarfile.SYMTYPE, "/etc/passwd")),
        ("hardlink", lambda t: _add_special(t, "hard", tarfile.LNKTYPE, "/etc/passwd")),
        ("char device", lambda t: _add_special(t, "dev", tarfile.CHRTYPE)),
        ("fifo", lambda t: _add_special(t, "fifo", tarfile.FIFOTYPE)),
    ],
)
def test_unsafe_members_are_refused_and_nothing_is_written(tmp_path: Path, label: str, build) -> None:
    def full(tar: tarfile.TarFile) -> None:
        _add_file(tar, "ok.txt", b"fine")
        build(tar)

    archive = _make_tar(tmp_path / "evil.tar.gz", full)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "ckpt"
    with pytest.raises(UnsafeArchiveError):
        extract_archive(archive, target)
    assert _files_under(out) == set(), label
    assert not (tmp_path / "evil").exists()


def test_size_bomb_is_refused_before_extraction(tmp_path: Path) -> None:
    big = b"0" * 4096
    archive = _make_tar(tmp_path / "bomb.tar.gz", lambda t: [_add_file(t, f"f{i}", big) for i in range(10)])
    out = tmp_path / "out"
    with pytest.raises(UnsafeArchiveError, match="limit"):
        extract_archive(archive, out / "ckpt", max_bytes=10_000)
    assert not (out / "ckpt").exists()
    assert list(out.iterdir()) == []


def test_destination_naming_and_path_validation(tmp_path: Path) -> None:
    assert destination_for("tinker://run-123/weights/0001", tmp_path) == tmp_path / "run-123_weights_0001"
    # ":" (local run ids) and the other characters Windows refuses become "-" (a portable folder name)
    assert (
        destination_for("tinker://sess-1:train:0/weights/a?b", tmp_path)
        == tmp_path / "sess-1-train-0_weights_a-b"
    )
    with pytest.raises(TinkexValidationError, match="tinker://"):
        destination_for("s3://bucket/x", tmp_path)
    with pytest.raises(TinkexValidationError):
        destination_for("tinker://", tmp_path)
