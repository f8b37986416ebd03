"""Checksums a storage server sends with a download, verified over the bytes received (DL-06).

Signed checkpoint URLs point at object storage, which announces a digest in one of a few
headers. Each one tinkex can compute with ``hashlib`` is checked; others (crc32c) and values
that do not decode are ignored, since they promise nothing we can test:

* ``Content-MD5`` (base64 MD5);
* ``x-goog-hash`` (``crc32c=...,md5=...``: the MD5);
* ``x-amz-checksum-sha256`` / ``x-amz-checksum-sha1`` (base64);
* ``Content-Digest`` / ``Repr-Digest`` (RFC 9530, ``sha-256=:base64:``) and the older
  ``Digest`` (RFC 3230, ``SHA-256=base64``).

The downloader asks for ``Accept-Encoding: identity`` and hashes the bytes as they arrive, so
all of these describe exactly what is hashed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidArchiveError

# Algorithm names used by the digest headers -> hashlib names.
_ALGORITHMS = {"md5": "md5", "sha": "sha1", "sha-1": "sha1", "sha-256": "sha256", "sha-512": "sha512"}
_SINGLE_VALUE_HEADERS = {
    "content-md5": "md5",
    "x-amz-checksum-sha256": "sha-256",
    "x-amz-checksum-sha1": "sha-1",
}
_LIST_HEADERS = ("x-goog-hash", "content-digest", "repr-digest", "digest")


@dataclass
class _Expected:
    header: str
    algorithm: str
    digest: bytes
    hasher: Any = field(repr=False)


def _decode(value: str) -> bytes | None:
    try:
        return base64.b64decode(value.strip().strip(":"), validate=True)
    except (binascii.Error, ValueError):
        return None


class DigestCheck:
    """Feed it every chunk; ``verify()`` raises ``InvalidArchiveError`` on any mismatch."""

    def __init__(self, headers: Mapping[str, str]) -> None:
        self.expected: list[_Expected] = []
        lowered = {name.lower(): value for name, value in headers.items()}
        for name, algorithm in _SINGLE_VALUE_HEADERS.items():
            if name in lowered:
                self._add(name, algorithm, lowered[name])
        for name in _LIST_HEADERS:
            for item in lowered.get(name, "").split(","):
                algorithm, sep, value = item.partition("=")
                if sep:
                    self._add(name, algorithm.strip().lower(), value)

    def _add(self, header: str, algorithm: str, value: str) -> None:
        digest = _decode(value)
        name = _ALGORITHMS.get(algorithm)
        if digest is None or name is None:
            return
        hasher = hashlib.new(name)
        if len(digest) == hasher.digest_size:
            self.expected.append(_Expected(header, algorithm, digest, hasher))

    def update(self, chunk: bytes) -> None:
        for expected in self.expected:
            expected.hasher.update(chunk)

    def verify(self) -> None:
        for expected in self.expected:
            if expected.hasher.digest() != expected.digest:
                raise InvalidArchiveError(
                    f"download corrupted: its {expected.algorithm} digest does not match the "
                    f"server's {expected.header} header"
                )
