"""Completed sampling requests per sampler and clone, for session-wide polling (``retrieve_futures``).

A client that polls a whole sampling session asks for the completions after its cursor instead of
polling each request: the feed numbers each sampler's (and clone's) completions 1, 2, 3... in the
order they finish. Entries up to a client's previous cursor are dropped when it polls again (it
has seen them), and each feed keeps at most the last ``max_entries``, so clients that never poll
this way cost a bounded amount of memory. Event loop only.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from dataclasses import dataclass, field

from tinkex.server.futures import ServerFuture

# (owner id, sampler id, clone id): one key's completions never show under another's.
FeedKey = tuple[str | None, str, int]
DEFAULT_MAX_ENTRIES = 10_000
# Sampling seq_ids of a cloned client start at clone * 1e9 (the official SDK's numbering).
CLONE_SEQ_STRIDE = 1_000_000_000


def clone_of(seq_id: int | None) -> int:
    return 0 if seq_id is None else seq_id // CLONE_SEQ_STRIDE


@dataclass
class _Feed:
    entries: deque[tuple[int, str, str]]  # (cursor, request_id, "finished" | "failed")
    counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    changed: asyncio.Event = field(default_factory=asyncio.Event)


class CompletionFeed:
    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self._max_entries = max_entries
        self._feeds: dict[FeedKey, _Feed] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = asyncio.Event()

    def _feed(self, key: FeedKey) -> _Feed:
        feed = self._feeds.get(key)
        if feed is None:
            feed = self._feeds[key] = _Feed(deque(maxlen=self._max_entries))
        return feed

    def watch(self, key: FeedKey, future: ServerFuture) -> None:
        """Add ``future`` to the key's feed once it completes."""
        task = asyncio.get_running_loop().create_task(self._record(key, future))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _record(self, key: FeedKey, future: ServerFuture) -> None:
        await future.done.wait()
        feed = self._feed(key)
        state = "failed" if future.error is not None else "finished"
        feed.entries.append((next(feed.counter), future.request_id, state))
        changed, feed.changed = feed.changed, asyncio.Event()
        changed.set()  # wakes every poll waiting on this feed

    def after(self, key: FeedKey, cursor: int) -> list[tuple[int, str, str]]:
        """Completions after ``cursor``; the ones up to it are dropped (the client has them)."""
        feed = self._feed(key)
        while feed.entries and feed.entries[0][0] <= cursor:
            feed.entries.popleft()
        return list(feed.entries)

    async def wait_after(self, key: FeedKey, cursor: int, timeout_s: float) -> list[tuple[int, str, str]]:
        """Completions after ``cursor``, waiting up to ``timeout_s`` for one if there are none yet."""
        found = self.after(key, cursor)
        if found or timeout_s <= 0 or self._closing.is_set():
            return found
        waiters = [
            asyncio.ensure_future(self._feed(key).changed.wait()),
            asyncio.ensure_future(self._closing.wait()),
        ]
        try:
            await asyncio.wait(waiters, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
        return self.after(key, cursor)

    def forget(self, sampler_id: str) -> None:
        """Drop a released sampler's feeds (its requests can no longer be polled either)."""
        for key in [key for key in self._feeds if key[1] == sampler_id]:
            del self._feeds[key]

    def close(self) -> None:
        """Release every waiting poll at once so shutdown does not wait for them."""
        self._closing.set()
        for task in self._tasks:
            task.cancel()
