"""``POST /api/v1/retrieve_futures``: session-wide polling of a sampler's requests (0.38).

One long poll answers for every sampling request of a sampler (or of one of its clones): the
completions after the client's cursor, each ``finished`` or ``failed``, and the new cursor. The
client then fetches each result with ``retrieve_future`` as usual. The poll is held up to
``timeout`` seconds (the server's long-poll limit when absent; 0 answers at once) until something
completes. The client config keeps ``sample_use_retrieve_futures`` off, so the SDKs poll each
future unless told otherwise; the endpoint answers all the same.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex.server.auth import owner_of
from tinkex.server.context import ServerContext
from tinkex.server.validation import ApiError, json_response, opt_int, read_json, req_str


def _timeout(body: dict[str, Any], limit_s: float) -> float:
    timeout = body.get("timeout")
    if timeout is None:
        return limit_s
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout >= 0:
        raise ApiError(400, f"timeout: must be a non-negative number of seconds or null, got {timeout!r}")
    return min(float(timeout), limit_s)


def routes(ctx: ServerContext) -> list[Route]:
    async def retrieve_futures(request: Request) -> Response:
        body = await read_json(request)
        target = body.get("target")
        if not isinstance(target, dict) or target.get("type") != "sampling_session":
            raise ApiError(400, 'target: required, {"type": "sampling_session", "sampling_session_id": ...}')
        owner = owner_of(request)
        sampler = ctx.sampler(
            req_str(target, "sampling_session_id"), owner, field_name="target.sampling_session_id"
        )
        clone = opt_int(target, "cloned_sampler_id", minimum=0) or 0
        cursor = opt_int(body, "prev_cursor", minimum=0) or 0
        timeout_s = _timeout(body, ctx.config.long_poll_s)
        found = await ctx.completions.wait_after((owner, sampler.sampler_id, clone), cursor, timeout_s)
        completions = [{"state": state, "request_id": request_id} for _, request_id, state in found]
        return json_response({"completions": completions, "cursor": found[-1][0] if found else cursor})

    return [Route("/api/v1/retrieve_futures", retrieve_futures, methods=["POST"])]
