"""``POST /api/v1/join_sampling_session``: a cloned sampling client registers itself (0.38).

An unpickled SamplingClient joins the sampler it was cloned from and gets a clone counter, so its
sampling requests can be told apart from the original's. The counter counts joins per sampler
(1 for the first clone); the sampler itself is shared, nothing is copied.
"""

from __future__ import annotations

from collections import Counter

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex.server.auth import owner_of
from tinkex.server.context import ServerContext
from tinkex.server.validation import json_response, read_json, req_str


def routes(ctx: ServerContext) -> list[Route]:
    joins: Counter[str] = Counter()

    async def join_sampling_session(request: Request) -> Response:
        body = await read_json(request)
        sampler = ctx.sampler(req_str(body, "sampling_session_id"), owner_of(request))
        joins[sampler.sampler_id] += 1
        return json_response({"client_counter": joins[sampler.sampler_id], "type": "join_sampling_session"})

    return [Route("/api/v1/join_sampling_session", join_sampling_session, methods=["POST"])]
