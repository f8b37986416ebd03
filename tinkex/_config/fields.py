"""Validation and normalization of each ``Config`` field (features CFG-07, CFG-15…CFG-20).

One normalizer per field name (``NORMALIZERS``); every error is a ``TinkexConfigError``
whose message starts with the field name. Kept apart so ``config.py`` reads as the
precedence rules and the field list.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from .._http.redact import mask_api_key, redact_url
from ..errors import TinkexConfigError
from .env import ParityMode, parse_log_level, parse_parity_mode

_log = logging.getLogger("tinkex.config")


def fail(field: str, problem: str) -> TinkexConfigError:
    return TinkexConfigError(f"{field} {problem}", field=field)


# --- per-field normalizers: (field name, raw value) -> normalized value, or raise naming the field


def _req_str(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(name, "must be a non-empty string")
    return value.strip()


def _opt_str(name: str, value: Any) -> str | None:
    return None if value is None else _req_str(name, value)


def _secret_str(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise fail(name, "must be a non-empty string")  # never echo a secret
    return value.strip()


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise fail(name, f"must be a bool, got {type(value).__name__}")
    return value


def _pos_float(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value) or value <= 0:
        raise fail(name, f"must be a positive number of seconds, got {value!r}")
    return float(value)


def _opt_pos_float(name: str, value: Any) -> float | None:
    return None if value is None else _pos_float(name, value)


def _int_at_least(minimum: int) -> Any:
    def check(name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise fail(name, f"must be an integer >= {minimum}, got {value!r}")
        return value

    return check


def _opt_pos_int(name: str, value: Any) -> int | None:
    return None if value is None else _int_at_least(1)(name, value)


def _str_tuple(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple | set | frozenset):
        raise fail(name, f"must be a list of strings, got {type(value).__name__}")
    items = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise fail(name, f"must contain non-empty strings, got {item!r}")
        items.append(item.strip())
    return tuple(dict.fromkeys(items))


def _string_map(name: str, value: Any) -> Mapping[str, str]:
    """CFG-17: a mapping or list of pairs; keys trimmed and non-empty; str/number/bool values
    stringified; ``None`` values dropped; CR/LF rejected (header injection)."""
    try:
        items = list(value.items() if isinstance(value, Mapping) else value)
        pairs = [(k, v) for k, v in items]
    except (TypeError, ValueError):
        raise fail(name, "must be a mapping or a list of (name, value) pairs") from None
    result: dict[str, str] = {}
    for key, item in pairs:
        key_text = str(key).strip()
        if not key_text:
            raise fail(name, "has an empty key")
        if item is None:
            continue
        if isinstance(item, bool):
            text = "true" if item else "false"
        elif isinstance(item, str | int | float):
            text = str(item)
        else:
            raise fail(name, f"value for {key_text!r} must be a string or number, got {type(item).__name__}")
        if "\r" in text or "\n" in text or "\r" in key_text or "\n" in key_text:
            raise fail(name, f"entry {key_text!r} contains a line break")
        result[key_text] = text
    return MappingProxyType(result)


def _opt_string_map(name: str, value: Any) -> Mapping[str, str] | None:
    return None if value is None else _string_map(name, value)


def _pool_overrides(name: str, value: Any) -> Mapping[str, int] | None:
    """Per pool type connection limits, e.g. ``{"sampling": 200}`` (CFG-22)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise fail(name, f"must be a mapping of pool type to connection count, got {type(value).__name__}")
    result: dict[str, int] = {}
    for pool, limit in value.items():
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise fail(name, f"[{pool!r}] must be an integer >= 1, got {limit!r}")
        result[_req_str(name, str(pool))] = limit
    return MappingProxyType(result)


def _pairs(name: str, value: Any) -> tuple[tuple[str, str], ...]:
    return tuple(_string_map(name, value).items())


def _base_url(name: str, value: Any) -> str:
    text = _req_str(name, value).rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(name, f"must be an http(s) URL with a host, got {redact_url(text)!r}")
    return text


def _choice(options: tuple[str, ...]) -> Any:
    def check(name: str, value: Any) -> str:
        if not isinstance(value, str) or value.strip().lower() not in options:
            raise fail(name, f"must be one of {', '.join(options)}; got {value!r}")
        return value.strip().lower()

    return check


def _log_level(name: str, value: Any) -> str | None:
    if value is None:
        return None
    level = parse_log_level(value) if isinstance(value, str) else None
    if level is None:
        raise fail(name, f"must be one of debug, info, warn, warning, error; got {value!r}")
    return level


