"""Per-key authentication of the local server and the owner id every resource is tagged with.

Auth is on when the server has at least one API key. Each request must then carry a known key in
``X-API-Key`` (the header both SDKs send); otherwise it gets 401 with the usual
``{"detail": ...}`` body. A known key maps to an *owner id*: an HMAC of the key under a secret of
the data dir, so run records on disk name their owner without holding the key itself, and the
same key owns the same runs after a restart.

A JWT from ``/api/v1/auth/token`` (``jwt_tokens``) stands in for the key it was issued for, as
long as that key is still accepted; an expired or foreign one gets 401 with
``WWW-Authenticate: Bearer error="invalid_token"``, on which the official SDK fetches a new token
and replays the request once.

Some paths need no key: the health check (for probes) and the signed archive and session trace
and external weights downloads, whose URLs carry their own expiring signature (``url_signing``).

With auth off there is one user: requests carry no owner id (None) and see everything.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from typing import Final

import orjson
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from tinkex.server.data_dir import derive_key
from tinkex.server.jwt_tokens import InvalidToken, TokenIssuer, looks_like_jwt

API_KEY_HEADER: Final = b"x-api-key"
OWNER_SCOPE_KEY: Final = "tinkex.owner"
PUBLIC_PATHS: Final = frozenset({"/api/v1/healthz"})
# Signed links (archives, session traces) carry their own expiring signature instead of a key.
PUBLIC_PREFIXES: Final = ("/api/v1/archives/", "/api/v1/traces/", "/api/v1/external_files/")


class ApiKeys:
    """The accepted keys, held only as their owner ids (HMAC digests), never as plain text."""

    def __init__(self, keys: Iterable[str], secret: bytes) -> None:
        self._owner_key = derive_key(secret, "owner-id")
        self._owners = {self._owner_id(key) for key in keys}

    def _owner_id(self, key: str) -> str:
        digest = hmac.new(self._owner_key, key.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
        return f"key-{digest[:32]}"

    def owner_of(self, presented: str) -> str | None:
        """The owner id of a presented key, or None if it is not one of the accepted keys."""
        owner = self._owner_id(presented)
        return owner if owner in self._owners else None

    def accepts_owner(self, owner: str | None) -> bool:
        """Whether the key behind ``owner`` (from a token's claims) is still accepted."""
        return owner in self._owners

    def revoke(self, presented: str) -> bool:
        """Stop accepting a key until the server restarts (``DELETE /auth/apikey/me``); the key file
        is the operator's and is left as it is. True if the key was accepted until now."""
        owner = self.owner_of(presented)
        if owner is None:
            return False
        self._owners.discard(owner)
        return True

    def __len__(self) -> int:
        return len(self._owners)

    def __repr__(self) -> str:
        return f"ApiKeys(<{len(self._owners)} keys>)"


def owner_of(connection: HTTPConnection) -> str | None:
    """The owner id the auth middleware attached to this request (None when auth is off)."""
    owner = connection.scope.get(OWNER_SCOPE_KEY)
    return owner if isinstance(owner, str) else None


def _presented_key(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name.lower() == API_KEY_HEADER:
            return bytes(value).decode("latin-1").strip()
    return None


# RFC 6750: the marker the official SDK looks for before it re-exchanges its token.
INVALID_TOKEN_CHALLENGE: Final = b'Bearer error="invalid_token"'


async def _reply_401(send: Send, detail: str, challenge: bytes | None = None) -> None:
    payload = orjson.dumps({"detail": detail})
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    if challenge is not None:
        headers.append((b"www-authenticate", challenge))
    await send({"type": "http.response.start", "status": 401, "headers": headers})
    await send({"type": "http.response.body", "body": payload, "more_body": False})


class AuthMiddleware:
    """Refuses requests without a known ``X-API-Key`` (401) and tags the others with their owner id."""

    def __init__(self, app: ASGIApp, keys: ApiKeys, tokens: TokenIssuer) -> None:
        self.app = app
        self.keys = keys
        self.tokens = tokens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope["path"])
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            await self.app(scope, receive, send)
            return
        presented = _presented_key(scope)
        if not presented:
            await _reply_401(send, "X-API-Key: required; this server checks API keys")
            return
        owner = self.keys.owner_of(presented)
        if owner is None and looks_like_jwt(presented):
            try:
                owner = self.tokens.owner_of(presented)
            except InvalidToken as error:
                await _reply_401(send, f"X-API-Key: token rejected ({error})", INVALID_TOKEN_CHALLENGE)
                return
            if not self.keys.accepts_owner(owner):
                await _reply_401(send, "X-API-Key: the token's API key was revoked", INVALID_TOKEN_CHALLENGE)
                return
        if owner is None:
            await _reply_401(send, "X-API-Key: not a key this server accepts")
            return
        scope[OWNER_SCOPE_KEY] = owner
        await self.app(scope, receive, send)
