"""The per-call options of a request (``CallOptions``) and the values they are made of.

Type definitions only. The generated endpoint functions take no per-call settings (only
``client`` and the operation's parameters), so the endpoint layer (``calls.py``) puts a call's
options in force around it, and the policy transport (``policy.py``) reads them for each request
it sends. A generated function called directly by a user runs with the defaults: the client's
pool, timeout and retry budget.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Final, Literal

import attrs

__all__ = ["OMIT", "CallOptions", "Omit", "PoolType"]


class Omit:
    """The type of ``OMIT``: "leave this out of the request, even where a default would add it".

    ``None`` already means "use the default" for every option, so dropping something (the
    idempotency key, HTTP-14) needs a value of its own. A falsy singleton, so ``is`` works.
    """

    _instance: Omit | None = None

    def __new__(cls) -> Omit:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "OMIT"


OMIT: Final = Omit()


class PoolType(StrEnum):
    """Connection pools by purpose (HTTP-08/10): a burst of samples never starves heartbeats."""

    SESSION = "session"
    TRAINING = "training"
    SAMPLING = "sampling"
    FUTURES = "futures"
    TELEMETRY = "telemetry"
    DEFAULT = "default"


@attrs.frozen
class CallOptions:
    pool: PoolType = PoolType.DEFAULT
    timeout: float | None = None  # seconds per attempt; None: the client's configured timeout
    max_retries: int | None = None  # None: the client's configured budget
    idempotency_key: str | Omit | None = None  # None: a fresh key per logical call; OMIT: none
    headers: Mapping[str, str] | None = None  # extra headers for this call
    ok_statuses: frozenset[int] = frozenset()  # non-2xx answers returned instead of raised (302)
    stream: bool = False  # leave the body unread (downloads); the size cap applies as it is read
    max_response_bytes: int | None = None  # None: the client's configured cap
    telemetry_metadata: Mapping[str, Any] | None = None  # merged into this call's HTTP events
