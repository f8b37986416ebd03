"""Client configuration: one immutable ``Config``, resolved by one function (features CFG-01..22).

Precedence for every field: explicit argument > process default (``configure()``) >
environment (``tinkex._env``) > parity-mode default > built-in. ``None`` means "not given";
``False``, ``0`` and ``""`` are values. ``timeout`` and ``max_retries`` have no environment
variable, and ``user_metadata`` comes only from the explicit argument (CFG-02).
"""

from __future__ import annotations

import base64
import dataclasses
import logging
import math
import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote, urlsplit

import attrs

from ._env import EnvSnapshot, ParityMode, PollBackoff, WireFormat, parse_log_level, parse_parity_mode
from ._redact import mask_api_key, mask_secret, redact_headers, redact_url
from .errors import TinkexConfigError

_log = logging.getLogger("tinkex.config")

DEFAULT_BASE_URL = "https://tinker.thinkingmachines.dev/services/tinker-prod"
PYTHON_TIMEOUT = 60.0
PYTHON_MAX_RETRIES = 10
BEAM_TIMEOUT = 120.0
BEAM_MAX_RETRIES = 2
DEFAULT_POOL_SIZE = 50
DEFAULT_POOL_COUNT = 20
DEFAULT_MAX_CONNECTIONS = DEFAULT_POOL_SIZE * DEFAULT_POOL_COUNT
DEFAULT_MAX_KEEPALIVE = 20
DEFAULT_TAGS = ("tinkex-python",)
DEFAULT_FEATURE_GATES = ("async_sampling",)
# The official SDK version tinkex speaks as (sdk_version / x-stainless-package-version, D-16):
# the backend gates features on it.
TARGET_TINKER_SDK_VERSION = "0.38.0"
# Finite default deadline for futures: long enough for a queued training step on a busy
# service, short enough that a lost request surfaces as an error instead of a silent hang.
DEFAULT_FUTURE_TIMEOUT = 3600.0

_PARITY_DEFAULTS: dict[str, tuple[float, int]] = {
    "python": (PYTHON_TIMEOUT, PYTHON_MAX_RETRIES),
    "beam": (BEAM_TIMEOUT, BEAM_MAX_RETRIES),
}


def parity_defaults(mode: ParityMode) -> tuple[float, int]:
    """``(timeout seconds, max_retries)`` for a parity mode (CFG-05/06)."""
    return _PARITY_DEFAULTS[mode]


def _fail(field: str, problem: str) -> TinkexConfigError:
    return TinkexConfigError(f"{field} {problem}", field=field)


# --- per-field normalizers: (field name, raw value) -> normalized value, or raise naming the field


