"""Waiting for many futures at once (FUT-09): input order, errors in place, one deadline."""

from __future__ import annotations

import asyncio
import threading

import pytest

from tinkex.errors import APITimeoutError
from tinkex.futures import APIFuture, gather_results, gather_results_async


async def _value_after(value: int, delay: float) -> int:
    await asyncio.sleep(delay)
    return value


async def _fail(message: str) -> int:
    raise ValueError(message)


def _stuck(cancelled: threading.Event) -> APIFuture[int]:
    async def wait_forever() -> int:
        try:
            await asyncio.Event().wait()
        finally:
            cancelled.set()  # runs when the task is cancelled
        return 0

    return APIFuture.submit(wait_forever(), description="stuck poll")


def test_results_keep_input_order_and_errors_take_their_place() -> None:
    # covers FUT-09
    futures = [
        APIFuture.submit(_value_after(1, 0.05)),
        APIFuture.submit(_fail("second broke")),
        APIFuture.submit(_value_after(3, 0.0)),
        APIFuture.completed(4),
    ]
    outcomes = gather_results(futures)
    assert outcomes[0] == 1 and outcomes[2] == 3 and outcomes[3] == 4
    assert isinstance(outcomes[1], ValueError) and str(outcomes[1]) == "second broke"


def test_unfinished_futures_time_out_and_are_cancelled() -> None:
    # covers FUT-09
    cancelled = threading.Event()
    futures = [APIFuture.completed(7), _stuck(cancelled)]
    outcomes = gather_results(futures, timeout=0.2)
    assert outcomes[0] == 7
    assert isinstance(outcomes[1], APITimeoutError)
    assert "stuck poll did not complete within 0.2 s" in str(outcomes[1])
    assert futures[1].future().cancelled()
    assert cancelled.wait(10)  # the polling task itself was stopped


def test_without_return_exceptions_the_first_error_is_raised() -> None:
    # covers FUT-09
    futures = [APIFuture.submit(_value_after(1, 0.0)), APIFuture.submit(_fail("boom"))]
    with pytest.raises(ValueError, match="boom"):
        gather_results(futures, return_exceptions=False)
    assert gather_results([APIFuture.completed(1)], return_exceptions=False) == [1]
    assert gather_results([]) == []


async def test_async_variant_from_another_loop() -> None:
    # covers FUT-09
    cancelled = threading.Event()
    futures = [APIFuture.submit(_fail("nope")), APIFuture.submit(_value_after(2, 0.01)), _stuck(cancelled)]
    outcomes = await gather_results_async(futures, timeout=0.3)
    assert isinstance(outcomes[0], ValueError)
    assert outcomes[1] == 2
    assert isinstance(outcomes[2], APITimeoutError)
    assert cancelled.wait(10)
