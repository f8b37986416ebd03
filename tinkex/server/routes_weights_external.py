"""External weights (0.38): ``save_weights_external`` and the signed per-file download URLs.

An external checkpoint is the model's LoRA adapter in the PEFT layout (``adapter_model.safetensors``
and ``adapter_config.json``, as other tools read it), saved under ``external_weights/<name>`` and
listed, deleted and given a TTL like any other checkpoint. ``external_weights_urls`` hands out one
signed, expiring URL per file (signed like the archive links), which any HTTP client can follow
without an API key. Age encryption (``age_encryption_recipients``) is not offered: the project
carries no age implementation, so such a request is refused rather than stored unencrypted.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from tinkex.server.auth import owner_of
from tinkex.server.context import ServerContext
from tinkex.server.routes_weights import checkpoint_name
from tinkex.server.storage import META_FILE, StorageError
from tinkex.server.storage_records import check_ttl, format_time
from tinkex.server.tinker_path import parse_checkpoint_id
from tinkex.server.url_signing import ArchiveLink
from tinkex.server.validation import ApiError, json_response, read_json, req_str, seq_id_of, training_keys

FILES_PREFIX = "/api/v1/external_files/"
MIN_EXTERNAL_TTL_S = 3600  # the SDK documents 1 hour to 10 years, or no expiry


def routes(ctx: ServerContext) -> list[Route]:
    async def save_weights_external(request: Request) -> Response:
        body = await read_json(request)
        model_id = req_str(body, "model_id")
        entry = ctx.model(model_id, owner_of(request))
        keys = training_keys(request, model_id, seq_id_of(body))
        if (original := ctx.duplicate("save_weights_external", keys)) is not None:
            return json_response(original.reference())
        name = checkpoint_name(body)
        if name is None:
            raise ApiError(400, "path: required, the checkpoint name")
        ttl_seconds = check_ttl(body.get("ttl_seconds"), minimum=MIN_EXTERNAL_TTL_S)
        if body.get("age_encryption_recipients"):
            raise ApiError(
                400,
                "age_encryption_recipients: the local server cannot encrypt with age; "
                "save without recipients (the files stay on this machine)",
            )

        def job() -> dict[str, Any]:
            engine = ctx.engine(entry.base_model)
            weights = engine.snapshot(entry.require())
            record = ctx.store.write_checkpoint(
                model_id,
                "external_weights",
                name,
                lambda directory: engine.save_sampler_weights(weights, directory),
                overwrite=False,
                ttl_seconds=ttl_seconds,
                user_metadata=None,
            )
            return {
                "path": record.tinker_path,
                "size_bytes": record.size_bytes,
                "type": "save_weights_external",
            }

        return json_response(
            ctx.submit("save_weights_external", model_id, keys, job, entry.owner).reference()
        )

    def checkpoint_files(run_id: str, checkpoint_id: str, owner: str | None) -> list[str]:
        ctx.store.get_checkpoint(run_id, checkpoint_id, viewer=owner, reading=True)
        kind, name = parse_checkpoint_id(checkpoint_id)
        directory = ctx.store.checkpoint_dir(run_id, kind, name)
        return sorted(p.name for p in directory.iterdir() if p.is_file() and p.name != META_FILE)

    async def external_weights_urls(request: Request) -> Response:
        run_id = str(request.path_params["training_run_id"])
        kind, name = str(request.path_params["kind"]), str(request.path_params["name"])
        if kind != "external_weights":
            raise ApiError(400, f"checkpoint_id: {kind}/{name} is not an external weights checkpoint")
        files = await run_in_threadpool(checkpoint_files, run_id, f"{kind}/{name}", owner_of(request))
        expires = math.ceil(ctx.store.now().timestamp() + ctx.config.archive_link_ttl_s)
        base = str(request.base_url).rstrip("/")
        urls = {}
        for filename in files:
            link = ArchiveLink(run_id, f"{kind}/{name}/{filename}", expires)
            query = urlencode({"run": run_id, "expires": expires, "signature": ctx.signer.signature(link)})
            urls[filename] = f"{base}{FILES_PREFIX}{quote(name)}/{quote(filename)}?{query}"
        return json_response({"urls": urls, "expires": format_time(datetime.fromtimestamp(expires, UTC))})

    async def download_file(request: Request) -> Response:
        name, filename = str(request.path_params["name"]), str(request.path_params["filename"])
        run_id, expires = request.query_params.get("run"), request.query_params.get("expires")
        signature = request.query_params.get("signature")
        if not run_id or not signature or expires is None or not expires.isdigit():
            raise ApiError(
                403, "signature: external weights links need run, expires and signature parameters"
            )
        checkpoint_id = f"external_weights/{name}"
        ctx.signer.verify(
            ArchiveLink(run_id, f"{checkpoint_id}/{filename}", int(expires)), signature, ctx.store.now()
        )
        files = await run_in_threadpool(checkpoint_files, run_id, checkpoint_id, None)
        if filename not in files:  # deleted or replaced since the link was issued
            raise StorageError(404, f"filename: {filename!r} is not a file of {checkpoint_id!r}")
        path = ctx.store.checkpoint_dir(run_id, "external_weights", name) / filename
        return FileResponse(path, filename=filename)

    checkpoint = "/api/v1/training_runs/{training_run_id}/checkpoints/{kind}/{name}"
    return [
        Route("/api/v1/save_weights_external", save_weights_external, methods=["POST"]),
        Route(f"{checkpoint}/external_weights_urls", external_weights_urls, methods=["GET"]),
        Route(FILES_PREFIX + "{name}/{filename}", download_file, methods=["GET"]),
    ]
