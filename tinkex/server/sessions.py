"""Client sessions: creation, heartbeats, finishing, and what each session created.

Sessions are in memory only; the runs and checkpoints they created live on disk and outlive them.
Session ids start with the boot prefix, so run ids derived from them (``<session>:train:<n>``)
never collide with runs of an earlier boot in the same data dir.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tinkex.server.validation import ApiError


@dataclass
class Session:
    session_id: str
    created_at: datetime
    tags: list[str]
    user_metadata: dict[str, Any]
    project_id: str | None = None
    display_name: str | None = None
    last_heartbeat: datetime | None = None
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
    def __init__(self, boot_prefix: str) -> None:
        self._prefix = boot_prefix
        self._counter = itertools.count(1)
        self._sessions: dict[str, Session] = {}

    def create(
        self,
        tags: list[str],
        user_metadata: dict[str, Any],
        project_id: str | None,
        display_name: str | None,
    ) -> Session:
        session = Session(
            session_id=f"sess-{self._prefix}-{next(self._counter)}",
            created_at=datetime.now(UTC),
            tags=tags,
            user_metadata=user_metadata,
            project_id=project_id,
            display_name=display_name,
        )
        self._sessions[session.session_id] = session
        return session

    def get(self, session_id: str, *, field_name: str = "session_id") -> Session:
        session = self._sessions.get(session_id)
        if session is None:
            raise ApiError(
                404, f"{field_name}: unknown session {session_id!r} (sessions do not survive a restart)"
            )
        return session

    def active(self, session_id: str) -> Session:
        """A session that may still create models and samplers."""
        session = self.get(session_id)
        if session.finish_reason is not None:
            raise ApiError(410, f"session_id: session {session_id!r} was finished ({session.finish_reason})")
        return session

    def heartbeat(self, session_id: str) -> None:
        self.active(session_id).last_heartbeat = datetime.now(UTC)

    def finish(self, session_id: str, reason: str, detail: str | None) -> None:
        session = self.get(session_id)
        if session.finish_reason is None:
            session.finish_reason = reason
            session.finish_detail = detail

    def list_ids(self, limit: int, offset: int) -> list[str]:
        ordered = sorted(self._sessions.values(), key=lambda s: s.created_at, reverse=True)
        return [s.session_id for s in ordered[offset : offset + limit]]
