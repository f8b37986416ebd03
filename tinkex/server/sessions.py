"""Client sessions: creation, heartbeats, finishing, expiry, and what each session created.

Sessions are in memory only; the runs and checkpoints they created live on disk and outlive them.
Session ids start with the boot prefix, so run ids derived from them (``<session>:train:<n>``)
never collide with runs of an earlier boot in the same data dir.

Each session belongs to the owner id of the API key that created it (None with auth off); for
any other key it does not exist (404). A session is *active* until the client finishes it or
it goes idle (no heartbeat and no request) for the server's idle timeout. The server's sweeper
then releases its models and samplers (``ServerContext.release_session``): an idle session at
once, a finished one after a short grace period, so requests that raced the client's close
(a last save sent from another thread, say) still find their model.
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
    finished_at: float | None = None  # monotonic
    released: bool = False  # its models and samplers have been unloaded
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

    def finish(self, session_id: str, owner: str | None, reason: str, detail: str | None) -> None:
        """Mark the session finished (a repeated finish changes nothing)."""
        session = self.get(session_id, owner)
        if session.finish_reason is None:
            session.finish_reason = reason
            session.finish_detail = detail
            session.finished_at = self._clock()

    def due_for_release(self, idle_timeout_s: float, grace_s: float) -> list[str]:
        """Sessions whose models should be unloaded now: finished ``grace_s`` ago, or idle past
        the timeout (those are finished as expired here). Each id is returned once."""
        now = self._clock()
        due = []
        for session in self._sessions.values():
            if session.released:
                continue
            if session.finish_reason is None and now - session.last_active > idle_timeout_s:
                session.finish_reason, session.finished_at = EXPIRED, now - grace_s
            if session.finished_at is not None and now - session.finished_at >= grace_s:
                session.released = True
                due.append(session.session_id)
        return due

    def owned_by(self, owner: str | None) -> list[Session]:
        return [s for s in self._sessions.values() if s.owner == owner]

    def list_ids(self, owner: str | None, limit: int, offset: int) -> list[str]:
        mine = [s for s in self._sessions.values() if s.owner == owner]
        ordered = sorted(mine, key=lambda s: s.created_at, reverse=True)
        return [s.session_id for s in ordered[offset : offset + limit]]
