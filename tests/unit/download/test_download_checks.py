"""Checksum headers and the download errors themselves (covers DL-06, DL-08)."""

from __future__ import annotations

import base64
import hashlib
import pickle

import pytest

import tinkex
from tinkex._download.digests import DigestCheck

BODY = b"archive bytes"


def _b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode()


def test_only_digests_that_can_be_checked_are_kept() -> None:
    check = DigestCheck(
        {
            "x-goog-hash": "crc32c=n03x6A==",  # crc32c: not in hashlib, ignored
            "Content-MD5": "not base64!",  # does not decode: ignored
            "x-amz-checksum-sha256": _b64(b"short"),  # wrong length for sha-256: ignored
            "Repr-Digest": f"unknown-alg=:{_b64(b'x' * 32)}:, sha-256=:{_b64(hashlib.sha256(BODY).digest())}:",
        }
    )
    assert [(e.header, e.algorithm) for e in check.expected] == [("repr-digest", "sha-256")]
    check.update(BODY[:5])
    check.update(BODY[5:])
    check.verify()


def test_a_mismatch_names_the_header() -> None:
    check = DigestCheck({"Content-MD5": _b64(hashlib.md5(b"other").digest())})
    check.update(BODY)
    with pytest.raises(tinkex.InvalidArchiveError, match="content-md5"):
        check.verify()


def test_no_header_means_nothing_to_verify() -> None:
    check = DigestCheck({"content-type": "application/gzip"})
    check.update(BODY)
    check.verify()
    assert check.expected == []


@pytest.mark.parametrize(
    "cls",
    [
        tinkex.CheckpointDownloadError,
        tinkex.UnsafeArchiveError,
        tinkex.ArchiveTooLargeError,
        tinkex.InvalidArchiveError,
    ],
)
def test_download_errors_are_public_typed_and_pickle(cls: type[tinkex.CheckpointDownloadError]) -> None:
    err = cls("refused", status=503)
    clone = pickle.loads(pickle.dumps(err))
    assert type(clone) is cls and str(clone) == "refused" and clone.status == 503
    assert isinstance(clone, tinkex.CheckpointDownloadError)
    assert issubclass(tinkex.ArchiveTooLargeError, tinkex.UnsafeArchiveError)
    assert cls.__name__ in tinkex.__all__
