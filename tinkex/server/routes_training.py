"""Model and training endpoints: create_model, get_info, unload_model, forward_backward, forward, optim_step.

Each asynchronous endpoint validates synchronously (bad input -> 400 naming the field), answers
a repeated ``(model_id, seq_id)`` with the original future, and queues the job on the worker.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex._wire.proto_codec import ForwardBackwardRequestData, WireDatum, decode_forward_backward_request
from tinkex.server.auth import owner_of
from tinkex.server.context import ModelEntry, ServerContext
from tinkex.server.datums import datum_arrays, numeric_loss_config, parse_json_datums
from tinkex.server.futures import ForwardPayload
from tinkex.server.model.catalog import TOKENIZER_ID, ModelSpec
from tinkex.server.storage_records import RunRecord
from tinkex.server.validation import (
    ApiError,
    adam_settings,
    check_optimizer_config,
    dedupe_keys,
    json_response,
    lora_settings,
    opt_str_dict,
    parse_json_object,
    read_body,
    read_json,
    req_int,
    req_str,
    seq_id_of,
    training_keys,
)

PROTOBUF = "application/x-protobuf"


def arch_name(spec: ModelSpec) -> str:
    return (
        f"byte-causal-transformer(d_model={spec.d_model}, n_layers={spec.n_layers}, n_heads={spec.n_heads})"
    )


def new_run_record(ctx: ServerContext, entry: ModelEntry, user_metadata: dict[str, str] | None) -> RunRecord:
    now = ctx.store.now()
    return RunRecord(
        run_id=entry.model_id,
        base_model=entry.base_model,
        lora_rank=entry.lora.rank,
        train_attn=entry.lora.train_attn,
        train_mlp=entry.lora.train_mlp,
        train_unembed=entry.lora.train_unembed,
        lora_seed=entry.lora.seed,
        session_id=entry.session_id,
        created_at=now,
        last_request_time=now,
        user_metadata=user_metadata,
        owner=entry.owner,
    )


def decode_protobuf(body: bytes) -> ForwardBackwardRequestData:
    """The binary forward_backward body (in a worker thread: decoding is proportional to the body)."""
    try:
        decoded = decode_forward_backward_request(body)
    except Exception as error:  # protobuf's DecodeError and bad packed arrays alike
        raise ApiError(400, f"body: not a valid ForwardBackwardRequest protobuf ({error})") from None
    if not decoded.model_id:
        raise ApiError(400, "model_id: required, a non-empty string")
    if decoded.seq_id < 1:
        raise ApiError(400, f"seq_id: must be at least 1, got {decoded.seq_id}")
    return decoded


def routes(ctx: ServerContext) -> list[Route]:
    async def create_model(request: Request) -> Response:
        body = await read_json(request)
        session_id = req_str(body, "session_id")
        model_id = f"{session_id}:train:{req_int(body, 'model_seq_id', minimum=0)}"
        keys = dedupe_keys(request, ("create_model", model_id))
        if (original := ctx.duplicate("create_model", keys)) is not None:
            return json_response(original.reference())
        owner = owner_of(request)
        session = ctx.sessions.active(session_id, owner)
        base_model = req_str(body, "base_model")
        ctx.spec(base_model)
        check_optimizer_config(body)
        if model_id in ctx.models:
            raise ApiError(400, f"model_seq_id: model {model_id!r} already exists in this session")
        # A missing seed means "random"; the chosen one is recorded in the run so it can be reproduced.
        lora = lora_settings(body, secrets.randbits(31))
        entry = ModelEntry(model_id, base_model, lora, session_id, owner=owner)
        user_metadata = opt_str_dict(body, "user_metadata")
        ctx.models[model_id] = entry
        session.training_run_ids.append(model_id)

        def job() -> dict[str, Any]:
            ctx.store.create_run(new_run_record(ctx, entry, user_metadata))
            entry.trainable = ctx.engine(base_model).create_model(entry.lora)
            return {"model_id": model_id, "type": "create_model"}

        return json_response(ctx.submit("create_model", model_id, keys, job, owner).reference())

    async def get_info(request: Request) -> Response:
        body = await read_json(request)
        entry = ctx.model(req_str(body, "model_id"), owner_of(request))
        spec = ctx.spec(entry.base_model)
        return json_response(
            {
                "type": "get_info",
                "model_id": entry.model_id,
                "model_data": {
                    "arch": arch_name(spec),
                    "model_name": spec.name,
                    "tokenizer_id": TOKENIZER_ID,
                },
                "model_name": spec.name,
                "is_lora": True,
                "lora_rank": entry.lora.rank,
                "optimizer_config": {"type": "adamw"},
            }
        )

    async def unload_model(request: Request) -> Response:
        body = await read_json(request)
        model_id = req_str(body, "model_id")
        keys = dedupe_keys(request, ("unload_model", model_id))
        if (original := ctx.duplicate("unload_model", keys)) is not None:
            return json_response(original.reference())
        entry = ctx.model(model_id, owner_of(request))
        entry.unloaded = True  # new requests get 404; the ones already queued still run first

        def job() -> dict[str, Any]:
            entry.trainable = None
            return {"model_id": model_id, "type": "unload_model"}

        return json_response(ctx.submit("unload_model", model_id, keys, job, entry.owner).reference())

    async def submit_forward(
        request: Request,
        request_type: str,
        model_id: str,
        seq_id: int | None,
        loss_fn: str,
        loss_fn_config: dict[str, Any] | None,
        datums: list[WireDatum],
        forward_only: bool,
    ) -> Response:
        entry = ctx.model(model_id, owner_of(request))
        keys = training_keys(request, model_id, seq_id)
        if (original := ctx.duplicate(request_type, keys)) is not None:
            return json_response(original.reference())
        config = numeric_loss_config(loss_fn, loss_fn_config)
        if loss_fn == "stable_reinforce":  # the sampler's logprobs may come by provenance instead
            datums = await run_in_threadpool(
                ctx.sequences.fill_from_provenance, datums, entry.owner, entry.session_id
            )
        arrays = await run_in_threadpool(datum_arrays, datums, ctx.spec(entry.base_model), loss_fn)

        def job() -> ForwardPayload:
            model = entry.require()
            ctx.touch_run(entry)
            engine = ctx.engine(entry.base_model)
            return ForwardPayload(
                engine.forward_backward(model, arrays, loss_fn, config, forward_only=forward_only)
            )

        return json_response(ctx.submit(request_type, model_id, keys, job, entry.owner).reference())

    async def forward_backward(request: Request) -> Response:
        body = await read_body(request)
        if PROTOBUF in request.headers.get("content-type", ""):
            decoded = await run_in_threadpool(decode_protobuf, body)
            return await submit_forward(
                request,
                "forward" if decoded.forward_only else "forward_backward",
                decoded.model_id,
                decoded.seq_id,
                decoded.loss_fn,
                decoded.loss_fn_config,
                decoded.data,
                decoded.forward_only,
            )
        parsed = await run_in_threadpool(parse_json_object, body)
        return await legacy_json_forward(request, parsed, "forward_backward_input", False)

    async def forward(request: Request) -> Response:
        return await legacy_json_forward(request, await read_json(request), "forward_input", True)

    async def legacy_json_forward(
        request: Request, body: dict[str, Any], input_field: str, forward_only: bool
    ) -> Response:
        """The JSON form older clients (SDK 0.15, Elixir tinkex) send."""
        model_id = req_str(body, "model_id")
        fb_input = body.get(input_field)
        if not isinstance(fb_input, dict):
            raise ApiError(400, f"{input_field}: required, an object with data, loss_fn and loss_fn_config")
        config = fb_input.get("loss_fn_config")
        if config is not None and not isinstance(config, dict):
            raise ApiError(400, f"{input_field}.loss_fn_config: must be an object")
        return await submit_forward(
            request,
            "forward" if forward_only else "forward_backward",
            model_id,
            seq_id_of(body),
            req_str(fb_input, "loss_fn"),
            config,
            await run_in_threadpool(parse_json_datums, fb_input.get("data"), "data"),
            forward_only,
        )

    async def optim_step(request: Request) -> Response:
        body = await read_json(request)
        model_id = req_str(body, "model_id")
        entry = ctx.model(model_id, owner_of(request))
        seq_id = seq_id_of(body)
        keys = training_keys(request, model_id, seq_id)
        if (original := ctx.duplicate("optim_step", keys)) is not None:
            return json_response(original.reference())
        adam = adam_settings(body)

        def job() -> dict[str, Any]:
            model = entry.require()
            ctx.touch_run(entry)
            return {"metrics": ctx.engine(entry.base_model).optim_step(model, adam)}

        return json_response(ctx.submit("optim_step", model_id, keys, job, entry.owner).reference())

    return [
        Route("/api/v1/create_model", create_model, methods=["POST"]),
        Route("/api/v1/get_info", get_info, methods=["POST"]),
        Route("/api/v1/unload_model", unload_model, methods=["POST"]),
        Route("/api/v1/forward_backward", forward_backward, methods=["POST"]),
        Route("/api/v1/forward", forward, methods=["POST"]),
        Route("/api/v1/optim_step", optim_step, methods=["POST"]),
    ]
