"""Request headers, built in one place with one precedence order (features HTTP-11/12/14).

Later sources override earlier ones, names compare case-insensitively:
standard < platform (x-stainless-*) < Cloudflare Access < config default headers <
request meta headers < idempotency < per-call headers.
"""

from __future__ import annotations

import platform
import random
from collections.abc import Iterable, Mapping
from functools import cache

from .._version import __version__ as _tinkex_version

IDEMPOTENCY_PREFIX = "tinkex-retry-"


@cache
def _platform_headers(sdk_version: str) -> tuple[tuple[str, str], ...]:
    machine = platform.machine().lower()
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(
        machine, machine or "unknown"
    )
    system = platform.system() or "Unknown"
    return (
        ("User-Agent", f"tinkex/{_tinkex_version} AsyncTinker/Python {sdk_version}"),
        ("X-Stainless-Lang", "python"),
        ("X-Stainless-Package-Version", sdk_version),
        ("X-Stainless-OS", {"Darwin": "MacOS"}.get(system, system)),
        ("X-Stainless-Arch", arch),
        ("X-Stainless-Runtime", platform.python_implementation()),
        ("X-Stainless-Runtime-Version", platform.python_version()),
        ("X-Stainless-Async", "async:asyncio"),
    )


def new_idempotency_key() -> str:
    """One key per logical call, reused by that call's HTTP-layer retries (protocol §2.1).

    The key only has to be unique, not secret: 128 random bits from ``random`` (seeded from the
    OS and re-seeded in forked children) instead of ``secrets``, which costs a syscall per call."""
    return f"{IDEMPOTENCY_PREFIX}{random.getrandbits(128):032x}"


def merge_headers(*layers: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> dict[str, str]:
    """Merge header layers; a later layer wins, names compare case-insensitively."""
    merged: dict[str, tuple[str, str]] = {}
    for layer in layers:
        if not layer:
            continue
        items = layer.items() if isinstance(layer, Mapping) else layer
        for name, value in items:
            merged[name.lower()] = (name, value)
    return dict(merged.values())


def base_headers(
    *,
    api_key: str | None,
    sdk_version: str,
    cf_access_client_id: str | None = None,
    cf_access_client_secret: str | None = None,
    default_headers: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Headers that every request of one client carries."""
    cloudflare: dict[str, str] = {}
    if cf_access_client_id:
        cloudflare["CF-Access-Client-Id"] = cf_access_client_id
    if cf_access_client_secret:
        cloudflare["CF-Access-Client-Secret"] = cf_access_client_secret
    standard = {"Accept": "application/json"}
    if api_key:
        standard["X-API-Key"] = api_key
    return merge_headers(standard, _platform_headers(sdk_version), cloudflare, default_headers)


_attempt_cache: dict[tuple[int, float | None], dict[str, str]] = {}


def attempt_headers(retry_count: int, read_timeout: float | None) -> dict[str, str]:
    """Per-attempt headers (HTTP-05): retry count, and the read timeout in seconds.

    A handful of (retry, timeout) pairs cover almost every request, so their formatted headers
    are cached (bounded); callers get a fresh copy."""
    key = (retry_count, read_timeout)
    cached = _attempt_cache.get(key)
    if cached is None:
        cached = {"x-stainless-retry-count": str(retry_count)}
        if read_timeout is not None:
            cached["x-stainless-read-timeout"] = f"{read_timeout:g}"
        if len(_attempt_cache) < 256:
            _attempt_cache[key] = cached
    return dict(cached)
