"""Sampling dispatch state shared by every client of one service account in a process.

Sampling clients built with the same (normalized base URL, API key) share (SMP-04/06/07):

* one ``SharedBackoff``: after a 429 on ``asample`` every one of them waits out the window
  before sending (1 s for a small prompt, 5 s for a large one, a longer Retry-After wins; D-10),
  and for 10 s after it they send at most ``THROTTLED_CONCURRENCY`` at a time;
* one dispatch semaphore: at most ``dispatch_concurrency`` (default 400) submissions in flight.

The official SDK keeps this state per ``ServiceClient``; Tinkex keys it by account, so two
service clients (or a client rebuilt from a sampler handle) cannot double the load on a
rate-limited account. As in the official SDK, a success does not end another client's window
early: the window simply runs out.

The backoff is thread-safe and loop-free. The semaphores belong to tinkex's one event loop,
so they are kept per loop (a loop started after a fork gets fresh ones). The API key is only
used hashed, as part of a registry key.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import threading
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from urllib.parse import urlsplit

from ._http.retry import THROTTLE_WINDOW
from .config import DEFAULT_DISPATCH_CONCURRENCY

__all__ = [
    "DEFAULT_DISPATCH_CONCURRENCY",
    "THROTTLED_CONCURRENCY",
    "SamplingDispatch",
    "SharedBackoff",
    "account_key",
]

THROTTLED_CONCURRENCY = 10

AccountKey = tuple[str, str]

_registry_lock = threading.Lock()
_backoffs: dict[AccountKey, SharedBackoff] = {}
_dispatch_per_loop: weakref.WeakKeyDictionary[
    asyncio.AbstractEventLoop, dict[tuple[AccountKey, int], SamplingDispatch]
] = weakref.WeakKeyDictionary()


def account_key(base_url: str, api_key: str | None) -> AccountKey:
    """``(normalized base URL, API-key digest)``: case-insensitive scheme and host, no trailing
    slash, no userinfo. Only a digest of the key is kept."""
    parts = urlsplit(base_url.strip())
    host = (parts.hostname or "").lower()
    netloc = f"{host}:{parts.port}" if parts.port is not None else host
    url = f"{parts.scheme.lower()}://{netloc}{parts.path.rstrip('/')}"
    return url, hashlib.sha256((api_key or "").encode()).hexdigest()


class SharedBackoff:
    """A "do not send before" deadline on a monotonic clock (SMP-06)."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._until: float | None = None

    @classmethod
    def for_key(cls, base_url: str, api_key: str | None) -> SharedBackoff:
        """The one backoff of this account in this process (created on first use)."""
        key = account_key(base_url, api_key)
        with _registry_lock:
            found = _backoffs.get(key)
            if found is None:
                found = _backoffs[key] = cls()
            return found

    def set(self, seconds: float) -> None:
        """Hold sending for ``seconds`` from now; a longer window already set is kept."""
        until = self._clock() + max(seconds, 0.0)
        with self._lock:
            if self._until is None or until > self._until:
                self._until = until

    def clear(self) -> None:
        with self._lock:
            self._until = None

    def remaining(self) -> float:
        with self._lock:
            until = self._until
        return 0.0 if until is None else max(until - self._clock(), 0.0)

    def active(self) -> bool:
        return self.remaining() > 0

    def throttled(self, window: float = THROTTLE_WINDOW) -> bool:
        """Whether a window is open or ended less than ``window`` seconds ago."""
        with self._lock:
            until = self._until
        return until is not None and self._clock() - until < window

    def wait(self, sleep: Callable[[float], object] = time.sleep) -> None:
        """Block until no window is open (another client may extend it meanwhile)."""
        while (left := self.remaining()) > 0:
            sleep(left)

    async def wait_async(self, sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        while (left := self.remaining()) > 0:
            await sleep(left)


class SamplingDispatch:
    """The dispatch limits of one account on one event loop (SMP-07)."""

    def __init__(self, backoff: SharedBackoff, limit: int = DEFAULT_DISPATCH_CONCURRENCY) -> None:
        if limit < 1:
            raise ValueError(f"dispatch limit must be >= 1, got {limit!r}")
        self.backoff = backoff
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)
        self._throttled = asyncio.Semaphore(THROTTLED_CONCURRENCY)
        self.in_flight = 0

    @classmethod
    def for_key(
        cls, base_url: str, api_key: str | None, limit: int = DEFAULT_DISPATCH_CONCURRENCY
    ) -> SamplingDispatch:
        """The account's dispatch state on the running loop; call it from that loop."""
        loop = asyncio.get_running_loop()
        key = (account_key(base_url, api_key), limit)
        backoff = SharedBackoff.for_key(base_url, api_key)  # takes the lock itself: not under it
        with _registry_lock:
            entries = _dispatch_per_loop.setdefault(loop, {})
            found = entries.get(key)
            if found is None:
                found = entries[key] = cls(backoff, limit)
            return found

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one of the ``limit`` dispatch places (and, right after a backoff, one of the
        ``THROTTLED_CONCURRENCY`` throttled places) while a request is being submitted."""
        async with contextlib.AsyncExitStack() as stack:
            await stack.enter_async_context(self._slots)
            if self.backoff.throttled():
                await stack.enter_async_context(self._throttled)
            self.in_flight += 1
            try:
                yield
            finally:
                self.in_flight -= 1
