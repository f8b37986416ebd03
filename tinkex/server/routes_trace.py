"""Session trace export: ``GET /api/v1/sessions/{id}/trace_export`` and the signed trace download.

The service builds a trace asynchronously and clients poll until it is "ready". The local server
keeps its record of the session's requests in memory (``activity``), so the trace is ready at once:
the reply carries a signed, expiring URL that any HTTP client can follow without an API key, like
the archive links (same signer, same expiry). The trace is built when it is downloaded, so it holds
everything the session did up to then.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex.server.auth import owner_of
from tinkex.server.context import ServerContext
from tinkex.server.session_trace import build_trace
from tinkex.server.storage import StorageError
from tinkex.server.url_signing import ArchiveLink
from tinkex.server.validation import ApiError, json_response

TRACE_PREFIX = "/api/v1/traces/"
# Signed like an archive link, under a checkpoint id no checkpoint can have (ids are "kind/name"),
# so a trace link can never be replayed as an archive link or the other way round.
_TRACE_LINK_ID = "session-trace"


def routes(ctx: ServerContext) -> list[Route]:
    async def trace_export(request: Request) -> Response:
        session = ctx.sessions.get(str(request.path_params["session_id"]), owner_of(request))
        expires = math.ceil(ctx.store.now().timestamp() + ctx.config.archive_link_ttl_s)
        link = ArchiveLink(session.session_id, _TRACE_LINK_ID, expires)
        signature = ctx.signer.signature(link)
        base = str(request.base_url).rstrip("/")
        url = f"{base}{TRACE_PREFIX}{session.session_id}.json?expires={expires}&signature={signature}"
        return json_response({"status": "ready", "url": url})

    async def download_trace(request: Request) -> Response:
        session_id = str(request.path_params["session_id"])
        expires, signature = request.query_params.get("expires"), request.query_params.get("signature")
        if not signature or expires is None or not expires.isdigit():
            raise ApiError(403, "signature: trace links need expires and signature parameters")
        try:
            ctx.signer.verify(
                ArchiveLink(session_id, _TRACE_LINK_ID, int(expires)), signature, ctx.store.now()
            )
        except StorageError as error:
            if error.status == 410:
                expired = datetime.fromtimestamp(int(expires), UTC).isoformat()
                raise ApiError(410, f"expires: trace link expired at {expired}; ask for a new one") from None
            raise ApiError(
                403, "signature: this trace link is not valid (altered or not issued here)"
            ) from None
        if ctx.sessions.find(session_id) is None:
            raise ApiError(
                404, f"session_id: unknown session {session_id!r} (sessions do not survive a restart)"
            )
        trace = build_trace(session_id, ctx.activity.of_session(session_id))
        filename = session_id.replace(":", "_")
        return Response(
            orjson.dumps(trace),
            media_type="application/json",
            headers={"content-disposition": f'attachment; filename="{filename}.json"'},
        )

    return [
        Route("/api/v1/sessions/{session_id}/trace_export", trace_export, methods=["GET"]),
        Route(TRACE_PREFIX + "{session_id}.json", download_trace, methods=["GET"]),
    ]
