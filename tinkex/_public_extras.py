"""Small names the official SDK exports at top level, so ``import tinkex as tinker`` code finds them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from httpx import Timeout

__all__ = ["ExperimentalWarning", "RequestOptions", "Timeout"]


class ExperimentalWarning(FutureWarning):
    """Warned when an experimental API is used; its behaviour may change without notice."""


class RequestOptions(TypedDict, total=False):
    """Per-request overrides (the official SDK's shape): headers, retries, timeout, query, body."""

    headers: Mapping[str, str]
    max_retries: int
    timeout: float | Timeout | None
    params: Mapping[str, object]
    extra_json: Mapping[str, Any]
    idempotency_key: str
    follow_redirects: bool
