"""``POST /api/v1/sessions/search`` (0.38, experimental): filter the caller's sessions, newest first.

Sessions live in memory, so the search covers the sessions of this server run. Filters combine
with AND; a status filter matches any of its entries. Paging is keyset: ``next_cursor`` names the
last session of a full page, and the next page starts strictly after it. Only the caller's own
sessions can ever match (``owner`` "accessible" or a list of other users finds nothing more),
so a search never reveals another key's sessions.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex.server.auth import owner_of
from tinkex.server.context import ServerContext
from tinkex.server.sessions import EXPIRED, Session
from tinkex.server.storage import StorageError
from tinkex.server.storage_records import format_time
from tinkex.server.validation import ApiError, json_response, opt_object, opt_str, read_json

MAX_LIMIT = 200
OWNER_TYPES = ("own", "accessible", "user")
STATUS_TYPES = ("active", "cancelled", "failed", "client_finished")


def owner_urn(owner: str | None) -> str:
    return f"tml:user:{owner or 'local'}"


def session_status(session: Session) -> dict[str, Any]:
    """The SessionStatus of a session: a client's finish, or cancelled by the idle timeout."""
    if session.finish_reason is None:
        return {"type": "active"}
    if session.finish_reason == EXPIRED:
        return {"type": "cancelled", "detail": "no heartbeat and no request within the idle timeout"}
    return {
        "type": "client_finished",
        "reason": {"type": session.finish_reason},
        "detail": session.finish_detail,
    }


def _status_matches(status: dict[str, Any], queries: list[Any]) -> bool:
    for query in queries:
        if query["type"] != status["type"]:
            continue
        reasons = query.get("reasons")
        if status["type"] == "client_finished" and reasons and status["reason"]["type"] not in reasons:
            continue
        return True
    return False


def _check_request(body: dict[str, Any]) -> tuple[int, list[Any] | None, tuple[datetime, str] | None]:
    limit = body.get("limit", 50)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ApiError(400, f"limit: must be an integer from 1 to {MAX_LIMIT}, got {limit!r}")
    owner = opt_object(body, "owner") or {"type": "own"}
    if owner.get("type") not in OWNER_TYPES:
        raise ApiError(400, f"owner.type: must be one of {', '.join(OWNER_TYPES)}")
    statuses = body.get("statuses")
    if statuses is not None:
        if not isinstance(statuses, list) or not statuses:
            raise ApiError(400, "statuses: must be a non-empty list or null")
        for index, query in enumerate(statuses):
            if not isinstance(query, dict) or query.get("type") not in STATUS_TYPES:
                raise ApiError(400, f"statuses[{index}].type: must be one of {', '.join(STATUS_TYPES)}")
    cursor = opt_object(body, "cursor")
    after = None
    if cursor is not None:
        last_created_at, last_session_id = cursor.get("last_created_at"), cursor.get("last_session_id")
        if not isinstance(last_created_at, str) or not isinstance(last_session_id, str):
            raise ApiError(400, "cursor: needs last_created_at and last_session_id strings")
        try:
            created = datetime.fromisoformat(last_created_at.replace("Z", "+00:00"))
        except ValueError:
            raise ApiError(400, f"cursor.last_created_at: not a date-time: {last_created_at!r}") from None
        after = (created if created.tzinfo is not None else created.replace(tzinfo=UTC), last_session_id)
    return limit, statuses, after


def routes(ctx: ServerContext) -> list[Route]:
    def checkpoint_totals(session: Session) -> tuple[int, int]:
        """(count, bytes) of the checkpoints of the session's runs (file reads: off the loop)."""
        count = size = 0
        for run_id in session.training_run_ids:
            try:
                records = ctx.store.list_checkpoints(run_id, viewer=session.owner)
            except StorageError:  # the run's creation failed: it has no checkpoints
                continue
            count += len(records)
            size += sum(record.size_bytes for record in records)
        return count, size

    async def search_sessions(request: Request) -> Response:
        body = await read_json(request)
        limit, statuses, after = _check_request(body)
        caller = owner_of(request)
        owner = opt_object(body, "owner") or {"type": "own"}
        if owner["type"] == "user" and owner_urn(caller) not in (owner.get("owner_urns") or []):
            return json_response({"sessions": []})
        session_id, display_name = opt_str(body, "session_id"), opt_str(body, "display_name")
        project_ids = body.get("project_ids")
        wanted_metadata = opt_object(body, "user_metadata") or {}
        matches = []
        for session in ctx.sessions.owned_by(caller):
            status = session_status(session)
            metadata = {str(k): str(v) for k, v in session.user_metadata.items()}
            if (
                (session_id is not None and session.session_id != session_id)
                or (display_name is not None and session.display_name != display_name)
                or (project_ids is not None and session.project_id not in project_ids)
                or any(metadata.get(key) != value for key, value in wanted_metadata.items())
                or (statuses is not None and not _status_matches(status, statuses))
            ):
                continue
            matches.append((session.created_at, session.session_id, session, status, metadata))
        matches.sort(key=lambda m: (m[0], m[1]), reverse=True)
        if after is not None:
            matches = [m for m in matches if (m[0], m[1]) < after]
        page = matches[:limit]
        summaries = []
        for created_at, sid, session, status, metadata in page:
            count, size = await run_in_threadpool(checkpoint_totals, session)
            summaries.append(
                {
                    "session_id": sid,
                    "created_at": format_time(created_at),
                    "owner": owner_urn(session.owner),
                    "project_id": session.project_id or "",
                    "status": status,
                    "checkpoints_count": count,
                    "display_name": session.display_name,
                    "user_metadata": metadata or None,
                    "checkpoint_storage_bytes": size,
                }
            )
        reply: dict[str, Any] = {"sessions": summaries}
        if len(matches) > limit:
            reply["next_cursor"] = {
                "last_created_at": format_time(page[-1][0]),
                "last_session_id": page[-1][1],
            }
        return json_response(reply)

    return [Route("/api/v1/sessions/search", search_sessions, methods=["POST"])]
