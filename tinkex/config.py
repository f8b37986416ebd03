"""Client configuration: one immutable ``Config``, resolved by one function (features CFG-01..22).

Precedence for every field: explicit argument > process default (``configure()``) >
environment (``tinkex._config.env``) > parity-mode default > built-in. ``None`` means "not given";
``False``, ``0`` and ``""`` are values. ``timeout`` and ``max_retries`` have no environment
variable, and ``user_metadata`` comes only from the explicit argument (CFG-02).
"""

from __future__ import annotations

import base64
import dataclasses
import logging
import ssl
import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote, urlsplit

import attrs

from ._config.env import EnvSnapshot, ParityMode, PollBackoff, Transport, WireFormat, parse_parity_mode
from ._config.fields import NORMALIZERS, check_key_format, fail
from ._http.redact import mask_api_key, mask_secret, redact_headers, redact_url, redact_value
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
# Generous: the largest replies (protobuf results of big batches) are a few MB.
DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024
# Checkpoint downloads (tinkex.checkpoint_download): a rank-32 LoRA of a 70B dense model is
# under 2 GB in float32 and about three times that with its Adam moments; adapters hold a
# handful of files. Raise them for larger adapters (download_checkpoint, env, CLI flags).
DEFAULT_DOWNLOAD_MAX_BYTES = 16 << 30
DEFAULT_DOWNLOAD_MAX_MEMBERS = 10_000
# Sampling submissions in flight per (base URL, API key) in a process (SMP-07).
DEFAULT_DISPATCH_CONCURRENCY = 400
DEFAULT_PROGRESS_LOG_INTERVAL = 60.0

_PARITY_DEFAULTS: dict[str, tuple[float, int]] = {
    "python": (PYTHON_TIMEOUT, PYTHON_MAX_RETRIES),
    "beam": (BEAM_TIMEOUT, BEAM_MAX_RETRIES),
}


def parity_defaults(mode: ParityMode) -> tuple[float, int]:
    """``(timeout seconds, max_retries)`` for a parity mode (CFG-05/06)."""
    return _PARITY_DEFAULTS[mode]


def default_timeout() -> float:
    """Tinkex's name for the BEAM-parity timeout in seconds (120.0; CFG-06). The timeout a
    client actually gets by default is the Python-parity one, ``python_timeout()`` (OVR-01)."""
    return BEAM_TIMEOUT


def default_max_retries() -> int:
    """Tinkex's name for the BEAM-parity retry count (2; CFG-06)."""
    return BEAM_MAX_RETRIES


def python_timeout() -> float:
    """The Python-parity timeout in seconds (60.0), the default since OVR-01 (CFG-06)."""
    return PYTHON_TIMEOUT


def python_max_retries() -> int:
    """The Python-parity retry count (10, i.e. 11 attempts), the default since OVR-01 (CFG-06)."""
    return PYTHON_MAX_RETRIES


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
        factory=lambda: MappingProxyType({}), repr=lambda v: repr(redact_value(dict(v)))
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
    # The connections under the policy (tinkex._http.transports): "aiohttp" (httpx's API over
    # aiohttp, the default: ~10x less CPU per request at high concurrency) or "httpx" (httpx's
    # own pool); http2=True needs httpx's (aiohttp speaks HTTP/1.1 only).
    transport: Transport = "aiohttp"
    http2: bool = False
    # Honour HTTP(S)_PROXY / ALL_PROXY / NO_PROXY / SSL_CERT_FILE / SSL_CERT_DIR, as httpx does.
    trust_env: bool = True
    # TLS verification: True, False, a CA bundle path, or an ssl.SSLContext.
    verify: bool | str | ssl.SSLContext = attrs.field(
        default=True, repr=lambda v: repr(v) if not isinstance(v, ssl.SSLContext) else "SSLContext(...)"
    )
    # Largest response body read into memory, after decompression (downloads stream instead).
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    # Limits of download_checkpoint: bytes downloaded and unpacked, members in the archive.
    download_max_bytes: int = DEFAULT_DOWNLOAD_MAX_BYTES
    download_max_members: int = DEFAULT_DOWNLOAD_MAX_MEMBERS
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
    # At most this many sampling submissions in flight per (base URL, API key) in the process;
    # an invalid value falls back to 400 with a warning (SMP-07).
    dispatch_concurrency: int = DEFAULT_DISPATCH_CONCURRENCY
    # How often a long wait on a future logs its progress (queue state, elapsed) at INFO.
    progress_log_interval: float = DEFAULT_PROGRESS_LOG_INTERVAL
    # Total seconds one HTTP call may spend retrying (None: bounded by max_retries and timeouts).
    retry_budget: float | None = None

    def __attrs_post_init__(self) -> None:
        for name, normalize in NORMALIZERS.items():
            object.__setattr__(self, name, normalize(name, getattr(self, name)))
        if self.api_key is None and self.credential_cmd is None:
            raise fail(
                "api_key",
                "is required. Pass api_key=..., set the TINKER_API_KEY (or TINKER_CREDENTIAL_CMD) env var, "
                "or store a key with `tinkex auth login`",
            )
        if self.api_key is not None:
            check_key_format(self.api_key)
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
        """Secret values this config holds, for ``tinkex._http.redact.redact_text``."""
        candidates = [self.api_key, self.cf_access_client_secret, urlsplit(self.base_url).password]
        candidates += [v for k, v in self.proxy_headers if k.lower() == "proxy-authorization"]
        return tuple(c for c in candidates if c)


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
    if "api_key" not in chosen and "credential_cmd" not in chosen:
        from ._config.credential_store import stored_api_key  # the key `tinkex auth login` stored, last

        stored = stored_api_key(snapshot)
        if stored is not None:
            chosen["api_key"] = stored
    mode = chosen.get("parity_mode")
    timeout, max_retries = parity_defaults(
        (parse_parity_mode(mode) if isinstance(mode, str) else None) or "python"
    )
    chosen.setdefault("timeout", timeout)
    chosen.setdefault("max_retries", max_retries)
    return Config(**chosen)
