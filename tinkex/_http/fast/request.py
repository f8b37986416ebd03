"""Request heads serialized straight to bytes.

The headers every request of a client carries are encoded once (``HeaderBlock``); per request
only the request line, ``Host``, the call's own headers and ``Content-Length`` are formatted.
Header names and values are checked for CR/LF so no header can inject another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import httpx
from httpx._decoders import SUPPORTED_DECODERS  # what httpx can decode is what it advertises

# What an httpx client sends unless told otherwise, so both paths put the same headers on the
# wire; bodies are decoded with httpx's own decoders (``response._decode``).
HTTPX_DEFAULT_HEADERS: tuple[tuple[str, str], ...] = (
    ("Accept", "*/*"),
    ("Accept-Encoding", ", ".join(name for name in SUPPORTED_DECODERS if name != "identity")),
    ("Connection", "keep-alive"),
    ("User-Agent", f"python-httpx/{httpx.__version__}"),
)
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _check(name: str, value: str) -> None:
    if "\n" in value or "\r" in value or "\n" in name or "\r" in name or ":" in name or not name:
        raise httpx.LocalProtocolError(f"invalid header {name!r}: names and values must not contain CR or LF")


def encode_lines(headers: Iterable[tuple[str, str]]) -> str:
    parts = []
    for name, value in headers:
        _check(name, value)
        parts.append(f"{name}: {value}\r\n")
    return "".join(parts)


class HeaderBlock:
    """Constant headers (httpx's defaults under the client's base headers), pre-encoded.

    ``without(names)`` is the block minus headers a call overrides, cached per name set."""

    def __init__(self, base: Mapping[str, str]) -> None:
        merged: dict[str, tuple[str, str]] = {}
        for name, value in (*HTTPX_DEFAULT_HEADERS, *base.items()):
            merged[name.lower()] = (name, value)
        self._items = merged
        self.names = frozenset(merged)
        self.text = encode_lines(merged.values())
        self._variants: dict[frozenset[str], str] = {}

    def without(self, names: frozenset[str]) -> str:
        text = self._variants.get(names)
        if text is None:
            text = encode_lines(v for k, v in self._items.items() if k not in names)
            if len(self._variants) < 64:  # a client uses a handful of override sets; stay bounded
                self._variants[names] = text
        return text


def encode_head(
    method: str,
    target: str,
    host: str,
    block: HeaderBlock,
    call_headers: Mapping[str, str],
    body: bytes | None,
) -> bytes:
    """``METHOD target HTTP/1.1`` + Host + constant block + call headers + Content-Length."""
    lowered = frozenset(name.lower() for name in call_headers)
    overridden = lowered & block.names
    constant = block.without(overridden) if overridden else block.text
    if body is not None:
        length = f"Content-Length: {len(body)}\r\n"
    else:
        length = "Content-Length: 0\r\n" if method in _BODY_METHODS else ""
    host_line = "" if "host" in lowered else f"Host: {host}\r\n"
    text = (
        f"{method} {target} HTTP/1.1\r\n{host_line}{constant}{encode_lines(call_headers.items())}{length}\r\n"
    )
    return text.encode("utf-8")
