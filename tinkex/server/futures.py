"""In-memory futures: ids, results, long-poll waits, dedupe indexes and cleanup.

Everything a future refers to (models, gradients, sampler snapshots) lives in this process, so a
restart could only ever report "failed"; keeping futures in memory is the honest choice
(local-server.md 5.3). Ids carry a per-boot random prefix so ids from an earlier boot are never
mistaken for new ones. All methods run on the event loop thread.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from tinkex.server.faults_rules import FutureFault
from tinkex.server.model.api_types import ForwardResult, SampleResult

DEFAULT_TTL_S = 15 * 60.0
DEFAULT_MAX_COMPLETED = 10_000


@dataclass
class ServerFuture:
    request_id: str
    request_type: str
    model_id: str | None
    owner: str | None = None  # owner id of the API key that created it; None with auth off
    dedupe_keys: list[Hashable] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    result: Any = None
    error: tuple[str, str] | None = None  # (message, category)
    fault: FutureFault | None = None
    try_again_left: int = 0
    cancelled: bool = False
    completed_at: float | None = None
    reply_extra: dict[str, Any] = field(default_factory=dict)

    def reference(self) -> dict[str, Any]:
        """The untyped-future reply of every asynchronous endpoint."""
        reply: dict[str, Any] = {"request_id": self.request_id}
        if self.model_id is not None:
            reply["model_id"] = self.model_id
        reply.update(self.reply_extra)
        return reply


class FutureStore:
    def __init__(
        self,
        *,
        ttl_s: float = DEFAULT_TTL_S,
        max_completed: int = DEFAULT_MAX_COMPLETED,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.boot_prefix = secrets.token_hex(4)
        self._ids = itertools.count(1)
        self._ttl_s = ttl_s
        self._max_completed = max_completed
        self._clock = clock
        self._futures: dict[str, ServerFuture] = {}
        self._completed: OrderedDict[str, None] = OrderedDict()  # completion order, for TTL/LRU
        self._by_key: dict[Hashable, str] = {}
        self._closing = asyncio.Event()
        self.dedupe_hits = 0

    def find(self, keys: list[Hashable]) -> ServerFuture | None:
        """The future an earlier identical request created (same seq_id or idempotency key)."""
        for key in keys:
            request_id = self._by_key.get(key)
            if request_id is not None and request_id in self._futures:
                self.dedupe_hits += 1
                return self._futures[request_id]
        return None

    def create(
        self, request_type: str, model_id: str | None, keys: list[Hashable], owner: str | None = None
    ) -> ServerFuture:
        self._evict()
        future = ServerFuture(
            request_id=f"req-{self.boot_prefix}-{next(self._ids)}",
            request_type=request_type,
            model_id=model_id,
            owner=owner,
            dedupe_keys=list(keys),
        )
        self._futures[future.request_id] = future
        for key in keys:
            self._by_key[key] = future.request_id
        return future

    def get(self, request_id: str, owner: str | None = None) -> ServerFuture | None:
        """The future, if it exists and belongs to ``owner`` (another owner's future is unknown)."""
        future = self._futures.get(request_id)
        return future if future is not None and future.owner == owner else None

    def complete(self, future: ServerFuture, result: Any) -> None:
        if not future.done.is_set():
            future.result = result
            self._finish(future)

    def fail(self, future: ServerFuture, message: str, category: str) -> None:
        if not future.done.is_set():
            future.error = (message, category)
            self._finish(future)

    def _finish(self, future: ServerFuture) -> None:
        future.completed_at = self._clock()
        self._completed[future.request_id] = None
        future.done.set()

    async def wait(self, future: ServerFuture, timeout_s: float) -> bool:
        """Wait until the future is done, the timeout passes or the server shuts down."""
        if future.done.is_set():
            return True
        waiters = [asyncio.ensure_future(future.done.wait()), asyncio.ensure_future(self._closing.wait())]
        try:
            await asyncio.wait(waiters, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
        return future.done.is_set()

    def close(self) -> None:
        """Release every long-poll at once so shutdown does not wait for them."""
        self._closing.set()

    @property
    def closing(self) -> bool:
        return self._closing.is_set()

    def __len__(self) -> int:
        return len(self._futures)

    def _evict(self) -> None:
        now = self._clock()
        while self._completed:
            request_id = next(iter(self._completed))
            future = self._futures[request_id]
            expired = future.completed_at is not None and now - future.completed_at > self._ttl_s
            if not expired and len(self._completed) <= self._max_completed:
                break
            del self._completed[request_id]
            del self._futures[request_id]
            for key in future.dedupe_keys:
                if self._by_key.get(key) == request_id:
                    del self._by_key[key]


@dataclass(frozen=True)
class ForwardPayload:
    """A forward/backward result; serialized as protobuf or legacy JSON when it is fetched."""

    result: ForwardResult


@dataclass(frozen=True)
class SamplePayload:
    result: SampleResult
