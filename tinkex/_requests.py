"""Submit a future-returning operation, then poll it to completion (protocol §4).

Submission and polling are separate steps so a training client can hold its turn gate
only while submitting: request k+1 goes out as soon as request k was accepted, and the
polls of both run concurrently.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ._holder import ClientHolder
from ._http.calls import call
from ._http.options import CallOptions, PoolType
from ._polling import FutureOutcome, PollOptions, poll_future
from .errors import APIResponseValidationError
from .queue_state import QueueStateTracker
from .types import SampleAPIFuture, UntypedAPIFuture


@dataclass(frozen=True)
class Submitted:
    request_id: str
    reply: UntypedAPIFuture | SampleAPIFuture
    started: float


async def submit(
    holder: ClientHolder,
    endpoint: ModuleType,
    body: Any,
    *,
    pool: PoolType = PoolType.TRAINING,
    headers: Mapping[str, str] | None = None,
    max_retries: int | None = None,
    **parameters: Any,
) -> Submitted:
    """Send a future-returning request (generated ``endpoint`` with ``body``); its reply names the future."""
    started = time.perf_counter()
    reply = await call(
        holder.api,
        endpoint,
        CallOptions(pool=pool, headers=headers, max_retries=max_retries),
        body=body,
        **parameters,
    )
    request_id = getattr(reply, "request_id", None)
    if not isinstance(request_id, str):
        raise APIResponseValidationError(message=f"{endpoint.__name__}: the reply is not a future: {reply!r}")
    return Submitted(request_id, reply, started)


async def await_result(
    holder: ClientHolder,
    submitted: Submitted,
    request_type: str,
    *,
    expects_proto: bool = False,
    tracker: QueueStateTracker | None = None,
) -> FutureOutcome:
    options = PollOptions(
        request_type=request_type,
        expects_proto=expects_proto,
        deadline=holder.config.future_timeout,
        tracker=tracker,
        submitted_at=submitted.started,
        poll_backoff=holder.config.poll_backoff,
    )
    return await poll_future(holder.api, submitted.request_id, options)


def json_result(outcome: FutureOutcome, what: str) -> dict[str, Any]:
    if outcome.payload is None:
        raise APIResponseValidationError(message=f"{what}: expected a JSON result, got protobuf")
    return outcome.payload


class TurnGate:
    """Makes submissions go out in seq_id order (protocol §7.4).

    Ids are reserved synchronously by the caller (any thread), so their order is the call
    order; ``turn(seq_id)`` is awaited on the SDK loop and returns once every lower id
    has been submitted (or has failed).
    """

    def __init__(self, first: int = 1) -> None:
        self._lock = threading.Lock()
        self._next_reserved = first
        self._next_turn = first
        self._waiters: dict[int, asyncio.Event] = {}

    def reserve(self, count: int = 1) -> range:
        with self._lock:
            start = self._next_reserved
            self._next_reserved += count
            return range(start, start + count)

    async def wait_turn(self, seq_id: int) -> None:
        while self._next_turn < seq_id:
            event = self._waiters.setdefault(seq_id, asyncio.Event())
            await event.wait()

    def finish_turn(self, seq_id: int) -> None:
        self._next_turn = max(self._next_turn, seq_id + 1)
        waiter = self._waiters.pop(self._next_turn, None)
        if waiter is not None:
            waiter.set()
