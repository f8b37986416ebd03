"""The headers every request of one client carries, built once when the client is made.

The precedence of all header sources (features HTTP-11/12/14); later sources override earlier
ones, names compare case-insensitively: standard < platform (x-stainless-*) < Cloudflare Access <
config default headers (all four here) < request meta headers < idempotency < per-call headers
(those three per request, in the policy transport, ``policy.py``).
"""

from __future__ import annotations

import platform
from collections.abc import Iterable, Mapping
from functools import cache

from .._version import __version__ as _tinkex_version


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
