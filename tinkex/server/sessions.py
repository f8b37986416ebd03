"""Client sessions: creation, heartbeats, finishing, expiry, and what each session created.

Sessions are in memory only; the runs and checkpoints they created live on disk and outlive them.
Session ids start with the boot prefix, so run ids derived from them (``<session>:train:<n>``)
never collide with runs of an earlier boot in the same data dir.

Each session belongs to the owner id of the API key that created it (None with auth off); for
any other key it does not exist (404). A session is *active* until the client finishes it or
it goes idle (no heartbeat and no request) for the server's idle timeout; the server then
releases its models and samplers (``ServerContext.release_session``).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tinkex.server.validation import ApiError

EXPIRED = "expired"  # the finish reason of a session that went idle


@dataclass
class Session:
    session_id: str
    created_at: datetime
    tags: list[str]
    user_metadata: dict[str, Any]
    owner: str | None = None
    project_id: str | None = None
    display_name: str | None = None
    last_heartbeat: datetime | None = None
    last_active: float = 0.0  # monotonic time of the last heartbeat or request
    finish_reason: str | None = None
    finish_detail: str | None = None
    training_run_ids: list[str] = field(default_factory=list)
    sampler_ids: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The ``GET /sessions/{id}`` reply."""
        reply: dict[str, Any] = {
            "training_run_ids": list(self.training_run_ids),
            "sampler_ids": list(self.sampler_ids),
        }
        if self.user_metadata:
            reply["user_metadata"] = {str(k): str(v) for k, v in self.user_metadata.items()}
        if self.display_name is not None:
            reply["display_name"] = self.display_name
        return reply


class SessionRegistry:
    def __init__(self, boot_prefix: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._prefix = boot_prefix
        self._clock = clock
        self._counter = itertools.count(1)
        self._sessions: dict[str, Session] = {}

    def create(
        self,
        tags: list[str],
        user_metadata: dict[str, Any],
        project_id: str | None,
        display_name: str | None,
        owner: str | None = None,
    ) -> Session:
        session = Session(
            session_id=f"sess-{self._prefix}-{next(self._counter)}",
            created_at=datetime.now(UTC),
            tags=tags,
            user_metadata=user_metadata,
            owner=owner,
            project_id=project_id,
            display_name=display_name,
            last_active=self._clock(),
        )
        self._sessions[session.session_id] = session
        return session

    def find(self, session_id: str) -> Session | None:
        """The session whoever owns it (for the server's own bookkeeping, never for replies)."""
        return self._sessions.get(session_id)

    def get(self, session_id: str, owner: str | None, *, field_name: str = "session_id") -> Session:
        session = self._sessions.get(session_id)
        if session is None or session.owner != owner:
            raise ApiError(
                404, f"{field_name}: unknown session {session_id!r} (sessions do not survive a restart)"
            )
        return session

    def active(self, session_id: str, owner: str | None) -> Session:
        """A session of ``owner`` that may still create models and samplers."""
        session = self.get(session_id, owner)
        if session.finish_reason is not None:
            raise ApiError(410, f"session_id: session {session_id!r} was finished ({session.finish_reason})")
        session.last_active = self._clock()
        return session

    def touch(self, session_id: str) -> None:
        """Note activity (a request for one of the session's models or samplers)."""
        session = self._sessions.get(session_id)
        if session is not None:
            session.last_active = self._clock()

    def heartbeat(self, session_id: str, owner: str | None) -> None:
        self.active(session_id, owner).last_heartbeat = datetime.now(UTC)

    def finish(self, session_id: str, owner: str | None, reason: str, detail: str | None) -> bool:
        """Mark the session finished; True the first time (the caller then releases its models)."""
        session = self.get(session_id, owner)
        if session.finish_reason is not None:
            return False
        session.finish_reason = reason
        session.finish_detail = detail
        return True

    def expire_idle(self, idle_timeout_s: float) -> list[str]:
        """Finish every active session idle for longer than the timeout; returns their ids."""
        cutoff = self._clock() - idle_timeout_s
        expired = [s for s in self._sessions.values() if s.finish_reason is None and s.last_active < cutoff]
        for session in expired:
            session.finish_reason = EXPIRED
        return [session.session_id for session in expired]

    def list_ids(self, owner: str | None, limit: int, offset: int) -> list[str]:
        mine = [s for s in self._sessions.values() if s.owner == owner]
        ordered = sorted(mine, key=lambda s: s.created_at, reverse=True)
        return [s.session_id for s in ordered[offset : offset + limit]]
