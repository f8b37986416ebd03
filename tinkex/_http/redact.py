"""Secret redaction for everything tinkex prints: reprs, logs, exceptions, header dumps.

Two complementary mechanisms, because neither is enough alone:

* by *name*: header names and mapping keys known to carry secrets (features CFG-16, HTTP-23);
* by *value*: known secret strings handed in by the caller, plus patterns that look like Tinker
  credentials (``tml-…`` keys and JWTs) wherever they appear in free text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

if TYPE_CHECKING:  # httpx only in annotations: tinkex.errors imports this module and must stay light
    import httpx

REDACTED = "[REDACTED]"

# Lower-cased header names whose values are secrets (CFG-16 plus the 0.38 weights token).
SECRET_HEADER_NAMES = frozenset(
    {
        "x-api-key",
        "cf-access-client-secret",
        "authorization",
        "proxy-authorization",
        "x-tinker-weights-access-token",
        "cookie",
        "set-cookie",
    }
)

# Mapping keys (in bodies, snapshots, query strings) whose values are secrets; compared after
# lower-casing and turning "-" into "_".
_SECRET_KEY_NAMES = frozenset(
    {
        "api_key",
        "apikey",
        "x_api_key",
        "authorization",
        "proxy_authorization",
        "password",
        "secret",
        "client_secret",
        "cf_access_client_secret",
        "token",
        "access_token",
        "refresh_token",
        "jwt",
        "x_tinker_weights_access_token",
    }
)

# A Tinker API key or a JWT anywhere in free text.
_TML_KEY_RE = re.compile(r"tml-[A-Za-z0-9_\-]{4,}")
_JWT_RE = re.compile(r"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]*)?")
# Shortest secret we scrub by value: shorter strings would mangle ordinary text.
_MIN_SECRET_LEN = 4


def mask_api_key(key: str | None) -> str | None:
    """Mask an API key for display (CFG-16).

    Up to 4 characters: all ``*``. Otherwise the first ``min(6, len - 2)`` characters, ``...``,
    and the last 4, e.g. ``tml-abcdefghijkl`` -> ``tml-ab...ijkl``.
    """
    if key is None:
        return None
    if len(key) <= 4:
        return "*" * len(key)
    return f"{key[: min(6, len(key) - 2)]}...{key[-4:]}"


def mask_secret(value: str | None) -> str | None:
    """``[REDACTED]`` for any non-empty secret; ``None``/empty stay as they are."""
    return REDACTED if value else value


def is_secret_header(name: str) -> bool:
    return name.strip().lower() in SECRET_HEADER_NAMES


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> dict[str, str]:
    """A copy of ``headers`` with secret values replaced by ``[REDACTED]`` (names kept as given)."""
    if not headers:
        return {}
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {str(name): (REDACTED if is_secret_header(str(name)) else str(value)) for name, value in items}


def _is_secret_key(key: object) -> bool:
    return isinstance(key, str) and key.strip().lower().replace("-", "_") in _SECRET_KEY_NAMES


def redact_url(url: str | None) -> str | None:
    """Mask the password of a URL's userinfo and the values of secret query parameters."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError on a malformed port; we still want a safe string
    except ValueError:
        return redact_text(_mask_userinfo(url))
    if not parts.netloc:  # no "//": "user:pw@host:1" parses as scheme "user" and a path
        return redact_text(_mask_userinfo(url))
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:****@{host}" if ":" in userinfo else f"{user}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(_is_secret_key(k) for k, _ in pairs):
            query = urlencode([(k, "****" if _is_secret_key(k) else v) for k, v in pairs])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


# "[scheme://]user:password@": the password runs to the last "@", as URL parsers read it.
_USERINFO_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*://)?([^\s:/@]*):\S*@")


def _mask_userinfo(url: str) -> str:
    """Mask a password in text that is not a well-formed URL (bad port, no scheme, broken IPv6)."""
    return _USERINFO_RE.sub(lambda m: f"{m.group(1) or ''}{m.group(2)}:****@", url.strip(), count=1)


