"""The only module in tinkex that reads ``os.environ`` (features CFG-08).

``EnvSnapshot.read()`` parses every variable tinkex understands into typed values. ``None``
means "not set": blank values, and values that do not parse, are treated as unset so that the
next precedence tier applies (``invalid`` names the variables that were ignored, so callers can
warn). Values are trimmed. Validation beyond parsing belongs to ``tinkex.config``.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping
from typing import Literal

from .._http.redact import mask_api_key, mask_secret, redact_headers, redact_url, redact_value

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})

ParityMode = Literal["python", "beam"]
WireFormat = Literal["protobuf", "json"]
PollBackoff = Literal["none", "exponential"]
Transport = Literal["aiohttp", "httpx"]

_PARITY_ALIASES: dict[str, ParityMode] = {"python": "python", "beam": "beam", "elixir": "beam"}
_WIRE_ALIASES: dict[str, WireFormat] = {"protobuf": "protobuf", "proto": "protobuf", "json": "json"}
_LOG_LEVELS = {"debug": "debug", "info": "info", "warn": "warning", "warning": "warning", "error": "error"}


def parse_bool(value: str | None, default: bool | None = None) -> bool | None:
    """``1/true/yes/on`` -> True, ``0/false/no/off`` -> False (case-insensitive), else ``default``."""
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return default


def parse_list(value: str | None) -> tuple[str, ...]:
    """Comma-separated list: items trimmed, empties dropped, duplicates dropped (first kept)."""
    if not value:
        return ()
    items = (item.strip() for item in value.split(","))
    return tuple(dict.fromkeys(item for item in items if item))


def parse_parity_mode(value: str | None) -> ParityMode | None:
    """``python`` or ``beam`` (``elixir`` is an alias), case-insensitive; anything else -> None."""
    return _PARITY_ALIASES.get(value.strip().lower()) if value else None


def parse_wire_format(value: str | None) -> WireFormat | None:
    return _WIRE_ALIASES.get(value.strip().lower()) if value else None


def parse_log_level(value: str | None) -> str | None:
    """``debug/info/warn/warning/error`` (case-insensitive) -> a ``logging`` level name, else None."""
    return _LOG_LEVELS.get(value.strip().lower()) if value else None


def _parse_json_object(value: str | None) -> dict[str, object] | None:
    try:
        decoded = json.loads(value) if value else None
    except ValueError:
        return None
    return decoded if isinstance(decoded, dict) else None


def _parse_pairs(value: str | None) -> tuple[tuple[str, str], ...] | None:
    """A JSON array of ``[name, value]`` string pairs (TINKEX_PROXY_HEADERS), else None."""
    try:
        decoded = json.loads(value) if value else None
    except ValueError:
        return None
    if not isinstance(decoded, list):
        return None
    pairs = []
    for item in decoded:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            return None
        pairs.append((item[0], item[1]))
    return tuple(pairs)


def _parse_positive_int(value: str | None) -> int | None:
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number is not None and number > 0 else None


def _parse_positive_float(value: str | None) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    return number if number is not None and number > 0 else None


@dataclasses.dataclass(frozen=True, repr=False)
class EnvSnapshot:
    """Typed view of the environment at one moment; ``None`` means unset."""

    api_key: str | None = None  # TINKER_API_KEY
    base_url: str | None = None  # TINKER_BASE_URL
    credential_cmd: str | None = None  # TINKER_CREDENTIAL_CMD
    project_id: str | None = None  # TINKER_PROJECT_ID
    tags: tuple[str, ...] | None = None  # TINKER_TAGS
    feature_gates: tuple[str, ...] | None = None  # TINKER_FEATURE_GATES
    telemetry_enabled: bool | None = None  # TINKER_TELEMETRY
    log_level: str | None = None  # TINKER_LOG
    dump_headers: bool | None = None  # TINKEX_DUMP_HEADERS
    cf_access_client_id: str | None = None  # CLOUDFLARE_ACCESS_CLIENT_ID
    cf_access_client_secret: str | None = None  # CLOUDFLARE_ACCESS_CLIENT_SECRET
    parity_mode: ParityMode | None = None  # TINKEX_PARITY
    default_headers: dict[str, object] | None = None  # TINKEX_DEFAULT_HEADERS (JSON object)
    default_query: dict[str, object] | None = None  # TINKEX_DEFAULT_QUERY (JSON object)
    proxy: str | None = None  # TINKEX_PROXY
    proxy_headers: tuple[tuple[str, str], ...] | None = None  # TINKEX_PROXY_HEADERS (JSON pairs)
    pool_size: int | None = None  # TINKEX_POOL_SIZE
    pool_count: int | None = None  # TINKEX_POOL_COUNT
    wire_format: WireFormat | None = None  # TINKEX_WIRE_FORMAT
    sdk_version: str | None = None  # TINKEX_SDK_VERSION
    tokenizer_override: str | None = None  # TINKEX_TOKENIZER_OVERRIDE, else TINKEX_LLAMA3_TOKENIZER
    future_timeout: float | None = None  # TINKEX_FUTURE_TIMEOUT (seconds)
    poll_backoff: PollBackoff | None = None  # TINKEX_POLL_BACKOFF
    http_client: str | None = None  # TINKEX_HTTP_CLIENT ("pkg.module:attr")
    http_pool: str | None = None  # TINKEX_HTTP_POOL
    transport: Transport | None = None  # TINKEX_TRANSPORT ("aiohttp" or "httpx")
    http2: bool | None = None  # TINKEX_HTTP2
    trust_env: bool | None = None  # TINKEX_TRUST_ENV
    max_response_bytes: int | None = None  # TINKEX_MAX_RESPONSE_BYTES
    download_max_bytes: int | None = None  # TINKEX_DOWNLOAD_MAX_BYTES
    download_max_members: int | None = None  # TINKEX_DOWNLOAD_MAX_MEMBERS
    otel_propagate: bool | None = None  # TINKEX_OTEL_PROPAGATE
    credentials_file: str | None = None  # TINKEX_CREDENTIALS_FILE (where `tinkex auth login` stores keys)
    dispatch_concurrency: int | None = None  # TINKEX_DISPATCH_CONCURRENCY
    progress_log_interval: float | None = None  # TINKEX_PROGRESS_LOG_INTERVAL (seconds)
    hf_hub_offline: bool = False  # HF_HUB_OFFLINE
    invalid: tuple[str, ...] = ()  # variables that were set but could not be parsed

    @classmethod
    def read(cls, environ: Mapping[str, str] | None = None) -> EnvSnapshot:
        """Parse ``environ`` (default: the process environment)."""
        source = os.environ if environ is None else environ
        raw = {k: v.strip() for k, v in source.items() if isinstance(v, str) and v.strip()}
        get = raw.get
        values: dict[str, object] = {
            "api_key": get("TINKER_API_KEY"),
            "base_url": get("TINKER_BASE_URL"),
            "credential_cmd": get("TINKER_CREDENTIAL_CMD"),
            "project_id": get("TINKER_PROJECT_ID"),
            "tags": parse_list(get("TINKER_TAGS")) or None,
            "feature_gates": parse_list(get("TINKER_FEATURE_GATES")) or None,
            "telemetry_enabled": parse_bool(get("TINKER_TELEMETRY")),
            "log_level": parse_log_level(get("TINKER_LOG")),
            "dump_headers": parse_bool(get("TINKEX_DUMP_HEADERS")),
            "cf_access_client_id": get("CLOUDFLARE_ACCESS_CLIENT_ID"),
            "cf_access_client_secret": get("CLOUDFLARE_ACCESS_CLIENT_SECRET"),
            "parity_mode": parse_parity_mode(get("TINKEX_PARITY")),
            "default_headers": _parse_json_object(get("TINKEX_DEFAULT_HEADERS")),
            "default_query": _parse_json_object(get("TINKEX_DEFAULT_QUERY")),
            "proxy": get("TINKEX_PROXY"),
            "proxy_headers": _parse_pairs(get("TINKEX_PROXY_HEADERS")),
            "pool_size": _parse_positive_int(get("TINKEX_POOL_SIZE")),
            "pool_count": _parse_positive_int(get("TINKEX_POOL_COUNT")),
            "wire_format": parse_wire_format(get("TINKEX_WIRE_FORMAT")),
            "sdk_version": get("TINKEX_SDK_VERSION"),
            "tokenizer_override": get("TINKEX_TOKENIZER_OVERRIDE") or get("TINKEX_LLAMA3_TOKENIZER"),
            "future_timeout": _parse_positive_float(get("TINKEX_FUTURE_TIMEOUT")),
            "poll_backoff": {"none": "none", "exponential": "exponential"}.get(
                get("TINKEX_POLL_BACKOFF", "").lower()
            ),
            "http_client": get("TINKEX_HTTP_CLIENT"),
            "http_pool": get("TINKEX_HTTP_POOL"),
            "transport": get("TINKEX_TRANSPORT", "").strip().lower() or None,
            "http2": parse_bool(get("TINKEX_HTTP2")),
            "trust_env": parse_bool(get("TINKEX_TRUST_ENV")),
            "max_response_bytes": _parse_positive_int(get("TINKEX_MAX_RESPONSE_BYTES")),
            "download_max_bytes": _parse_positive_int(get("TINKEX_DOWNLOAD_MAX_BYTES")),
            "download_max_members": _parse_positive_int(get("TINKEX_DOWNLOAD_MAX_MEMBERS")),
            "otel_propagate": parse_bool(get("TINKEX_OTEL_PROPAGATE")),
            "credentials_file": get("TINKEX_CREDENTIALS_FILE"),
            "dispatch_concurrency": _parse_positive_int(get("TINKEX_DISPATCH_CONCURRENCY")),
            "progress_log_interval": _parse_positive_float(get("TINKEX_PROGRESS_LOG_INTERVAL")),
        }
        invalid = [name for name, field in _ENV_NAMES.items() if name in raw and values[field] is None]
        return cls(
            **values,  # type: ignore[arg-type]
            hf_hub_offline=bool(parse_bool(get("HF_HUB_OFFLINE"), False)),
            invalid=tuple(invalid),
        )

    def redacted(self) -> dict[str, object]:
        """The snapshot as a dict with every secret masked (CFG-16 ``redact_snapshot``)."""
        data = dataclasses.asdict(self)
        data["api_key"] = mask_api_key(self.api_key)
        data["cf_access_client_secret"] = mask_secret(self.cf_access_client_secret)
        data["credential_cmd"] = mask_secret(self.credential_cmd)
        data["proxy"] = redact_url(self.proxy)
        data["base_url"] = redact_url(self.base_url)
        if self.default_query is not None:
            data["default_query"] = redact_value(self.default_query)
        if self.default_headers is not None:
            data["default_headers"] = redact_headers({k: str(v) for k, v in self.default_headers.items()})
        if self.proxy_headers is not None:
            data["proxy_headers"] = tuple(redact_headers(self.proxy_headers).items())
        return data

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.redacted().items() if v not in (None, (), False))
        return f"EnvSnapshot({shown})"


# Variables whose unparseable values are reported in ``EnvSnapshot.invalid``.
_ENV_NAMES: dict[str, str] = {
    "TINKER_TELEMETRY": "telemetry_enabled",
    "TINKER_LOG": "log_level",
    "TINKEX_DUMP_HEADERS": "dump_headers",
    "TINKEX_PARITY": "parity_mode",
    "TINKEX_DEFAULT_HEADERS": "default_headers",
    "TINKEX_DEFAULT_QUERY": "default_query",
    "TINKEX_PROXY_HEADERS": "proxy_headers",
    "TINKEX_POOL_SIZE": "pool_size",
    "TINKEX_POOL_COUNT": "pool_count",
    "TINKEX_WIRE_FORMAT": "wire_format",
    "TINKEX_FUTURE_TIMEOUT": "future_timeout",
    "TINKEX_POLL_BACKOFF": "poll_backoff",
    "TINKEX_OTEL_PROPAGATE": "otel_propagate",
    "TINKEX_TRANSPORT": "transport",
    "TINKEX_HTTP2": "http2",
    "TINKEX_TRUST_ENV": "trust_env",
    "TINKEX_MAX_RESPONSE_BYTES": "max_response_bytes",
    "TINKEX_DOWNLOAD_MAX_BYTES": "download_max_bytes",
    "TINKEX_DOWNLOAD_MAX_MEMBERS": "download_max_members",
    "TINKEX_DISPATCH_CONCURRENCY": "dispatch_concurrency",
    "TINKEX_PROGRESS_LOG_INTERVAL": "progress_log_interval",
}


def redact_snapshot(snapshot: EnvSnapshot) -> dict[str, object]:
    return snapshot.redacted()
