"""Weights endpoints: save_weights, save_weights_for_sampler, load_weights (protocol.md 3.3).

Checkpoints are written by the store (temp dir + rename) from the worker thread, so a save sees
exactly the state left by the requests queued before it. A duplicate checkpoint name fails the
future with category "user" rather than answering 409, which the SDK would retry for minutes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex.server.auth import owner_of
from tinkex.server.context import ModelEntry, SamplerEntry, ServerContext
from tinkex.server.model.api_types import LoraSettings
from tinkex.server.routes_training import new_run_record
from tinkex.server.storage import StorageError
from tinkex.server.storage_records import CheckpointRecord, check_ttl
from tinkex.server.tinker_path import TinkerPathError, validate_checkpoint_name
from tinkex.server.validation import (
    ApiError,
    dedupe_keys,
    json_response,
    opt_bool,
    opt_int,
    opt_str,
    opt_str_dict,
    read_json,
    req_int,
    req_str,
    seq_id_of,
    training_keys,
)


def checkpoint_name(body: dict[str, Any]) -> str | None:
    name = opt_str(body, "path")
    if name is None:
        return None
    try:
        return validate_checkpoint_name(name, field="path")
    except TinkerPathError as error:
        raise ApiError(400, str(error)) from None


def save_ttl(body: dict[str, Any]) -> int | None:
    """A save's ttl_seconds, checked now (capped at ten years) so a bad one never reaches the worker."""
    return check_ttl(body.get("ttl_seconds"), minimum=1)


def resolve_path(
    ctx: ServerContext, path: str, field: str, viewer: str | None
) -> tuple[CheckpointRecord, Path]:
    """A checkpoint ``viewer`` may read, with the store's error re-labelled with the request's field."""
    try:
        return ctx.store.resolve_tinker_path(path, viewer=viewer)
    except StorageError as error:
        problem = error.detail.partition(": ")[2] or error.detail
        raise ApiError(error.status, f"{field}: {problem}") from None


