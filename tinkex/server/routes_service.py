"""Bootstrap, service and session endpoints (protocol.md 3.1 and the session part of 3.6)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex.server.auth import owner_of
from tinkex.server.context import ServerContext
from tinkex.server.datums import MAX_DATUMS_PER_REQUEST
from tinkex.server.validation import (
    ApiError,
    json_response,
    opt_object,
    opt_str,
    read_json,
    req_str,
)

# The SDK fetches this once; everything else keeps the SDK defaults. JWT mode is off unless the
# server runs with jwt_auth, so a plain ``tml-…`` key is enough and the official SDK never calls
# /auth/token on its own (tinkex's whoami does; the route answers either way).
CLIENT_CONFIG = {
    "pjwt_auth_enabled": False,
    "proto_compress_fwdbwd": False,
    "fwdbwd_max_chunk_len": MAX_DATUMS_PER_REQUEST,
    "fwdbwd_max_chunk_bytes_count": 5_000_000,
    "sample_use_retrieve_futures": False,
    "custom_loss_server_side": False,
    "sample_join_sampling_session": False,
}
DYNAMIC_CONFIG = {
    "refresh_interval_sec": 300,
    "sample_cancel_enabled": True,
    "sample_cancel_max_batch_size": 64,
}
FINISH_REASONS = ("success", "errored", "interrupted")


def _page(request: Request, default_limit: int) -> tuple[int, int]:
    values = []
    for name, default in (("limit", default_limit), ("offset", 0)):
        raw = request.query_params.get(name)
        try:
            value = default if raw is None else int(raw)
        except ValueError:
            raise ApiError(400, f"{name}: must be an integer, got {raw!r}") from None
        if value < 0:
            raise ApiError(400, f"{name}: must not be negative")
        values.append(value)
    return values[0], values[1]


def routes(ctx: ServerContext) -> list[Route]:
    async def healthz(request: Request) -> Response:
        return json_response({"status": "ok"})

    async def client_config(request: Request) -> Response:
        return json_response({**CLIENT_CONFIG, "pjwt_auth_enabled": ctx.config.jwt_auth})

    async def dynamic_config(request: Request) -> Response:
        return json_response(DYNAMIC_CONFIG)

    async def auth_token(request: Request) -> Response:
        await read_json(request)  # always {}; anything but a JSON object is a 400
        # The auth middleware already checked the credential (a key, or a token of ours).
        return json_response({"jwt": ctx.tokens.issue(owner_of(request))})

    async def capabilities(request: Request) -> Response:
        models = [
            {
                "model_name": name,
                "max_context_length": ctx.spec(name).max_context,
                "trainable": True,
                "sampleable": True,
            }
            for name in ctx.config.models
        ]
        return json_response({"supported_models": models})

    async def create_session(request: Request) -> Response:
        body = await read_json(request)
        tags = body.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            raise ApiError(400, "tags: must be a list of strings")
        session = ctx.sessions.create(
            tags=list(tags),
            user_metadata=opt_object(body, "user_metadata") or {},
            project_id=opt_str(body, "project_id"),
            display_name=opt_str(body, "display_name"),
            owner=owner_of(request),
        )
        return json_response({"session_id": session.session_id, "type": "create_session"})

    async def heartbeat(request: Request) -> Response:
        body = await read_json(request)
        ctx.sessions.heartbeat(req_str(body, "session_id"), owner_of(request))
        return json_response({"type": "session_heartbeat"})

    async def finish_session(request: Request) -> Response:
        body = await read_json(request)
        reason = opt_object(body, "reason") or {}
        reason_type = reason.get("type", "success")
        if reason_type not in FINISH_REASONS:
            raise ApiError(
                400, f"reason.type: must be one of {', '.join(FINISH_REASONS)}, got {reason_type!r}"
            )
        # The sweeper unloads the session's models after a grace period (sessions.py).
        ctx.sessions.finish(
            str(request.path_params["session_id"]), owner_of(request), reason_type, opt_str(body, "detail")
        )
        return json_response({})

    async def telemetry(request: Request) -> Response:
        payload = await read_json(request)
        # Dropped by the server itself; with test hooks on, kept so tests can inspect what was sent.
        if ctx.faults is not None:
            ctx.faults.record_telemetry(payload)
        return json_response({"status": "accepted"})

    async def list_sessions(request: Request) -> Response:
        limit, offset = _page(request, default_limit=20)
        return json_response({"sessions": ctx.sessions.list_ids(owner_of(request), limit, offset)})

    async def get_session(request: Request) -> Response:
        session = ctx.sessions.get(str(request.path_params["session_id"]), owner_of(request))
        return json_response(session.summary())

    async def set_project(request: Request) -> Response:
        body = await read_json(request)
        session = ctx.sessions.get(str(request.path_params["session_id"]), owner_of(request))
        session.project_id = req_str(body, "project_id")
        return json_response({})

    return [
        Route("/api/v1/healthz", healthz, methods=["GET"]),
        Route("/api/v1/client/config", client_config, methods=["POST"]),
        Route("/api/v1/client/dynamic_config", dynamic_config, methods=["POST"]),
        Route("/api/v1/auth/token", auth_token, methods=["POST"]),
        Route("/api/v1/get_server_capabilities", capabilities, methods=["GET"]),
        Route("/api/v1/create_session", create_session, methods=["POST"]),
        Route("/api/v1/session_heartbeat", heartbeat, methods=["POST"]),
        Route("/api/v1/sessions/{session_id}/finish", finish_session, methods=["POST"]),
        Route("/api/v1/telemetry", telemetry, methods=["POST"]),
        Route("/api/v1/sessions", list_sessions, methods=["GET"]),
        Route("/api/v1/sessions/{session_id}", get_session, methods=["GET"]),
        Route("/api/v1/sessions/{session_id}/project", set_project, methods=["PUT"]),
    ]