def redact_text(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Scrub known secret values and anything shaped like a Tinker key or JWT from ``text``."""
    for secret in secrets:
        if secret and len(secret) >= _MIN_SECRET_LEN:
            text = text.replace(secret, REDACTED)
    text = _TML_KEY_RE.sub(lambda m: mask_api_key(m.group(0)) or "", text)
    return _JWT_RE.sub(REDACTED, text)


def redact_value(value: object, secrets: Iterable[str | None] = ()) -> object:
    """Recursively redact a decoded JSON-like value: secret keys by name, strings by value."""
    secrets = tuple(secrets)
    if isinstance(value, Mapping):
        return {
            k: (REDACTED if _is_secret_key(k) and v is not None else redact_value(v, secrets))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact_value(v, secrets) for v in value]
    if isinstance(value, str):
        return redact_text(value, secrets)
    return value


# ---- httpx objects kept on errors (requests and responses) ----

# Marks a copy made here, so redacting it again is free.
_REDACTED_COPY = "tinkex_redacted"
# Headers that describe the body as it travelled; a copy holds the decoded body instead.
_TRANSFER_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def redact_request(request: httpx.Request | None, secrets: Iterable[str | None] = ()) -> httpx.Request | None:
    """A copy of ``request`` that is safe to keep on an error, print or pickle.

    httpx masks only ``Authorization`` in its reprs, and not at all in ``request.headers``; the
    copy carries ``[REDACTED]`` for every secret header, the URL with its password and secret
    query values masked, and the body when it was read (the same bytes, not a second copy).
    """
    if request is None or request.extensions.get(_REDACTED_COPY):
        return request
    import httpx  # here, not at the top: light modules import this one, and a request means httpx is loaded

    secrets = tuple(secrets)
    try:
        content: bytes | None = request.content
    except httpx.RequestNotRead:
        content = None
    headers = [
        (name, REDACTED if is_secret_header(name) else redact_text(value, secrets))
        for name, value in request.headers.multi_items()
    ]
    if content is None:
        headers = [(name, value) for name, value in headers if name.lower() not in _TRANSFER_HEADERS]
    return httpx.Request(
        request.method,
        redact_url(str(request.url)) or "",
        headers=headers,
        content=content,
        extensions={_REDACTED_COPY: True},
    )


def redact_response(
    response: httpx.Response | None, secrets: Iterable[str | None] = ()
) -> httpx.Response | None:
    """A copy of ``response`` with secret headers (``Set-Cookie``...) masked, the decoded body
    when it was read (else empty), and ``.request`` redacted as ``redact_request`` does."""
    if response is None or response.extensions.get(_REDACTED_COPY):
        return response
    import httpx

    secrets = tuple(secrets)
    try:
        content = response.content
    except httpx.ResponseNotRead:
        content = b""
    try:
        request: httpx.Request | None = response.request
    except RuntimeError:  # a Response built by hand has no request
        request = None
    headers = [
        (name, REDACTED if is_secret_header(name) else value)
        for name, value in response.headers.multi_items()
        if name.lower() not in _TRANSFER_HEADERS
    ]
    kept = {k: v for k, v in response.extensions.items() if k in ("http_version", "reason_phrase")}
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=content,
        request=redact_request(request, secrets),
        extensions={**kept, _REDACTED_COPY: True},
    )


def scrub_exception_chain(error: BaseException, secrets: Iterable[str | None] = ()) -> None:
    """Make the exceptions under a tinkex error as safe as the error itself.

    Every httpx exception in the ``__cause__``/``__context__`` chain gets a redacted
    ``.request``. What lies under an httpx exception is the transport's own exception (aiohttp's
    keeps the connection key, proxy credentials included); its message is already in the httpx
    exception's, so the chain is cut there.
    """
    import httpx

    secrets = tuple(secrets)
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, httpx.HTTPError):
            with contextlib.suppress(RuntimeError):  # RuntimeError: no request attached
                current.request = redact_request(current.request, secrets)  # type: ignore[assignment]
            if isinstance(current, httpx.HTTPStatusError):
                current.response = redact_response(current.response, secrets)  # type: ignore[assignment]
            current.__cause__ = None
            current.__context__ = None
            current.__suppress_context__ = True
            return
        current = current.__cause__ or current.__context__
