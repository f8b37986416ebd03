"""The completion feed behind retrieve_futures: numbering, cursors, long polls, release, shutdown."""

from __future__ import annotations

import asyncio

from tinkex.server.completion_feed import CompletionFeed, clone_of
from tinkex.server.futures import FutureStore

KEY = (None, "sess:sample:0", 0)


async def _let_watchers_run() -> None:
    """A few loop turns: each watcher wakes, then records, on turns of its own."""
    for _ in range(5):
        await asyncio.sleep(0)


def test_clone_of_follows_the_seq_id_stride() -> None:
    assert [clone_of(s) for s in (None, 0, 7, 1_000_000_000, 2_000_000_005)] == [0, 0, 0, 1, 2]


def test_completions_are_numbered_in_finishing_order_and_dropped_once_seen() -> None:
    async def scenario() -> None:
        store, feed = FutureStore(), CompletionFeed()
        first, second = store.create("sample", None, []), store.create("sample", None, [])
        feed.watch(KEY, first)
        feed.watch(KEY, second)
        store.fail(second, "boom", "user")
        await _let_watchers_run()
        store.complete(first, "result")
        await _let_watchers_run()
        found = feed.after(KEY, 0)
        assert found == [(1, second.request_id, "failed"), (2, first.request_id, "finished")]
        assert feed.after(KEY, 1) == [(2, first.request_id, "finished")]
        assert feed.after(KEY, 0) == [(2, first.request_id, "finished")]  # 1 was acknowledged
        assert feed.after((None, "sess:sample:0", 1), 0) == []  # another clone's feed

    asyncio.run(scenario())


def test_a_poll_waits_for_the_next_completion_or_its_timeout() -> None:
    async def scenario() -> None:
        store, feed = FutureStore(), CompletionFeed()
        future = store.create("sample", None, [])
        feed.watch(KEY, future)
        assert await feed.wait_after(KEY, 0, 0.01) == []  # nothing yet: the timeout ends the poll
        poll = asyncio.ensure_future(feed.wait_after(KEY, 0, 30))
        await asyncio.sleep(0)
        store.complete(future, "result")
        assert await asyncio.wait_for(poll, 5) == [(1, future.request_id, "finished")]

    asyncio.run(scenario())


def test_forget_and_close_release_what_the_feed_holds() -> None:
    async def scenario() -> None:
        store, feed = FutureStore(), CompletionFeed()
        done = store.create("sample", None, [])
        feed.watch(KEY, done)
        store.complete(done, "result")
        await _let_watchers_run()
        feed.forget("sess:sample:0")
        assert feed.after(KEY, 0) == []
        poll = asyncio.ensure_future(feed.wait_after(KEY, 0, 30))
        await asyncio.sleep(0)
        feed.close()  # shutdown: a waiting poll answers at once
        assert await asyncio.wait_for(poll, 5) == []

    asyncio.run(scenario())
