"""Session heartbeats (features SES-02…SES-07; protocol §6).

Every ``interval`` seconds the session is sent ``POST /api/v1/session_heartbeat`` with a
10 s timeout and no HTTP retries. Failures of any kind never stop the loop (only a 410,
which says the session is finished, or the optional removal limits do); once nothing has
succeeded for ``warning_after`` seconds, every failing tick logs a warning.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from tinker_openapi.api.session import session_heartbeat

from .._http.calls import ApiClient, call
from .._http.options import CallOptions, PoolType
from .._http.redact import redact_text
from .._http.retry import Again, HeartbeatBudget, repeat_async
from ..errors import APIStatusError
from ..types import SessionHeartbeatRequest

_log = logging.getLogger("tinkex.session")
HEARTBEAT_TIMEOUT = 10.0


@dataclass
class HeartbeatState:
    """What the loop knows about one session's heartbeats (SES-04)."""

    last_success: float
    failure_count: int = 0
    last_error: str | None = None
    sent: int = 0
    stopped_reason: str | None = None
    warnings: int = field(default=0)


class Heartbeat:
    """Runs the heartbeat loop of one session on the SDK's event loop."""

    def __init__(
        self,
        api: ApiClient,
        session_id: str,
        *,
        interval: float = 10.0,
        warning_after: float = 120.0,
        max_failures: int | None = None,
        max_failure_duration: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._api = api
        self.session_id = session_id
        self.budget = HeartbeatBudget(interval, warning_after, max_failures, max_failure_duration)
        self._clock = clock
        self._sleep = sleep
        self.state = HeartbeatState(last_success=clock())
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(
                self.run(), name=f"heartbeat-{self.session_id}"
            )

    @property
    def interval(self) -> float:
        return self.budget.interval

    async def run(self) -> None:
        """Beat every ``interval`` s until stopped (the retry module's ``repeat_async`` loop)."""

        async def tick() -> Again[None] | None:
            await self.beat()
            return None if self.state.stopped_reason is not None else Again(self.interval)

        if self.state.stopped_reason is None:
            await self._sleep(self.interval)
            await repeat_async(tick, sleep=self._sleep)

    async def beat(self) -> None:
        """Send one heartbeat and update the state; never raises."""
        self.state.sent += 1
        try:
            await call(
                self._api,
                session_heartbeat,
                CallOptions(pool=PoolType.SESSION, timeout=HEARTBEAT_TIMEOUT, max_retries=0),
                body=SessionHeartbeatRequest(session_id=self.session_id),
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if isinstance(exc, APIStatusError) and exc.status_code == 410:
                self.state.stopped_reason = "session finished on the server (410)"
                _log.info("heartbeats stopped for session %s: %s", self.session_id, self.state.stopped_reason)
                return
            self._record_failure(exc)
            return
        self.state.last_success = self._clock()
        self.state.failure_count = 0
        self.state.last_error = None

    def _record_failure(self, exc: BaseException) -> None:
        state = self.state
        state.failure_count += 1
        state.last_error = redact_text(f"{type(exc).__name__}: {exc}", self._api.config.secrets())
        _log.debug("heartbeat failed for session %s: %s", self.session_id, state.last_error)
        elapsed = self._clock() - state.last_success
        if self.budget.should_warn(elapsed):
            state.warnings += 1
            _log.warning(
                "No successful heartbeat for session %s in %.0f s (last error: %s); "
                "the connection to the Tinker service may be unreliable",
                self.session_id,
                elapsed,
                state.last_error,
            )
        if self.budget.exhausted(state.failure_count, elapsed):
            state.stopped_reason = f"removed after {state.failure_count} failures over {elapsed:.0f} s"
            _log.warning("heartbeats stopped for session %s: %s", self.session_id, state.stopped_reason)

    async def stop(self, timeout: float = 5.0) -> None:
        """Cancel the loop and wait for it (bounded), swallowing its errors (SES-07)."""
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        try:
            await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), timeout)
        except TimeoutError:
            _log.warning("heartbeat task for session %s did not stop within %.0f s", self.session_id, timeout)
