"""Signed, expiring archive download URLs.

The archive route hands out ``/api/v1/archives/<kind>/<name>.tar.gz?run=<id>&expires=<unix>&
signature=<hex>``: an ordinary URL any HTTP client can follow without an API key, like a cloud
store's pre-signed link. The signature is an HMAC-SHA256, under a key derived from the data dir's
secret, of the run id, the checkpoint id and the expiry, so a link cannot be forged or altered,
stops working when it expires, and stays valid across a server restart until then.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode

from tinkex.server.data_dir import derive_key
from tinkex.server.storage_records import StorageError, format_time

ARCHIVE_PREFIX = "/api/v1/archives"
DEFAULT_LINK_TTL_S = 15 * 60.0  # what the Tinker service's archive links give (protocol.md 3.6)


@dataclass(frozen=True)
class ArchiveLink:
    run_id: str
    checkpoint_id: str
    expires: int  # unix seconds


@dataclass(frozen=True)
class UrlSigner:
    key: bytes = field(repr=False)

    @classmethod
    def from_secret(cls, secret: bytes) -> UrlSigner:
        return cls(derive_key(secret, "archive-url"))

    def _signature(self, link: ArchiveLink) -> str:
        message = f"{link.run_id}\n{link.checkpoint_id}\n{link.expires}".encode("utf-8", "surrogatepass")
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def signature(self, link: ArchiveLink) -> str:
        """The hex signature of ``link``, for links other than archives (session traces)."""
        return self._signature(link)

    def path_and_query(self, link: ArchiveLink) -> str:
        """The part of the URL after the server's base URL."""
        query = urlencode({"run": link.run_id, "expires": link.expires, "signature": self._signature(link)})
        return f"{ARCHIVE_PREFIX}/{link.checkpoint_id}.tar.gz?{query}"

    def verify(self, link: ArchiveLink, signature: str, now: datetime) -> None:
        """403 for a signature that does not match, 410 once the link has expired."""
        if not hmac.compare_digest(self._signature(link), signature):
            raise StorageError(403, "signature: this archive link is not valid (altered or not issued here)")
        if link.expires <= now.timestamp():
            expired = format_time(datetime.fromtimestamp(link.expires, UTC))
            raise StorageError(410, f"expires: archive link expired at {expired}; ask for a new one")
