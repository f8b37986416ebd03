"""Small names the official SDK exports at top level, so ``import tinkex as tinker`` code finds them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from httpx import Timeout

from .._http.response import RawResponse

__all__ = ["APIResponse", "AsyncAPIResponse", "ExperimentalWarning", "RequestOptions", "Timeout"]

# What ``with_raw_response`` calls return. tinkex has one class for sync and async calls: the
# body is already read when the response is handed over, so nothing about it needs awaiting.
APIResponse = RawResponse
AsyncAPIResponse = RawResponse


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
