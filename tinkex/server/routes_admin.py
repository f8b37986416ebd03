"""Admin and account endpoints (protocol.md 3.7): audit log, billing usage, checkpoint storage, API key.

Every reply is about the caller only: with API keys, an owner sees the requests, checkpoints and
key that are theirs; with auth off the one user sees everything. The service gates these on
organization roles; the local server has no organizations, so every key may read its own figures.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex.server.activity import CHECKPOINT_REQUESTS, Activity
from tinkex.server.auth import API_KEY_HEADER, owner_of
from tinkex.server.billing import parse_window, storage_rows, usage_events
from tinkex.server.context import ServerContext
from tinkex.server.jwt_tokens import LOCAL_EMAIL, LOCAL_ORG
from tinkex.server.storage_records import CheckpointRecord, format_time
from tinkex.server.validation import ApiError, json_response

AUDIT_EVENT_TYPES = ("all", "checkpoints", "projects", "teams", "organizations")


def _audit_entry(activity: Activity) -> dict[str, Any]:
    finished = activity.finished_at if activity.finished_at is not None else activity.submitted_at
    return {
        "timestamp": format_time(datetime.fromtimestamp(finished, UTC)),
        "event": f"checkpoint.{activity.request_type}",
        "event_details": {"request_id": activity.request_id, "session_id": activity.session_id},
        "model_id": activity.model_id,
        "tinker_path": activity.tinker_path,
        "purpose": None,
    }


def _audit_day(raw: str | None) -> date:
    if raw is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ApiError(400, f"day: not an ISO date (YYYY-MM-DD): {raw!r}") from None


def routes(ctx: ServerContext) -> list[Route]:
    def checkpoints_with_runs(owner: str | None) -> list[tuple[CheckpointRecord, Any]]:
        """The caller's checkpoints on disk with their runs (file reads: call off the event loop)."""
        runs = {run.run_id: run for run in ctx.store.list_runs(viewer=owner)}
        return [(record, runs.get(record.run_id)) for record in ctx.store.list_checkpoints(viewer=owner)]

    def project_of(run: Any) -> str | None:
        session = ctx.sessions.find(run.session_id) if run is not None else None
        return session.project_id if session is not None else None

    async def audit(request: Request) -> Response:
        event_type = request.query_params.get("event_type", "all")
        if event_type not in AUDIT_EVENT_TYPES:
            raise ApiError(
                400, f"event_type: must be one of {', '.join(AUDIT_EVENT_TYPES)}, got {event_type!r}"
            )
        day = _audit_day(request.query_params.get("day"))
        entries = []
        # The local server has no projects, teams or organizations to change: only checkpoint events.
        if event_type in ("all", "checkpoints"):
            for activity in ctx.activity.of_owner(owner_of(request)):
                finished = activity.finished_at
                if activity.request_type not in CHECKPOINT_REQUESTS or activity.failed or finished is None:
                    continue
                if datetime.fromtimestamp(finished, UTC).date() == day:
                    entries.append(_audit_entry(activity))
        return json_response({"entries": entries})

    async def billing_usage(request: Request) -> Response:
        start, end = parse_window(
            request.query_params.get("starting_on"), request.query_params.get("ending_before")
        )
        owner = owner_of(request)
        activities = ctx.activity.of_owner(owner)
        on_disk = await run_in_threadpool(checkpoints_with_runs, owner)
        checkpoints = [
            (record, run.session_id if run else None, run.base_model if run else None)
            for record, run in on_disk
        ]
        now = ctx.store.now()
        events = usage_events(activities, checkpoints, start, end, now, owner)
        sessions: dict[str, Any] = {}
        for event in events:
            session = ctx.sessions.find(event["session_id"]) if event["session_id"] else None
            if session is not None:
                metadata = {str(k): str(v) for k, v in session.user_metadata.items()}
                sessions[session.session_id] = {"user_metadata": metadata or None}
        return json_response({"data": events, "sessions": sessions, "cost_data_through": format_time(now)})

    async def checkpoint_storage(request: Request) -> Response:
        owner = owner_of(request)
        wanted = request.query_params.get("project_id")
        on_disk = await run_in_threadpool(checkpoints_with_runs, owner)
        rows = [(record, project_of(run)) for record, run in on_disk]
        if wanted is not None:
            rows = [(record, project) for record, project in rows if project == wanted]
        return json_response(
            {"effective_rate_usd_per_gigabyte_month": 0.0, "data": storage_rows(rows, owner)}
        )

    async def api_key_info(request: Request) -> Response:
        owner = owner_of(request)
        # With auth off there is no key to describe but the one user's; with keys, the owner id
        # (a keyed hash, never the key) gives a stable number for the key.
        key_id = int(owner.removeprefix("key-")[:12], 16) if owner is not None else 0
        return json_response(
            {
                "key_id": key_id,
                "name": owner or "local",
                "note": None
                if ctx.api_keys is not None
                else "this server has no API keys; any key is accepted",
                "details": {"org_details": {"name": LOCAL_ORG}, "user_details": {"email": LOCAL_EMAIL}},
            }
        )

    async def revoke_api_key(request: Request) -> Response:
        if ctx.api_keys is not None:
            presented = request.headers.get(API_KEY_HEADER.decode(), "").strip()
            ctx.api_keys.revoke(presented)
        return Response(status_code=204)

    return [
        Route("/api/v1/audit", audit, methods=["GET"]),
        Route("/api/v1/billing/usage/events", billing_usage, methods=["GET"]),
        Route("/api/v1/billing/usage/checkpoints/current", checkpoint_storage, methods=["GET"]),
        Route("/api/v1/auth/apikey/me", api_key_info, methods=["GET"]),
        Route("/api/v1/auth/apikey/me", revoke_api_key, methods=["DELETE"]),
    ]
