"""URL building: base-URL normalization, path joining, query merging, path-segment encoding
(features HTTP-09, HTTP-17, HTTP-18; protocol.md §1: the base URL may carry a path prefix)."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

__all__ = [
    "QueryParams",
    "build_url",
    "checkpoint_path_segment",
    "join_url",
    "merge_query",
    "normalize_base_url",
    "quote_segment",
]

QueryParams = Mapping[str, Any]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_base_url(url: str) -> str:
    """``scheme://lowercased-host[:port]``: default ports and any path, query or credentials are
    dropped. Used as the pool key, so equivalent spellings of one server share connections.
    A bare host (``example.com``, ``localhost:8000``) or a non-HTTP scheme raises ``ValueError``.
    """
    scheme, host, port, _path = _split_base(url)
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}:{port}"
    return f"{scheme}://{host}"


def _split_base(url: str) -> tuple[str, str, int | None, str]:
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"base_url must be a non-empty http(s) URL, got {url!r}")
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(
            f"base_url must be an absolute http:// or https:// URL with a host, got {url!r} "
            "(a bare host needs a scheme, e.g. 'http://localhost:8000')"
        )
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"base_url has an invalid port: {url!r}") from exc
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal: urlsplit strips the brackets, a URL needs them back
        host = f"[{host}]"
    return scheme, host, port, parts.path


def join_url(base_url: str, path: str) -> str:
    """Append ``path`` to ``base_url`` keeping the base's path prefix:
    ``join_url("http://h/services/prod", "/api/v1/x")`` is ``"http://h/services/prod/api/v1/x"``.
    The base is normalized (lower-cased host, default port dropped); a ``path`` that is already an
    absolute http(s) URL (e.g. a signed archive link) is returned unchanged.
    """
    if urlsplit(path).scheme.lower() in _DEFAULT_PORTS:
        return path
    parts = urlsplit(base_url.strip()) if isinstance(base_url, str) else None
    if parts is not None and (parts.query or parts.fragment):
        raise ValueError(
            f"base_url must not contain a query or fragment (use default_query), got {base_url!r}"
        )
    _scheme, _host, _port, prefix = _split_base(base_url)
    return normalize_base_url(base_url) + prefix.rstrip("/") + "/" + path.lstrip("/")


def _query_value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _query_value(key, value.value)
    if isinstance(value, list | tuple | set | frozenset):
        # protocol.md §1: list-valued query parameters are sent comma-joined.
        return ",".join(_query_value(key, item) for item in value)
    return str(value)


def merge_query(*layers: QueryParams | Iterable[tuple[str, Any]] | None) -> dict[str, str]:
    """Merge query layers, later ones winning per key; call it as
    ``merge_query(default_query, path_query, call_query)`` (HTTP-17's precedence).

    The layers are merged first and ``None`` values are dropped afterwards, so a ``None`` in a
    later layer removes a key set by an earlier one. Keys must be non-empty strings; values are
    stringified (``True`` -> ``"true"``, lists comma-joined). Encoding happens in ``build_url``.
    """
    merged: dict[str, Any] = {}
    for layer in layers:
        if not layer:
            continue
        items = layer.items() if isinstance(layer, Mapping) else layer
        for key, value in items:
            if not isinstance(key, str) or not key:
                raise ValueError(f"query parameter names must be non-empty strings, got {key!r}")
            merged[key] = value
    return {key: _query_value(key, value) for key, value in merged.items() if value is not None}


def build_url(
    base_url: str,
    path: str,
    default_query: QueryParams | None = None,
    query: QueryParams | None = None,
) -> str:
    """The full request URL: ``path`` joined onto ``base_url``, with the query merged as
    config ``default_query`` < the query already in ``path`` < per-call ``query``, then encoded."""
    path_part, _sep, path_query_text = path.partition("?")
    if not path_query_text and not default_query and not query:
        return _joined(base_url, path_part)  # every hot-path call: no query at all
    path_query = parse_qsl(path_query_text, keep_blank_values=True)
    merged = merge_query(default_query, path_query, query)
    url = _joined(base_url, path_part)
    if not merged:
        return url
    return url + "?" + urlencode(merged, quote_via=quote)


# join_url is pure and a client sends to a few dozen paths: remember the joins (bounded).
_joined = lru_cache(maxsize=1024)(join_url)


def quote_segment(value: str, *, field: str = "path segment") -> str:
    """Percent-encode one path segment, leaving only RFC 3986 unreserved characters as they are:
    a sampler id ``session-id:sample:0`` becomes ``session-id%3Asample%3A0`` (HTTP-18)."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"{field} must be a non-empty string, got {value!r}")
    if value in (".", ".."):
        # Dot segments would be collapsed by URL normalization and address another resource.
        raise ValueError(f"{field} must not be {value!r}")
    return quote(value, safe="")


def checkpoint_path_segment(checkpoint_id: str) -> str:
    """Encode a checkpoint id for a REST path, keeping the ``/`` of ``weights/<name>`` (and
    ``sampler_weights/<name>``) as a real separator while percent-encoding everything else:
    ``weights/0001`` stays ``weights/0001`` (HTTP-18). Empty and dot pieces are rejected."""
    if not isinstance(checkpoint_id, str) or not checkpoint_id:
        raise ValueError(f"checkpoint_id must be a non-empty string, got {checkpoint_id!r}")
    pieces = checkpoint_id.split("/")
    return "/".join(quote_segment(piece, field=f"checkpoint_id {checkpoint_id!r}") for piece in pieces)
