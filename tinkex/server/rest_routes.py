"""REST management routes of the local server (``RestClient``): runs, checkpoints, archives.

Every error is a FastAPI-style ``{"detail": "..."}`` body. Checkpoint ids travel as two path
segments ``{kind}/{name}``; run ids are one segment and may contain ``:``.

Archives are built synchronously (in a worker thread) when the archive URL is requested, so this
server never answers 503 "archive still being built". The URL points at
``GET /api/v1/archives/<token>.tar.gz`` on this server; tokens live in memory for
``archive_link_ttl_s`` and die with the process, like a signed URL would.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from tinkex.server.storage import CheckpointStore, StorageError
from tinkex.server.storage_records import format_time
from tinkex.server.tinker_path import TinkerPathError, parse_checkpoint_id

Endpoint = Callable[[Request], Awaitable[Response]]

DEFAULT_ARCHIVE_LINK_TTL_S = 15 * 60.0
ACCESS_SCOPES = ("owned", "accessible")


def error_response(error: StorageError) -> JSONResponse:
    return JSONResponse({"detail": error.detail}, status_code=error.status)


def _answers_errors(handler: Endpoint) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except StorageError as error:
            return error_response(error)

    endpoint.__name__ = handler.__name__
    return endpoint


def _int_query(request: Request, name: str, default: int, *, minimum: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise StorageError(400, f"{name}: must be an integer, got {raw!r}") from None
    if value < minimum:
        raise StorageError(400, f"{name}: must be at least {minimum}, got {value}")
    return value


def _page(request: Request, default_limit: int) -> tuple[int, int]:
    return (
        _int_query(request, "limit", default_limit, minimum=1),
        _int_query(request, "offset", 0, minimum=0),
    )


def _check_access_scope(request: Request) -> None:
    scope = request.query_params.get("access_scope", "owned")
    if scope not in ACCESS_SCOPES:
        raise StorageError(400, f"access_scope: must be one of {', '.join(ACCESS_SCOPES)}, got {scope!r}")


async def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise StorageError(400, "body: must be a JSON object") from None
    if not isinstance(body, dict):
        raise StorageError(400, "body: must be a JSON object")
    return body


def _checkpoint_address(request: Request) -> tuple[str, str]:
    params = request.path_params
    return str(params["training_run_id"]), f"{params['kind']}/{params['name']}"


def _no_content() -> Response:
    return Response(status_code=204)


@dataclass(frozen=True)
class _ArchiveLink:
    run_id: str
    checkpoint_id: str
    expires_at: datetime


class _ArchiveLinks:
    """Download tokens handed out by the archive route (in memory, thread-safe)."""

    def __init__(self) -> None:
        self._links: dict[str, _ArchiveLink] = {}
        self._lock = threading.Lock()

    def issue(self, run_id: str, checkpoint_id: str, expires_at: datetime, now: datetime) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._links = {key: link for key, link in self._links.items() if link.expires_at > now}
            self._links[token] = _ArchiveLink(run_id, checkpoint_id, expires_at)
        return token

    def lookup(self, token: str, now: datetime) -> _ArchiveLink:
        with self._lock:
            link = self._links.get(token)
        if link is None:
            raise StorageError(404, "token: unknown archive link (links do not survive a server restart)")
        if link.expires_at <= now:
            raise StorageError(410, f"token: archive link expired at {format_time(link.expires_at)}")
        return link


def routes(
    store: CheckpointStore,
    *,
    base_url_for: Callable[[Request], str] | None = None,
    archive_link_ttl_s: float = DEFAULT_ARCHIVE_LINK_TTL_S,
) -> list[Route]:
    """The REST management routes over ``store``.

    ``base_url_for(request)`` gives the absolute URL prefix archive links start with (default:
    the request's own base URL).
    """
    links = _ArchiveLinks()

    def base_url(request: Request) -> str:
        chosen = base_url_for(request) if base_url_for is not None else str(request.base_url)
        return chosen.rstrip("/")

    async def list_training_runs(request: Request) -> Response:
        limit, offset = _page(request, default_limit=20)
        _check_access_scope(request)
        runs = store.list_runs()
        page = [store.run_to_json(run) for run in runs[offset : offset + limit]]
        cursor = {"offset": offset, "limit": limit, "total_count": len(runs)}
        return JSONResponse({"training_runs": page, "cursor": cursor})

    async def get_training_run(request: Request) -> Response:
        _check_access_scope(request)
        run = store.get_run(str(request.path_params["training_run_id"]))
        return JSONResponse(store.run_to_json(run))

    async def list_run_checkpoints(request: Request) -> Response:
        checkpoints = store.list_checkpoints(str(request.path_params["training_run_id"]))
        # The SDK sends no paging here; limit/offset are honoured when given.
        limit, offset = _page(request, default_limit=max(len(checkpoints), 1))
        page = [c.to_json() for c in checkpoints[offset : offset + limit]]
        cursor = {"offset": offset, "limit": limit, "total_count": len(checkpoints)}
        return JSONResponse({"checkpoints": page, "cursor": cursor})

    async def list_all_checkpoints(request: Request) -> Response:
        limit, offset = _page(request, default_limit=100)
        checkpoints = store.list_checkpoints(None)
        page = [c.to_json() for c in checkpoints[offset : offset + limit]]
        cursor = {"offset": offset, "limit": limit, "total_count": len(checkpoints)}
        return JSONResponse({"checkpoints": page, "cursor": cursor})

    async def delete_checkpoint(request: Request) -> Response:
        store.delete_checkpoint(*_checkpoint_address(request))
        return _no_content()

    async def publish(request: Request) -> Response:
        store.set_public(*_checkpoint_address(request), public=True)
        return _no_content()

    async def unpublish(request: Request) -> Response:
        store.set_public(*_checkpoint_address(request), public=False)
        return _no_content()

    async def set_ttl(request: Request) -> Response:
        body = await _json_object(request)
        if "ttl_seconds" not in body:
            raise StorageError(400, "ttl_seconds: required (null removes the expiry)")
        ttl = body["ttl_seconds"]
        if ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, int)):
            raise StorageError(400, f"ttl_seconds: must be an integer or null, got {ttl!r}")
        store.set_ttl(*_checkpoint_address(request), ttl_seconds=ttl)
        return _no_content()

    async def archive_url(request: Request) -> Response:
        run_id, checkpoint_id = _checkpoint_address(request)
        await run_in_threadpool(store.build_archive, run_id, checkpoint_id)
        now = store.now()
        expires_at = now + timedelta(seconds=archive_link_ttl_s)
        token = links.issue(run_id, checkpoint_id, expires_at, now)
        url = f"{base_url(request)}/api/v1/archives/{token}.tar.gz"
        if "application/json" in request.headers.get("accept", ""):
            return JSONResponse({"url": url, "expires": format_time(expires_at)})
        return Response(
            status_code=302, headers={"Location": url, "Expires": format_datetime(expires_at, usegmt=True)}
        )

    async def download_archive(request: Request) -> Response:
        link = links.lookup(str(request.path_params["token"]), store.now())
        # Rebuilt here if the checkpoint changed (or was deleted: 404) since the link was issued.
        path = await run_in_threadpool(store.build_archive, link.run_id, link.checkpoint_id)
        filename = f"{link.run_id}_{link.checkpoint_id}.tar.gz".replace("/", "_").replace(":", "_")
        return FileResponse(path, media_type="application/gzip", filename=filename)

    async def external_weights_urls(request: Request) -> Response:
        run_id, checkpoint_id = _checkpoint_address(request)
        try:
            parse_checkpoint_id(checkpoint_id)
        except TinkerPathError as error:
            raise StorageError(400, str(error)) from None
        raise StorageError(
            404,
            f"checkpoint_id: {checkpoint_id!r} of run {run_id!r} has no external weights "
            "(the local server does not export external weights)",
        )

    async def weights_info(request: Request) -> Response:
        body = await _json_object(request)
        tinker_path = body.get("tinker_path")
        if not isinstance(tinker_path, str):
            raise StorageError(400, "tinker_path: required, a tinker:// path string")
        record, _ = store.resolve_tinker_path(tinker_path)
        run = store.get_run(record.run_id)
        return JSONResponse(
            {
                "base_model": run.base_model,
                "is_lora": True,
                "lora_rank": run.lora_rank,
                "train_unembed": run.train_unembed,
                "train_mlp": run.train_mlp,
                "train_attn": run.train_attn,
                "optimizer_config": {"type": "adamw"},
            }
        )

    checkpoint = "/api/v1/training_runs/{training_run_id}/checkpoints/{kind}/{name}"
    table: list[tuple[str, str, Endpoint]] = [
        ("/api/v1/training_runs", "GET", list_training_runs),
        ("/api/v1/training_runs/{training_run_id}", "GET", get_training_run),
        ("/api/v1/training_runs/{training_run_id}/checkpoints", "GET", list_run_checkpoints),
        (checkpoint, "DELETE", delete_checkpoint),
        (f"{checkpoint}/publish", "POST", publish),
        (f"{checkpoint}/publish", "DELETE", unpublish),
        (f"{checkpoint}/ttl", "PUT", set_ttl),
        (f"{checkpoint}/archive", "GET", archive_url),
        (f"{checkpoint}/external_weights_urls", "GET", external_weights_urls),
        ("/api/v1/archives/{token}.tar.gz", "GET", download_archive),
        ("/api/v1/checkpoints", "GET", list_all_checkpoints),
        ("/api/v1/weights_info", "POST", weights_info),
    ]
    return [
        Route(
            path, _answers_errors(handler), methods=[method], name=f"rest_{handler.__name__}_{method.lower()}"
        )
        for path, method, handler in table
    ]
