"""The Starlette application: routes, error replies, startup/shutdown, fault injection when enabled."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp

from tinkex.server import (
    rest_routes,
    routes_admin,
    routes_copy_weights,
    routes_futures,
    routes_futures_session,
    routes_sampling,
    routes_sampling_join,
    routes_service,
    routes_session_search,
    routes_trace,
    routes_training,
    routes_weights,
    routes_weights_external,
)
from tinkex.server.auth import AuthMiddleware
from tinkex.server.context import ServerContext
from tinkex.server.faults import FaultInjector, FaultMiddleware, admin_routes
from tinkex.server.limits import BodyLimitMiddleware
from tinkex.server.model.api_types import UserInputError
from tinkex.server.storage import StorageError
from tinkex.server.tinker_path import TinkerPathError
from tinkex.server.validation import ApiError, error_response

_log = logging.getLogger(__name__)
API_PREFIX = "/api/v1/"
# Route names that differ from the request type the fault rules and stats use.
_REQUEST_TYPE_ALIASES = {"asample": "sample"}


def request_type_of(path: str) -> str | None:
    """``/api/v1/forward_backward`` -> ``forward_backward``; multi-segment REST paths have none."""
    if not path.startswith(API_PREFIX):
        return None
    name = path[len(API_PREFIX) :]
    if not name or "/" in name:
        return None
    return _REQUEST_TYPE_ALIASES.get(name, name)


async def _api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return error_response(error.status, error.detail, error.headers)


async def _storage_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StorageError)
    return error_response(error.status, error.detail)


async def _field_error(request: Request, error: Exception) -> Response:
    return error_response(400, str(error))


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return error_response(error.status_code, f"{request.url.path}: {error.detail}")


async def _client_gone(request: Request, error: Exception) -> Response:
    # A client that hangs up mid-body (or is cut off by the body read timeout) is routine: one
    # debug line, no traceback. The reply below goes nowhere; uvicorn drops it.
    _log.debug(
        "client disconnected before its request body was complete: %s %s", request.method, request.url.path
    )
    return Response(status_code=400)


async def _unexpected(request: Request, error: Exception) -> Response:
    # Client mistakes are all mapped above; whatever lands here is a server bug.
    _log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return error_response(500, f"internal server error: {type(error).__name__}")


def build_app(ctx: ServerContext, injector: FaultInjector | None = None) -> ASGIApp:
    """The ASGI app over ``ctx``; with ``injector`` the /_local admin routes and fault middleware are on."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        ctx.loop = asyncio.get_running_loop()
        ctx.worker.start()
        sweeper = asyncio.create_task(ctx.release_sessions_forever(), name="tinkex-session-sweeper")
        try:
            yield
        finally:
            sweeper.cancel()
            ctx.futures.close()
            ctx.completions.close()
            ctx.sequences.close()

    route_list = [
        *routes_service.routes(ctx),
        *routes_training.routes(ctx),
        *routes_weights.routes(ctx),
        *routes_sampling.routes(ctx),
        *routes_futures.routes(ctx),
        *routes_futures_session.routes(ctx),
        *rest_routes.routes(ctx.store, ctx.signer, archive_link_ttl_s=ctx.config.archive_link_ttl_s),
        *routes_copy_weights.routes(ctx),
        *routes_sampling_join.routes(ctx),
        *routes_trace.routes(ctx),
        *routes_session_search.routes(ctx),
        *routes_admin.routes(ctx),
        *routes_weights_external.routes(ctx),
    ]
    if injector is not None:
        route_list.extend(admin_routes(injector))
    app = Starlette(
        routes=route_list,
        lifespan=lifespan,
        exception_handlers={
            ApiError: _api_error,
            StorageError: _storage_error,
            TinkerPathError: _field_error,
            UserInputError: _field_error,
            HTTPException: _http_error,
            ClientDisconnect: _client_gone,
            Exception: _unexpected,
        },
    )
    wrapped: ASGIApp = app if injector is None else FaultMiddleware(app, injector, request_type_of)
    if ctx.api_keys is not None:
        # Before the fault hooks: no key, no fault.
        wrapped = AuthMiddleware(wrapped, ctx.api_keys, ctx.tokens)
    # The body limit is outermost, so no later layer ever buffers an oversized body.
    return BodyLimitMiddleware(wrapped, ctx.config.max_body_bytes)
