"""The future polling loop of ``POST /api/v1/retrieve_future`` (protocol §4.2; features FUT-*).

The server long-polls, so ``try_again`` is answered by polling again at once; a
``complete_metadata`` reply is followed by a full fetch; ``{error, category}`` raises
``RequestFailedError``; protobuf bodies are returned raw for the caller to decode. Every
wait has a finite deadline: a future that never completes raises ``APITimeoutError``
naming the last queue state instead of hanging (DESIGN §5).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson

from ._http.client import HttpClient, decode_json
from ._http.pools import PoolType
from ._http.retry import PollRetryBudget
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    RequestErrorCategory,
    RequestFailedError,
)
from .queue_state import QueueStateTracker

POLL_HTTP_TIMEOUT = 45.0
PROTOBUF = "application/x-protobuf"


class FutureExpiredError(APIStatusError):
    """410 on a poll: the server forgot the request; only a resubmission can recover it."""


@dataclass(frozen=True)
class FutureOutcome:
    """A completed future: either JSON (``payload``) or raw protobuf bytes (``proto``)."""

    payload: dict[str, Any] | None = None
    proto: bytes | None = None


@dataclass
class PollOptions:
    request_type: str
    expects_proto: bool = False
    deadline: float = 3600.0
    tracker: QueueStateTracker | None = None
    submitted_at: float | None = None  # perf_counter() when the originating call started
    poll_backoff: str = "none"
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep


async def poll_future(http: HttpClient, request_id: str, options: PollOptions) -> FutureOutcome:
    """Poll until the future completes, fails, or its deadline passes."""
    budget = PollRetryBudget(poll_backoff="exponential" if options.poll_backoff == "exponential" else "none")
    started = options.clock()
    allow_metadata_only = True
    last_state = "unknown (no queue state reported yet)"
    iteration = 0
    while True:
        remaining = options.deadline - (options.clock() - started)
        if remaining <= 0:
            raise APITimeoutError(
                f"{options.request_type} future {request_id} did not complete within {options.deadline:g} s; "
                f"last queue state: {last_state}"
            )
        headers = {
            "X-Tinker-Request-Iteration": str(iteration),
            "X-Tinker-Request-Type": options.request_type,
            "X-Stainless-Raw-Response": "raw",
        }
        if options.expects_proto:
            headers["Accept"] = f"{PROTOBUF}, application/json"
        if iteration == 0 and options.submitted_at is not None:
            headers["X-Tinker-Create-Promise-Roundtrip-Time"] = (
                f"{time.perf_counter() - options.submitted_at:.6f}"
            )
        iteration += 1
        try:
            response = await http.call(
                "retrieve_future",
                json={"request_id": request_id, "allow_metadata_only": allow_metadata_only},
                headers=headers,
                timeout=min(POLL_HTTP_TIMEOUT, max(remaining, 0.001)),
                max_retries=0,  # this loop owns every retry of a poll (D-18)
                pool=PoolType.FUTURES,
            )
        except (APIStatusError, APIConnectionError) as exc:
            status = getattr(exc, "status_code", None)
            if status == 410:
                raise FutureExpiredError(
                    f"future {request_id} expired on the server (410); submit the request again",
                    response=getattr(exc, "response", None),
                    body=getattr(exc, "body", None),
                ) from exc
            if status == 408 and isinstance(exc.body, dict) and exc.body.get("queue_state"):
                last_state = _observe(options, exc.body, request_id) or last_state
            action = budget.on_error(exc)
            if action.action == "fail":
                raise
            await options.sleep(min(action.delay, max(options.deadline - (options.clock() - started), 0.0)))
            continue
        budget.on_success()
        if PROTOBUF in response.headers.get("content-type", ""):
            return FutureOutcome(proto=response.content)
        try:
            body = decode_json(response)
        except orjson.JSONDecodeError as exc:
            raise APIConnectionError(
                f"retrieve_future for {request_id} returned a body that is not JSON"
            ) from exc
        if not isinstance(body, dict):
            raise APIConnectionError(
                f"retrieve_future for {request_id} returned {type(body).__name__}, not an object"
            )
        if body.get("type") == "try_again":
            last_state = _observe(options, body, request_id) or last_state
            continue
        if body.get("status") == "complete_metadata":
            allow_metadata_only = False
            continue
        if "error" in body:
            category = RequestErrorCategory(str(body.get("category", "unknown")))
            raise RequestFailedError(str(body["error"]), request_id=request_id, category=category)
        return FutureOutcome(payload=body)


def _observe(options: PollOptions, body: dict[str, Any], request_id: str) -> str | None:
    state = body.get("queue_state")
    if state is None:
        return None
    reason = body.get("queue_state_reason")
    if options.tracker is not None:
        options.tracker.update(state, reason, {"request_id": request_id})
    return f"{state} ({reason})" if reason else str(state)