def routes(ctx: ServerContext) -> list[Route]:
    async def save_weights(request: Request) -> Response:
        body = await read_json(request)
        model_id = req_str(body, "model_id")
        entry = ctx.model(model_id, owner_of(request))
        keys = training_keys(request, model_id, seq_id_of(body))
        if (original := ctx.duplicate("save_weights", keys)) is not None:
            return json_response(original.reference())
        name = checkpoint_name(body)
        if name is None:
            raise ApiError(400, "path: required, the checkpoint name")
        ttl_seconds = save_ttl(body)
        overwrite = opt_bool(body, "overwrite", False)
        user_metadata = opt_str_dict(body, "user_metadata")

        def job() -> dict[str, Any]:
            model = entry.require()
            engine = ctx.engine(entry.base_model)
            record = ctx.store.write_checkpoint(
                model_id,
                "weights",
                name,
                lambda directory: engine.save(model, directory, with_optimizer=True),
                overwrite=overwrite,
                ttl_seconds=ttl_seconds,
                user_metadata=user_metadata,
            )
            return {"path": record.tinker_path, "type": "save_weights"}

        return json_response(ctx.submit("save_weights", model_id, keys, job, entry.owner).reference())

    async def save_weights_for_sampler(request: Request) -> Response:
        body = await read_json(request)
        model_id = req_str(body, "model_id")
        entry = ctx.model(model_id, owner_of(request))
        keys = training_keys(request, model_id, seq_id_of(body))
        if (original := ctx.duplicate("save_weights_for_sampler", keys)) is not None:
            return json_response(original.reference())
        name = checkpoint_name(body)
        sampling_seq = opt_int(body, "sampling_session_seq_id", minimum=0)
        if name is None and sampling_seq is None:
            raise ApiError(
                400, "path: give a checkpoint name, or sampling_session_seq_id for an unnamed snapshot"
            )
        session = ctx.sessions.get(entry.session_id, entry.owner)
        sampler_id = None if sampling_seq is None else f"{entry.session_id}:sample:{sampling_seq}"
        ttl_seconds = save_ttl(body)
        user_metadata = opt_str_dict(body, "user_metadata")

        def job() -> dict[str, Any]:
            engine = ctx.engine(entry.base_model)
            # A snapshot shares the (immutable) arrays, so later training never changes it.
            weights = engine.snapshot(entry.require())
            reply: dict[str, Any] = {"type": "save_weights_for_sampler"}
            if name is not None:
                record = ctx.store.write_checkpoint(
                    model_id,
                    "sampler_weights",
                    name,
                    lambda directory: engine.save_sampler_weights(weights, directory),
                    overwrite=opt_bool(body, "overwrite", False),
                    ttl_seconds=ttl_seconds,
                    user_metadata=user_metadata,
                )
                reply["path"] = record.tinker_path
            # A session released meanwhile has dropped its samplers; do not add one back.
            if sampler_id is not None and not session.released:
                ctx.samplers[sampler_id] = SamplerEntry(
                    sampler_id,
                    entry.base_model,
                    model_path=reply.get("path"),
                    weights=weights,
                    owner=entry.owner,
                    session_id=entry.session_id,
                )
                session.sampler_ids.append(sampler_id)
                reply["sampling_session_id"] = sampler_id
            return reply

        return json_response(
            ctx.submit("save_weights_for_sampler", model_id, keys, job, entry.owner).reference()
        )

    async def load_weights(request: Request) -> Response:
        body = await read_json(request)
        if body.get("model_id") is None:
            return await load_as_new_model(request, body)
        model_id = req_str(body, "model_id")
        entry = ctx.model(model_id, owner_of(request))
        keys = training_keys(request, model_id, seq_id_of(body))
        if (original := ctx.duplicate("load_weights", keys)) is not None:
            return json_response(original.reference())
        path = req_str(body, "path")
        directory = training_checkpoint(path, expected_base_model=entry.base_model, viewer=entry.owner)
        optimizer = opt_bool(body, "optimizer", False)

        def job() -> dict[str, Any]:
            ctx.engine(entry.base_model).load(directory, with_optimizer=optimizer, into=entry.require())
            ctx.touch_run(entry)
            return {"path": path, "type": "load_weights"}

        return json_response(ctx.submit("load_weights", model_id, keys, job, entry.owner).reference())

    async def load_as_new_model(request: Request, body: dict[str, Any]) -> Response:
        """load_weights with session_id + model_seq_id: create a model from a checkpoint."""
        session_id = req_str(body, "session_id")
        model_id = f"{session_id}:train:{req_int(body, 'model_seq_id', minimum=0)}"
        keys = dedupe_keys(request, ("load_model", model_id))
        if (original := ctx.duplicate("load_weights", keys)) is not None:
            return json_response(original.reference())
        owner = owner_of(request)
        session = ctx.sessions.active(session_id, owner)
        path = req_str(body, "path")
        record, _ = resolve_path(ctx, path, "path", owner)
        run = ctx.store.get_run(record.run_id)
        directory = training_checkpoint(
            path, expected_base_model=opt_str(body, "base_model") or run.base_model, viewer=owner
        )
        if model_id in ctx.models:
            raise ApiError(400, f"model_seq_id: model {model_id!r} already exists in this session")
        optimizer = opt_bool(body, "optimizer", False)
        lora = LoraSettings(run.lora_rank, run.lora_seed, run.train_attn, run.train_mlp, run.train_unembed)
        entry = ModelEntry(model_id, run.base_model, lora, session_id, owner=owner)
        user_metadata = opt_str_dict(body, "user_metadata")
        ctx.models[model_id] = entry
        session.training_run_ids.append(model_id)

        def job() -> dict[str, Any]:
            trainable = ctx.engine(entry.base_model).load(directory, with_optimizer=optimizer)
            entry.lora = trainable.lora
            ctx.store.create_run(new_run_record(ctx, entry, user_metadata))
            entry.trainable = trainable
            return {"model_id": model_id, "path": path, "type": "load_weights"}

        return json_response(ctx.submit("load_weights", model_id, keys, job, owner).reference())

    def training_checkpoint(path: str, *, expected_base_model: str, viewer: str | None) -> Path:
        record, directory = resolve_path(ctx, path, "path", viewer)
        if record.kind != "weights":
            raise ApiError(
                400,
                f"path: load_weights needs a training checkpoint (tinker://<run>/weights/<name>), got {path!r}",
            )
        run = ctx.store.get_run(record.run_id)
        ctx.spec(run.base_model, field_name="path")
        if run.base_model != expected_base_model:
            raise ApiError(
                400, f"path: checkpoint was trained on {run.base_model!r}, not {expected_base_model!r}"
            )
        return directory

    return [
        Route("/api/v1/save_weights", save_weights, methods=["POST"]),
        Route("/api/v1/save_weights_for_sampler", save_weights_for_sampler, methods=["POST"]),
        Route("/api/v1/load_weights", load_weights, methods=["POST"]),
    ]