def _parity(name: str, value: Any) -> ParityMode:
    mode = parse_parity_mode(value) if isinstance(value, str) else None
    if mode is None:
        _log.warning("unknown parity_mode %r; using 'python'", value)  # CFG-05: fall back
        return "python"
    return mode


def _dispatch_concurrency(name: str, value: Any) -> int:
    # SMP-07: an invalid limit falls back to the default rather than failing the client.
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        _log.warning("%s must be an integer >= 1, got %r; using 400", name, value)
        return 400
    return value


def _http_client(name: str, value: Any) -> object:
    if isinstance(value, str) and (":" not in value or not all(value.split(":", 1))):
        raise fail(name, f"must be a client object or a 'package.module:attribute' string, got {value!r}")
    return value


def _verify(name: str, value: Any) -> Any:
    """True/False, a CA bundle path (file or directory that exists), or an ssl.SSLContext."""
    import os
    import ssl

    if isinstance(value, (bool, ssl.SSLContext)):
        return value
    if isinstance(value, (str, os.PathLike)) and os.path.exists(value):
        return os.fspath(value)
    raise fail(
        name, f"must be True, False, the path of an existing CA bundle, or an ssl.SSLContext, got {value!r}"
    )


def _proxy(name: str, value: Any) -> str | None:
    """CFG-19: ``http(s)://[user:pass@]host[:port]`` or ``(scheme, host, port)``. The
    normalized URL keeps the credentials; ``Config`` moves them into a header."""
    if value is None:
        return None
    if isinstance(value, tuple | list) and len(value) in (3, 4):
        scheme, host, port = value[0], value[1], value[2]
        if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
            raise fail(name, f"port must be an integer in 1..65535, got {port!r}")
        value = f"{scheme}://{host}:{port}"
    if not isinstance(value, str):
        raise fail(name, f"must be a URL string or (scheme, host, port), got {type(value).__name__}")
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        raise fail(name, f"has an invalid port: {redact_url(value)!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(name, f"must be an http(s) URL with a host, got {redact_url(value)!r}")
    if port is not None and not 1 <= port <= 65535:
        raise fail(name, f"port must be in 1..65535, got {redact_url(value)!r}")
    return value.strip()


_warned_keys: set[str] = set()


def check_key_format(key: str) -> None:
    # D-15: tml- keys and JWTs are the known shapes; anything else is sent with a warning.
    if key.startswith(("tml-", "eyJ")):
        return
    masked = mask_api_key(key) or ""
    if masked not in _warned_keys:
        _warned_keys.add(masked)
        _log.warning("api_key %s does not start with 'tml-' and is not a JWT; sending it anyway", masked)


NORMALIZERS: dict[str, Any] = {
    "api_key": _secret_str,
    "base_url": _base_url,
    "credential_cmd": _secret_str,
    "parity_mode": _parity,
    "timeout": _pos_float,
    "max_retries": _int_at_least(0),
    "user_metadata": _opt_string_map,
    "project_id": _opt_str,
    "tags": _str_tuple,
    "feature_gates": _str_tuple,
    "telemetry_enabled": _bool,
    "log_level": _log_level,
    "dump_headers": _bool,
    "cf_access_client_id": _opt_str,
    "cf_access_client_secret": _secret_str,
    "default_headers": _string_map,
    "default_query": _string_map,
    "proxy": _proxy,
    "proxy_headers": _pairs,
    "max_connections": _int_at_least(1),
    "max_keepalive": _int_at_least(0),
    "pool_overrides": _pool_overrides,
    "http_pool": _req_str,
    "http_client": _http_client,
    "transport": _choice(("aiohttp", "httpx")),
    "http2": _bool,
    "trust_env": _bool,
    "verify": _verify,
    "max_response_bytes": _int_at_least(1024),
    "download_max_bytes": _int_at_least(1),
    "download_max_members": _int_at_least(1),
    "wire_format": _choice(("protobuf", "json")),
    "sdk_version": _req_str,
    "future_timeout": _pos_float,
    "poll_backoff": _choice(("none", "exponential")),
    "heartbeat_interval": _pos_float,
    "heartbeat_warning_after": _pos_float,
    "max_heartbeat_failures": _opt_pos_int,
    "max_heartbeat_failure_duration": _opt_pos_float,
    "metrics_enabled": _bool,
    "metrics_max_samples": _int_at_least(1),
    "user_agent": _opt_str,
    "otel_propagate": _bool,
    "tokenizer_override": _opt_str,
    "dispatch_concurrency": _dispatch_concurrency,
    "progress_log_interval": _pos_float,
    "retry_budget": _opt_pos_float,
}
