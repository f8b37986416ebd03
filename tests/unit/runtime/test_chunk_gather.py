"""How a multi-chunk forward/backward awaits its chunk futures (feature FUT-14): all polled
concurrently, results in chunk order, and the first failure cancels the other pollers."""

from __future__ import annotations

import asyncio

import pytest

from tinkex._core.requests import gather_or_cancel


async def test_results_come_back_in_submission_order() -> None:
    # covers FUT-14
    order: list[int] = []

    async def chunk(index: int, release: asyncio.Event, then: asyncio.Event | None) -> int:
        await release.wait()
        order.append(index)
        if then is not None:
            then.set()
        return index

    first, second, third = asyncio.Event(), asyncio.Event(), asyncio.Event()
    third.set()  # chunk 2 finishes first, then releases chunk 1, which releases chunk 0
    results = await gather_or_cancel(
        [chunk(0, first, None), chunk(1, second, first), chunk(2, third, second)]
    )
    assert order == [2, 1, 0]  # all three were polled at once
    assert results == [0, 1, 2]


async def test_the_first_error_cancels_the_remaining_pollers() -> None:
    # covers FUT-14
    cancelled: list[int] = []

    async def pending(index: int) -> int:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.append(index)
            raise
        return index

    async def failing() -> int:
        await asyncio.sleep(0)
        raise RuntimeError("chunk 1 failed")

    with pytest.raises(RuntimeError, match="chunk 1 failed"):
        await gather_or_cancel([pending(0), failing(), pending(2)])
    await asyncio.sleep(0)  # let the cancellations run
    assert sorted(cancelled) == [0, 2]
