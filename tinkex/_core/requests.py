"""Submit a future-returning operation, then poll it to completion (protocol §4).

Submission and polling are separate steps so a training client can hold its turn gate
only while submitting: request k+1 goes out as soon as request k was accepted, and the
polls of both run concurrently.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, TypeVar

from .._http.calls import call
from .._http.options import CallOptions, PoolType
from ..errors import APIResponseValidationError
from ..queue_state import QueueStateTracker
from ..types import SampleAPIFuture, UntypedAPIFuture
from ..types.behaviour.errors import ValidationError
from .holder import ClientHolder
from .polling import FutureOutcome, PollOptions, poll_future

T = TypeVar("T")
M = TypeVar("M")


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
    telemetry: Mapping[str, Any] | None = None,
    **parameters: Any,
) -> Submitted:
    """Send a future-returning request (generated ``endpoint`` with ``body``); its reply names the
    future. ``telemetry`` tags the request's HTTP events (TRN-18, SMP-13)."""
    started = time.perf_counter()
    # ``call`` sends it again, unchanged, when the reply cannot be read (same seq_id and key).
    options = CallOptions(pool=pool, headers=headers, max_retries=max_retries, telemetry_metadata=telemetry)
    reply = await call(holder.api, endpoint, options, body=body, **parameters)
    return Submitted(reply.request_id, reply, started)


async def await_result(
    holder: ClientHolder,
    submitted: Submitted,
    request_type: str,
    parse: Callable[[FutureOutcome], T],
    *,
    expects_proto: bool = False,
    tracker: QueueStateTracker | None = None,
) -> T:
    """Poll ``submitted`` to completion; ``parse`` reads the result inside the poll loop, so a
    result that arrives garbled is polled again rather than lost."""
    options = PollOptions(
        request_type=request_type,
        expects_proto=expects_proto,
        deadline=holder.config.future_timeout,
        tracker=tracker,
        submitted_at=submitted.started,
        poll_backoff=holder.config.poll_backoff,
        progress_interval=holder.config.progress_log_interval,
    )
    return await poll_future(holder.api, submitted.request_id, options, parse)


async def gather_or_cancel(awaitables: Iterable[Awaitable[T]]) -> list[T]:
    """Every result, in order; the first failure cancels the others and is raised (FUT-14), so a
    failed multi-chunk call leaves no chunk being polled in the background."""
    tasks = [asyncio.ensure_future(awaitable) for awaitable in awaitables]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        raise


def json_result(outcome: FutureOutcome, what: str) -> dict[str, Any]:
    if outcome.payload is None:
        raise APIResponseValidationError(message=f"{what}: expected a JSON result, got protobuf")
    return outcome.payload


def result_as(cls: type[M]) -> Callable[[FutureOutcome], M]:
    """A reader of a JSON result as the generated type ``cls``; a result that does not match the
    type is unreadable (``APIResponseValidationError``), as a garbled one is."""

    def parse(outcome: FutureOutcome) -> M:
        payload = json_result(outcome, cls.__name__)
        try:
            return cls.from_dict(payload)  # type: ignore[attr-defined]
        except ValidationError as exc:
            raise APIResponseValidationError(body=payload, message=f"{cls.__name__} result: {exc}") from None

    return parse


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