def _req_str(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(name, "must be a non-empty string")
    return value.strip()


def _opt_str(name: str, value: Any) -> str | None:
    return None if value is None else _req_str(name, value)


def _secret_str(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(name, "must be a non-empty string")  # never echo a secret
    return value.strip()


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail(name, f"must be a bool, got {type(value).__name__}")
    return value


def _pos_float(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value) or value <= 0:
        raise _fail(name, f"must be a positive number of seconds, got {value!r}")
    return float(value)


def _opt_pos_float(name: str, value: Any) -> float | None:
    return None if value is None else _pos_float(name, value)


def _int_at_least(minimum: int) -> Any:
    def check(name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise _fail(name, f"must be an integer >= {minimum}, got {value!r}")
        return value

    return check


def _opt_pos_int(name: str, value: Any) -> int | None:
    return None if value is None else _int_at_least(1)(name, value)


def _str_tuple(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple | set | frozenset):
        raise _fail(name, f"must be a list of strings, got {type(value).__name__}")
    items = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _fail(name, f"must contain non-empty strings, got {item!r}")
        items.append(item.strip())
    return tuple(dict.fromkeys(items))


def _string_map(name: str, value: Any) -> Mapping[str, str]:
    """CFG-17: a mapping or list of pairs; keys trimmed and non-empty; str/number/bool values
    stringified; ``None`` values dropped; CR/LF rejected (header injection)."""
    try:
        items = list(value.items() if isinstance(value, Mapping) else value)
        pairs = [(k, v) for k, v in items]
    except (TypeError, ValueError):
        raise _fail(name, "must be a mapping or a list of (name, value) pairs") from None
    result: dict[str, str] = {}
    for key, item in pairs:
        key_text = str(key).strip()
        if not key_text:
            raise _fail(name, "has an empty key")
        if item is None:
            continue
        if isinstance(item, bool):
            text = "true" if item else "false"
        elif isinstance(item, str | int | float):
            text = str(item)
        else:
            raise _fail(name, f"value for {key_text!r} must be a string or number, got {type(item).__name__}")
        if "\r" in text or "\n" in text or "\r" in key_text or "\n" in key_text:
            raise _fail(name, f"entry {key_text!r} contains a line break")
        result[key_text] = text
    return MappingProxyType(result)


def _opt_string_map(name: str, value: Any) -> Mapping[str, str] | None:
    return None if value is None else _string_map(name, value)


def _pool_overrides(name: str, value: Any) -> Mapping[str, int] | None:
    """Per pool type connection limits, e.g. ``{"sampling": 200}`` (CFG-22)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _fail(name, f"must be a mapping of pool type to connection count, got {type(value).__name__}")
    result: dict[str, int] = {}
    for pool, limit in value.items():
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise _fail(name, f"[{pool!r}] must be an integer >= 1, got {limit!r}")
        result[_req_str(name, str(pool))] = limit
    return MappingProxyType(result)


def _pairs(name: str, value: Any) -> tuple[tuple[str, str], ...]:
    return tuple(_string_map(name, value).items())


def _base_url(name: str, value: Any) -> str:
    text = _req_str(name, value).rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _fail(name, f"must be an http(s) URL with a host, got {redact_url(text)!r}")
    return text


def _choice(options: tuple[str, ...]) -> Any:
    def check(name: str, value: Any) -> str:
        if not isinstance(value, str) or value.strip().lower() not in options:
            raise _fail(name, f"must be one of {', '.join(options)}; got {value!r}")
        return value.strip().lower()

    return check


def _log_level(name: str, value: Any) -> str | None:
    if value is None:
        return None
    level = parse_log_level(value) if isinstance(value, str) else None
    if level is None:
        raise _fail(name, f"must be one of debug, info, warn, warning, error; got {value!r}")
    return level


def _parity(name: str, value: Any) -> ParityMode:
    mode = parse_parity_mode(value) if isinstance(value, str) else None
    if mode is None:
        _log.warning("unknown parity_mode %r; using 'python'", value)  # CFG-05: fall back
        return "python"
    return mode


def _http_client(name: str, value: Any) -> object:
    if isinstance(value, str) and (":" not in value or not all(value.split(":", 1))):
        raise _fail(name, f"must be a client object or a 'package.module:attribute' string, got {value!r}")
    return value


def _proxy(name: str, value: Any) -> str | None:
    """CFG-19: ``http(s)://[user:pass@]host[:port]`` or ``(scheme, host, port)``. The
    normalized URL keeps the credentials; ``Config`` moves them into a header."""
    if value is None:
        return None
    if isinstance(value, tuple | list) and len(value) in (3, 4):
        scheme, host, port = value[0], value[1], value[2]
        if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
            raise _fail(name, f"port must be an integer in 1..65535, got {port!r}")
        value = f"{scheme}://{host}:{port}"
    if not isinstance(value, str):
        raise _fail(name, f"must be a URL string or (scheme, host, port), got {type(value).__name__}")
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        raise _fail(name, f"has an invalid port: {redact_url(value)!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _fail(name, f"must be an http(s) URL with a host, got {redact_url(value)!r}")
    if port is not None and not 1 <= port <= 65535:
        raise _fail(name, f"port must be in 1..65535, got {redact_url(value)!r}")
    return value.strip()


@attrs.frozen(kw_only=True)
class Config:
    """Immutable client configuration; build it with ``resolve_config()`` / ``Config.resolve()``."""

    api_key: str | None = attrs.field(default=None, repr=lambda v: repr(mask_api_key(v)))
    base_url: str = attrs.field(default=DEFAULT_BASE_URL, repr=lambda v: repr(redact_url(v)))
    credential_cmd: str | None = attrs.field(default=None, repr=lambda v: repr(mask_secret(v)))
    parity_mode: ParityMode = "python"
    timeout: float = PYTHON_TIMEOUT
    max_retries: int = PYTHON_MAX_RETRIES
    user_metadata: Mapping[str, str] | None = None
    project_id: str | None = None
    tags: tuple[str, ...] = DEFAULT_TAGS
    feature_gates: tuple[str, ...] = DEFAULT_FEATURE_GATES
    telemetry_enabled: bool = True
    log_level: str | None = None
    dump_headers: bool = False
    cf_access_client_id: str | None = None
    cf_access_client_secret: str | None = attrs.field(default=None, repr=lambda v: repr(mask_secret(v)))
    default_headers: Mapping[str, str] = attrs.field(
        factory=lambda: MappingProxyType({}), repr=lambda v: repr(redact_headers(v))
    )
    default_query: Mapping[str, str] = attrs.field(
        factory=lambda: MappingProxyType({}), repr=lambda v: repr(dict(v))
    )
    proxy: str | None = attrs.field(default=None, repr=lambda v: repr(redact_url(v)))
    proxy_headers: tuple[tuple[str, str], ...] = attrs.field(
        default=(), repr=lambda v: repr(tuple(redact_headers(v).items()))
    )
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    max_keepalive: int = DEFAULT_MAX_KEEPALIVE
    pool_overrides: Mapping[str, int] | None = None
    http_pool: str = "default"
    http_client: object | None = None
    # Send eligible requests through tinkex's own HTTP/1.1 transport (tinkex._http.fast)
    # instead of httpx; False sends everything through httpx.
    fast_transport: bool = True
    wire_format: WireFormat = "protobuf"
    sdk_version: str = TARGET_TINKER_SDK_VERSION
    future_timeout: float = DEFAULT_FUTURE_TIMEOUT
    poll_backoff: PollBackoff = "none"
    heartbeat_interval: float = 10.0
    heartbeat_warning_after: float = 120.0
    max_heartbeat_failures: int | None = None
    max_heartbeat_failure_duration: float | None = None
    metrics_enabled: bool = True
    metrics_max_samples: int = 1000
    user_agent: str | None = None
    otel_propagate: bool = False
    tokenizer_override: str | None = None

    def __attrs_post_init__(self) -> None:
        for name, normalize in _NORMALIZERS.items():
            object.__setattr__(self, name, normalize(name, getattr(self, name)))
        if self.api_key is None and self.credential_cmd is None:
            raise _fail(
                "api_key",
                "is required. Pass api_key=... or set the TINKER_API_KEY (or TINKER_CREDENTIAL_CMD) env var",
            )
        if self.api_key is not None:
            _check_key_format(self.api_key)
        if self.proxy is not None:
            self._move_proxy_credentials(self.proxy)
        # httpx needs keep-alive <= total; clamp instead of failing on a lowered total.
        object.__setattr__(self, "max_keepalive", min(self.max_keepalive, self.max_connections))

    def _move_proxy_credentials(self, proxy: str) -> None:
        parts = urlsplit(proxy)
        if parts.username is None and parts.password is None:
            return
        host = parts.netloc.rsplit("@", 1)[1]
        object.__setattr__(self, "proxy", parts._replace(netloc=host).geturl())
        if not self.proxy_headers:  # CFG-19: explicit proxy headers win over userinfo
            token = base64.b64encode(
                f"{unquote(parts.username or '')}:{unquote(parts.password or '')}".encode()
            )
            object.__setattr__(self, "proxy_headers", (("proxy-authorization", f"Basic {token.decode()}"),))

    @classmethod
    def resolve(cls, *, env: EnvSnapshot | None = None, **explicit: Any) -> Config:
        """Same as ``resolve_config``."""
        return resolve_config(env=env, **explicit)

    def replace(self, **changes: Any) -> Config:
        """A validated copy with ``changes`` applied."""
        _check_names(changes, FIELD_NAMES, "Config.replace")
        return attrs.evolve(self, **changes)

    def secrets(self) -> tuple[str, ...]:
        """Secret values this config holds, for ``tinkex._redact.redact_text``."""
        candidates = [self.api_key, self.cf_access_client_secret, urlsplit(self.base_url).password]
        candidates += [v for k, v in self.proxy_headers if k.lower() == "proxy-authorization"]
        return tuple(c for c in candidates if c)


_warned_keys: set[str] = set()


def _check_key_format(key: str) -> None:
    # D-15: tml- keys and JWTs are the known shapes; anything else is sent with a warning.
    if key.startswith(("tml-", "eyJ")):
        return
    masked = mask_api_key(key) or ""
    if masked not in _warned_keys:
        _warned_keys.add(masked)
        _log.warning("api_key %s does not start with 'tml-' and is not a JWT; sending it anyway", masked)


_NORMALIZERS: dict[str, Any] = {
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
    "fast_transport": _bool,
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
}

FIELD_NAMES = frozenset(f.name for f in attrs.fields(Config))
# Fields read from the environment under the same name in EnvSnapshot (CFG-08).
_ENV_FIELDS = FIELD_NAMES & frozenset(f.name for f in dataclasses.fields(EnvSnapshot))
_NOT_CONFIGURABLE = frozenset({"user_metadata"})  # CFG-02(b): only from the explicit argument

_defaults_lock = threading.Lock()
_process_defaults: dict[str, Any] = {}
_warned_env: set[str] = set()


def _check_names(values: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    for name in values:
        if name not in allowed:
            raise TinkexConfigError(f"{where}: unknown config field {name!r}", field=name)


def configure(**defaults: Any) -> None:
    """Set process-wide defaults (the tier between explicit arguments and the environment).
    Later calls update earlier ones; a ``None`` value removes that default."""
    _check_names(defaults, FIELD_NAMES - _NOT_CONFIGURABLE, "configure()")
    with _defaults_lock:
        for name, value in defaults.items():
            if value is None:
                _process_defaults.pop(name, None)
            else:
                _process_defaults[name] = value


def reset_defaults() -> None:
    """Forget every ``configure()`` default (for tests)."""
    with _defaults_lock:
        _process_defaults.clear()


def get_defaults() -> dict[str, Any]:
    with _defaults_lock:
        return dict(_process_defaults)


def _env_value(snapshot: EnvSnapshot, name: str) -> Any:
    if name == "max_connections" and (snapshot.pool_size or snapshot.pool_count):
        # CFG-20: connections = pool size x pool count, each defaulting to Tinkex's 50 x 20.
        return (snapshot.pool_size or DEFAULT_POOL_SIZE) * (snapshot.pool_count or DEFAULT_POOL_COUNT)
    return getattr(snapshot, name) if name in _ENV_FIELDS else None


def _given(name: str, value: Any) -> bool:
    """Whether a tier supplies ``name``: ``None`` never does; ``False``/``0``/``""`` do, except
    an empty base URL (unset, as in the official SDK) and empty feature gates (CFG-11)."""
    if value is None:
        return False
    if name in ("base_url", "feature_gates"):
        return bool(value)
    return True


def resolve_config(*, env: EnvSnapshot | None = None, **explicit: Any) -> Config:
    """Resolve every field by precedence and return a validated ``Config``.

    ``env`` replaces the process environment (tests, embedding)."""
    _check_names(explicit, FIELD_NAMES, "resolve_config()")
    snapshot = EnvSnapshot.read() if env is None else env
    for var in snapshot.invalid:
        if var not in _warned_env:
            _warned_env.add(var)
            _log.warning("ignoring the unparseable value of %s", var)
    defaults = {k: v for k, v in get_defaults().items() if k not in _NOT_CONFIGURABLE}
    chosen: dict[str, Any] = {}
    for name in FIELD_NAMES:
        for value in (explicit.get(name), defaults.get(name), _env_value(snapshot, name)):
            if _given(name, value):
                chosen[name] = value
                break
    mode = chosen.get("parity_mode")
    timeout, max_retries = parity_defaults(
        (parse_parity_mode(mode) if isinstance(mode, str) else None) or "python"
    )
    chosen.setdefault("timeout", timeout)
    chosen.setdefault("max_retries", max_retries)
    return Config(**chosen)
