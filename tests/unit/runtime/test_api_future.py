"""``APIFuture``, the handle every operation returns (feature FUT-01): sync and async waits,
bounded waits that leave the work running, ``done()`` and ``cancel()``."""

from __future__ import annotations

import asyncio
import threading

import pytest

from tinkex.errors import APITimeoutError
from tinkex.futures import APIFuture


async def _wait_then(value: int, release: threading.Event) -> int:
    while not release.is_set():
        await asyncio.sleep(0.001)
    return value


def test_result_blocks_until_done_and_a_bounded_wait_leaves_it_running() -> None:
    # covers FUT-01
    release = threading.Event()
    future = APIFuture.submit(_wait_then(7, release), description="demo op")
    assert not future.done()
    with pytest.raises(APITimeoutError, match=r"demo op did not complete within 0\.01 s"):
        future.result(timeout=0.01)
    assert not future.done()  # the timeout bounded the wait, not the operation
    release.set()
    assert future.result(timeout=30) == 7 and future.done()


async def test_async_waits_and_await() -> None:
    # covers FUT-01
    release = threading.Event()
    future = APIFuture.submit(_wait_then(3, release))
    with pytest.raises(APITimeoutError):
        await future.result_async(timeout=0.01)
    release.set()
    assert await future == 3
    assert await future.result_async() == 3
    assert await future.coroutine() == 3


def test_the_operation_error_is_raised_by_result() -> None:
    # covers FUT-01
    async def fail() -> None:
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        APIFuture.submit(fail()).result(timeout=30)


def test_cancel_stops_the_operation() -> None:
    # covers FUT-01
    started, cancelled = threading.Event(), threading.Event()

    async def forever() -> None:
        started.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.set()
            raise

    future = APIFuture.submit(forever())
    assert started.wait(30)
    assert future.cancel()
    assert cancelled.wait(30) and future.done()
    assert not APIFuture.completed(1).cancel()  # a finished future cannot be cancelled
