"""Short-lived JWTs for ``POST /api/v1/auth/token`` (protocol.md 2.3), and checking them on the way in.

Both SDKs read the identity behind a credential (``RestClient.whoami``) from the claims of the
token this route hands out: ``sub`` (the user URN), ``org_id`` and ``email``. With JWT mode on
(``pjwt_auth_enabled``), the official SDK also sends the token as its ``X-API-Key`` on every later
request, so the server accepts a token it issued wherever it accepts the key it was issued for.

Tokens are HS256 under a key derived from the data dir's secret, so they outlive a restart of the
same server but no other server can forge or accept them. ``sub`` is the caller's owner id (a
keyed hash of the API key, never the key), which is what ties a token to its key: a revoked key's
tokens stop working with it. With auth off there is one user, ``tml:user:local``.
"""

from __future__ import annotations

import secrets
import time
from typing import Final

import jwt

from tinkex.server.data_dir import derive_key

ALGORITHM: Final = "HS256"
ISSUER: Final = "tinkex-local-server"
DEFAULT_TOKEN_TTL_S: Final = 3600
LOCAL_ORG: Final = "local"
LOCAL_EMAIL: Final = "local@localhost"
_USER_PREFIX: Final = "tml:user:"
_LOCAL_USER: Final = "local"


class InvalidToken(Exception):
    """A presented JWT that this server did not issue, or one that has expired."""


def looks_like_jwt(credential: str) -> bool:
    """JWT credentials start with a base64url-encoded JSON header (``{"`` -> ``eyJ``), as the SDK checks."""
    return credential.startswith("eyJ") and credential.count(".") == 2


class TokenIssuer:
    """Signs and checks tokens with ``key``."""

    def __init__(self, key: bytes, ttl_s: int = DEFAULT_TOKEN_TTL_S) -> None:
        self._key = key
        self._ttl_s = ttl_s

    @classmethod
    def for_secret(cls, secret: bytes, ttl_s: int = DEFAULT_TOKEN_TTL_S) -> TokenIssuer:
        """The issuer of a data dir's server: its tokens survive a restart over the same dir."""
        return cls(derive_key(secret, "auth-jwt"), ttl_s)

    @classmethod
    def per_process(cls) -> TokenIssuer:
        """An issuer whose tokens die with the process (servers built without a data-dir secret)."""
        return cls(secrets.token_bytes(32))

    def issue(self, owner: str | None) -> str:
        """A token for ``owner`` (None: auth is off, the one local user)."""
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "sub": _USER_PREFIX + (owner or _LOCAL_USER),
            "org_id": LOCAL_ORG,
            "email": LOCAL_EMAIL,
            "iat": now,
            "exp": now + self._ttl_s,
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)

    def owner_of(self, token: str) -> str | None:
        """The owner id a token was issued for (None for the local user); ``InvalidToken`` otherwise."""
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                options={"require": ["exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as error:
            # The message names only what was wrong (expired, bad signature), never the token.
            raise InvalidToken(str(error)) from None
        subject = str(claims["sub"]).removeprefix(_USER_PREFIX)
        return None if subject == _LOCAL_USER else subject

    def __repr__(self) -> str:
        return f"TokenIssuer(ttl_s={self._ttl_s})"
