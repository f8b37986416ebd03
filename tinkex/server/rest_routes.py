"""REST management routes of the local server (``RestClient``): runs, checkpoints, archives.

Every error is a FastAPI-style ``{"detail": "..."}`` body. Checkpoint ids travel as two path
segments ``{kind}/{name}``; run ids are one segment and may contain ``:``.

Each handler runs in a worker thread (they read and write files), and sees only what the
caller owns: ``viewer`` is the caller's owner id, None when auth is off (storage.py has the
rules). Archives are built synchronously when the archive URL is requested, so this server never
answers 503 "archive still being built". The URL is a signed, expiring link to
``/api/v1/archives/...`` on this server (``url_signing``) that needs no API key.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from tinkex.server.auth import owner_of
from tinkex.server.storage import CheckpointStore, StorageError
from tinkex.server.storage_records import format_time
from tinkex.server.url_signing import DEFAULT_LINK_TTL_S, ArchiveLink, UrlSigner
from tinkex.server.validation import ApiError, parse_json_object, read_body

Endpoint = Callable[[Request], Awaitable[Response]]

ACCESS_SCOPES = ("owned", "accessible")


@dataclass(frozen=True)
class RestCall:
    """What a handler may use: the request's path and query, the caller's owner id, the raw body."""

    request: Request
    viewer: str | None
    body: bytes

    def path(self, name: str) -> str:
        return str(self.request.path_params[name])

    def query(self, name: str) -> str | None:
        return self.request.query_params.get(name)

    def json_object(self) -> dict[str, Any]:
        return parse_json_object(self.body)

    def checkpoint_address(self) -> tuple[str, str]:
        return self.path("training_run_id"), f"{self.path('kind')}/{self.path('name')}"


Handler = Callable[[RestCall], Response]


def _in_thread(handler: Handler) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        try:
            body = await read_body(request) if request.method in ("POST", "PUT") else b""
            return await run_in_threadpool(handler, RestCall(request, owner_of(request), body))
        except (StorageError, ApiError) as error:
            return JSONResponse({"detail": error.detail}, status_code=error.status)

    endpoint.__name__ = handler.__name__
    return endpoint


def _int_query(call: RestCall, name: str, default: int, *, minimum: int) -> int:
    raw = call.query(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise StorageError(400, f"{name}: must be an integer, got {raw!r}") from None
    if value < minimum:
        raise StorageError(400, f"{name}: must be at least {minimum}, got {value}")
    return value


def _page(call: RestCall, default_limit: int) -> tuple[int, int]:
    return (
        _int_query(call, "limit", default_limit, minimum=1),
        _int_query(call, "offset", 0, minimum=0),
    )


def _check_access_scope(call: RestCall) -> None:
    scope = call.query("access_scope") or "owned"
    if scope not in ACCESS_SCOPES:
        raise StorageError(400, f"access_scope: must be one of {', '.join(ACCESS_SCOPES)}, got {scope!r}")


def _no_content() -> Response:
    return Response(status_code=204)


def routes(
    store: CheckpointStore,
    signer: UrlSigner,
    *,
    base_url_for: Callable[[Request], str] | None = None,
    archive_link_ttl_s: float = DEFAULT_LINK_TTL_S,
) -> list[Route]:
    """The REST management routes over ``store``; archive links are signed by ``signer``.

    ``base_url_for(request)`` gives the absolute URL prefix archive links start with (default:
    the request's own base URL).
    """

    def base_url(request: Request) -> str:
        chosen = base_url_for(request) if base_url_for is not None else str(request.base_url)
        return chosen.rstrip("/")

    def list_training_runs(call: RestCall) -> Response:
        limit, offset = _page(call, default_limit=20)
        _check_access_scope(call)
        runs = store.list_runs(viewer=call.viewer)
        page = [store.run_to_json(run) for run in runs[offset : offset + limit]]
        cursor = {"offset": offset, "limit": limit, "total_count": len(runs)}
        return JSONResponse({"training_runs": page, "cursor": cursor})

    def get_training_run(call: RestCall) -> Response:
        _check_access_scope(call)
        run = store.get_run(call.path("training_run_id"), viewer=call.viewer)
        return JSONResponse(store.run_to_json(run))

    def list_run_checkpoints(call: RestCall) -> Response:
        checkpoints = store.list_checkpoints(call.path("training_run_id"), viewer=call.viewer)
        # The SDK sends no paging here; limit/offset are honoured when given.
        limit, offset = _page(call, default_limit=max(len(checkpoints), 1))
        page = [c.to_json() for c in checkpoints[offset : offset + limit]]
        cursor = {"offset": offset, "limit": limit, "total_count": len(checkpoints)}
        return JSONResponse({"checkpoints": page, "cursor": cursor})

    def list_all_checkpoints(call: RestCall) -> Response:
        limit, offset = _page(call, default_limit=100)
        checkpoints = store.list_checkpoints(None, viewer=call.viewer)
        page = [c.to_json() for c in checkpoints[offset : offset + limit]]
        cursor = {"offset": offset, "limit": limit, "total_count": len(checkpoints)}
        return JSONResponse({"checkpoints": page, "cursor": cursor})

    def delete_checkpoint(call: RestCall) -> Response:
        store.delete_checkpoint(*call.checkpoint_address(), viewer=call.viewer)
        return _no_content()

    def publish(call: RestCall) -> Response:
        store.set_public(*call.checkpoint_address(), public=True, viewer=call.viewer)
        return _no_content()

    def unpublish(call: RestCall) -> Response:
        store.set_public(*call.checkpoint_address(), public=False, viewer=call.viewer)
        return _no_content()

    def set_ttl(call: RestCall) -> Response:
        body = call.json_object()
        if "ttl_seconds" not in body:
            raise StorageError(400, "ttl_seconds: required (null removes the expiry)")
        store.set_ttl(*call.checkpoint_address(), ttl_seconds=body["ttl_seconds"], viewer=call.viewer)
        return _no_content()

    def archive_url(call: RestCall) -> Response:
        run_id, checkpoint_id = call.checkpoint_address()
        store.build_archive(run_id, checkpoint_id, viewer=call.viewer)
        expires = math.ceil(store.now().timestamp() + archive_link_ttl_s)
        link = ArchiveLink(run_id, checkpoint_id, expires)
        url = base_url(call.request) + signer.path_and_query(link)
        expires_at = datetime.fromtimestamp(expires, UTC)
        if "application/json" in call.request.headers.get("accept", ""):
            return JSONResponse({"url": url, "expires": format_time(expires_at)})
        return Response(
            status_code=302, headers={"Location": url, "Expires": format_datetime(expires_at, usegmt=True)}
        )

    def download_archive(call: RestCall) -> Response:
        run_id, expires, signature = call.query("run"), call.query("expires"), call.query("signature")
        if not run_id or not signature or expires is None or not expires.isdigit():
            raise StorageError(403, "signature: archive links need run, expires and signature parameters")
        link = ArchiveLink(run_id, f"{call.path('kind')}/{call.path('name')}", int(expires))
        signer.verify(link, signature, store.now())
        # Rebuilt here if the checkpoint changed (or was deleted: 404) since the link was issued.
        path = store.build_archive(link.run_id, link.checkpoint_id)
        filename = f"{link.run_id}_{link.checkpoint_id}.tar.gz".replace("/", "_").replace(":", "_")
        return FileResponse(path, media_type="application/gzip", filename=filename)

    def weights_info(call: RestCall) -> Response:
        tinker_path = call.json_object().get("tinker_path")
        if not isinstance(tinker_path, str):
            raise StorageError(400, "tinker_path: required, a tinker:// path string")
        record, _ = store.resolve_tinker_path(tinker_path, viewer=call.viewer)
        run = store.get_run(record.run_id)  # readable: the checkpoint is the caller's or published
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
    table: list[tuple[str, str, Handler]] = [
        ("/api/v1/training_runs", "GET", list_training_runs),
        ("/api/v1/training_runs/{training_run_id}", "GET", get_training_run),
        ("/api/v1/training_runs/{training_run_id}/checkpoints", "GET", list_run_checkpoints),
        (checkpoint, "DELETE", delete_checkpoint),
        (f"{checkpoint}/publish", "POST", publish),
        (f"{checkpoint}/publish", "DELETE", unpublish),
        (f"{checkpoint}/ttl", "PUT", set_ttl),
        (f"{checkpoint}/archive", "GET", archive_url),
        ("/api/v1/archives/{kind}/{name}.tar.gz", "GET", download_archive),
        ("/api/v1/checkpoints", "GET", list_all_checkpoints),
        ("/api/v1/weights_info", "POST", weights_info),
    ]
    return [
        Route(path, _in_thread(handler), methods=[method], name=f"rest_{handler.__name__}_{method.lower()}")
        for path, method, handler in table
    ]
