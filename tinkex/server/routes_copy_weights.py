"""``POST /api/v1/copy_weights``: copy a checkpoint into a new, untrainable training run (0.38).

As on the service, the copy shares storage with its source: its files are hard links (a plain copy
only where the file system cannot link), so no bytes are duplicated and deleting either side
leaves the other intact. The copy keeps the source's kind, name, metadata and server-private facts
(step, architecture), so it loads and samples like the source. The caller must be able to read the
source (their own, or published); the copy belongs to the caller. A retry with the same
``X-Idempotency-Key`` gets the same copy back instead of a second one.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex.server.auth import owner_of
from tinkex.server.context import ServerContext
from tinkex.server.storage import META_FILE
from tinkex.server.storage_records import RunRecord, check_ttl
from tinkex.server.validation import json_response, opt_int, opt_str, read_json, req_str

MIN_COPY_TTL_S = 3600  # the SDK documents 1 hour to 10 years, or no expiry


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _share_files(source: Path, destination: Path) -> None:
    shutil.copytree(
        source,
        destination,
        ignore=shutil.ignore_patterns(META_FILE),
        dirs_exist_ok=True,
        copy_function=_link_or_copy,
    )


def routes(ctx: ServerContext) -> list[Route]:
    copies: dict[tuple[str | None, str], str] = {}  # (owner, idempotency key) -> the copy's path

    def copy(
        source_path: str,
        owner: str | None,
        project_id: str | None,
        ttl_seconds: int | None,
        session_id: str | None,
    ) -> str:
        record, directory = ctx.store.resolve_tinker_path(source_path, viewer=owner)
        source_run = ctx.store.get_run(record.run_id)
        now = ctx.store.now()
        run_id = f"copy-{secrets.token_hex(8)}"
        metadata = {"copied_from": source_path}
        if project_id is not None:
            metadata["project_id"] = project_id
        ctx.store.create_run(
            RunRecord(
                run_id=run_id,
                base_model=source_run.base_model,
                lora_rank=source_run.lora_rank,
                train_attn=source_run.train_attn,
                train_mlp=source_run.train_mlp,
                train_unembed=source_run.train_unembed,
                lora_seed=source_run.lora_seed,
                session_id=session_id or "",
                created_at=now,
                last_request_time=now,
                user_metadata=metadata,
                owner=owner,
            )
        )
        copied = ctx.store.write_checkpoint(
            run_id,
            record.kind,
            record.name,
            lambda staged: _share_files(directory, staged),
            overwrite=False,
            ttl_seconds=ttl_seconds,
            user_metadata=record.user_metadata,
            extra=record.extra,
        )
        return copied.tinker_path

    async def copy_weights(request: Request) -> Response:
        body = await read_json(request)
        source_path = req_str(body, "source_path")
        ttl_seconds = check_ttl(opt_int(body, "ttl_seconds"), minimum=MIN_COPY_TTL_S)
        owner = owner_of(request)
        idempotency_key = request.headers.get("x-idempotency-key")
        if idempotency_key and (owner, idempotency_key) in copies:
            return json_response({"tinker_path": copies[(owner, idempotency_key)]})
        path = await run_in_threadpool(
            copy,
            source_path,
            owner,
            opt_str(body, "destination_project_id"),
            ttl_seconds,
            opt_str(body, "session_id"),
        )
        if idempotency_key:
            copies[(owner, idempotency_key)] = path
        ctx.activity.record(f"copy-{secrets.token_hex(6)}", "copy_weights", owner=owner, tinker_path=path)
        return json_response({"tinker_path": path})

    return [Route("/api/v1/copy_weights", copy_weights, methods=["POST"])]
