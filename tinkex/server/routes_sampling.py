"""Sampling endpoints: create_sampling_session, samplers/{id}, asample (protocol.md 3.4, 5.7)."""

from __future__ import annotations

from typing import Any

import numpy as np
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex.server.auth import owner_of
from tinkex.server.completion_feed import clone_of
from tinkex.server.context import SamplerEntry, ServerContext
from tinkex.server.datums import parse_model_input
from tinkex.server.futures import SamplePayload
from tinkex.server.model.api_types import LoraWeights, SampleRequestArrays, UserInputError
from tinkex.server.model.catalog import ModelSpec
from tinkex.server.model.sampling import prepare_sample
from tinkex.server.routes_weights import resolve_path
from tinkex.server.validation import (
    ApiError,
    dedupe_keys,
    json_response,
    opt_bool,
    opt_float,
    opt_int,
    opt_object,
    opt_str,
    read_json,
    req_int,
    req_str,
    user_input,
)

MAX_NUM_SAMPLES = 16
MAX_NEW_TOKENS = 256
MAX_STOP_SEQUENCES = 64
# 0.38 sampling extras the local engine does not compute: refusing beats silently ignoring them.
UNSUPPORTED_OPTIONS = (
    "topk_sample_logprobs",
    "prompt_alt_tokens_k",
    "target_prompt_logprobs",
    "prompt_logprobs_last_n",
)


def _stop_lists(value: Any) -> tuple[list[int] | None, list[str] | None]:
    """``stop`` -> (stop token ids, stop strings); None keeps EOS stopping, [] disables stopping.

    The count is bounded: every distinct stop-list size bucket compiles another sampling program.
    """
    if value is None:
        return None, None
    if isinstance(value, list) and len(value) > MAX_STOP_SEQUENCES:
        raise ApiError(400, f"sampling_params.stop: at most {MAX_STOP_SEQUENCES} entries, got {len(value)}")
    if isinstance(value, str):
        return None, [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
        return None, list(value)
    if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return list(value), None
    raise ApiError(400, "sampling_params.stop: must be a string, a list of strings or a list of token ids")


def sample_request(body: dict[str, Any], spec: ModelSpec) -> SampleRequestArrays:
    chunks = parse_model_input(body.get("prompt"), "prompt")
    prompt = (
        np.concatenate([c.tokens for c in chunks if c.tokens is not None])
        if chunks
        else np.zeros(0, np.int32)
    )
    for option in UNSUPPORTED_OPTIONS:
        value = body.get(option)
        if value not in (None, 0):
            raise ApiError(400, f"{option}: not supported by the local server")
    num_samples = opt_int(body, "num_samples", minimum=1) or 1
    if num_samples > MAX_NUM_SAMPLES:
        raise ApiError(400, f"num_samples: at most {MAX_NUM_SAMPLES}, got {num_samples}")
    params = opt_object(body, "sampling_params") or {}
    max_tokens = opt_int(params, "max_tokens", minimum=1)
    if max_tokens is None:  # unset: run to a stop or to the end of the context
        max_tokens = max(1, min(MAX_NEW_TOKENS, spec.max_context - prompt.size))
    if max_tokens > MAX_NEW_TOKENS:
        raise ApiError(400, f"sampling_params.max_tokens: at most {MAX_NEW_TOKENS}, got {max_tokens}")
    stop_tokens, stop_strings = _stop_lists(params.get("stop"))
    top_k = opt_int(params, "top_k")
    request = SampleRequestArrays(
        prompt=prompt.astype(np.int32),
        num_samples=num_samples,
        max_tokens=max_tokens,
        temperature=opt_float(params, "temperature", 1.0, where="sampling_params."),
        top_k=-1 if top_k is None else top_k,
        top_p=opt_float(params, "top_p", 1.0, where="sampling_params."),
        seed=opt_int(params, "seed", minimum=0),
        stop_tokens=stop_tokens,
        stop_strings=stop_strings,
        prompt_logprobs=opt_bool(body, "prompt_logprobs", False),
        topk_prompt_logprobs=opt_int(body, "topk_prompt_logprobs", minimum=0) or 0,
    )
    try:
        prepare_sample(request, spec)  # the engine's own checks, run now so mistakes are a 400
    except UserInputError as error:
        raise user_input(error) from None
    return request


def routes(ctx: ServerContext) -> list[Route]:
    def sampler_from_path(
        sampler_id: str, model_path: str, base_model: str | None, owner: str | None, session_id: str | None
    ) -> SamplerEntry:
        record, directory = resolve_path(ctx, model_path, "model_path", owner)
        run = ctx.store.get_run(record.run_id)
        ctx.spec(run.base_model, field_name="model_path")
        if base_model is not None and base_model != run.base_model:
            raise ApiError(
                400, f"base_model: {base_model!r} does not match the checkpoint's {run.base_model!r}"
            )
        return SamplerEntry(
            sampler_id,
            run.base_model,
            model_path=model_path,
            weights_dir=directory,
            owner=owner,
            session_id=session_id,
        )

    def sampler_of_request(body: dict[str, Any], owner: str | None) -> SamplerEntry:
        sampling_session_id = opt_str(body, "sampling_session_id")
        if sampling_session_id is not None:
            return ctx.sampler(sampling_session_id, owner)
        model_path, base_model = opt_str(body, "model_path"), opt_str(body, "base_model")
        if model_path is not None:
            return sampler_from_path("direct", model_path, base_model, owner, None)
        if base_model is not None:
            ctx.spec(base_model)
            return SamplerEntry("direct", base_model, owner=owner)
        raise ApiError(400, "sampling_session_id: required (or base_model / model_path for direct sampling)")

    def weights_of(sampler: SamplerEntry) -> LoraWeights | None:
        """Worker thread: checkpoints are read on first use and then kept."""
        if sampler.weights is None and sampler.weights_dir is not None:
            sampler.weights = ctx.engine(sampler.base_model).load_sampler_weights(sampler.weights_dir)
        return sampler.weights

    async def create_sampling_session(request: Request) -> Response:
        body = await read_json(request)
        session_id = req_str(body, "session_id")
        sampler_id = f"{session_id}:sample:{req_int(body, 'sampling_session_seq_id', minimum=0)}"
        owner = owner_of(request)
        session = ctx.sessions.active(session_id, owner)
        if sampler_id not in ctx.samplers:  # a repeated request gets the same sampler
            model_path, base_model = opt_str(body, "model_path"), opt_str(body, "base_model")
            if model_path is not None:
                entry = sampler_from_path(sampler_id, model_path, base_model, owner, session_id)
            elif base_model is not None:
                ctx.spec(base_model)
                entry = SamplerEntry(sampler_id, base_model, owner=owner, session_id=session_id)
            else:
                raise ApiError(400, "base_model: give base_model or model_path")
            ctx.samplers[sampler_id] = entry
            session.sampler_ids.append(sampler_id)
        return json_response({"sampling_session_id": sampler_id, "type": "create_sampling_session"})

    async def get_sampler(request: Request) -> Response:
        entry = ctx.sampler(
            str(request.path_params["sampler_id"]), owner_of(request), field_name="sampler_id"
        )
        reply = {"sampler_id": entry.sampler_id, "base_model": entry.base_model}
        if entry.model_path is not None:
            reply["model_path"] = entry.model_path
        return json_response(reply)

    async def asample(request: Request) -> Response:
        body = await read_json(request)
        keys = dedupe_keys(request)
        if (original := ctx.duplicate("sample", keys)) is not None:
            return json_response(original.reference())
        if request.headers.get("x-tinker-sampling-backpressure") and (
            ctx.worker.pending >= ctx.config.sample_backpressure_queue
        ):
            retry_ms = ctx.config.backpressure_retry_ms
            raise ApiError(
                429,
                f"asample: {ctx.worker.pending} jobs queued; retry in {retry_ms} ms",
                headers={"retry-after-ms": str(retry_ms)},
            )
        owner = owner_of(request)
        sampler = sampler_of_request(body, owner)
        request_arrays = await run_in_threadpool(sample_request, body, ctx.spec(sampler.base_model))

        def job() -> SamplePayload:
            weights = weights_of(sampler)
            return SamplePayload(ctx.engine(sampler.base_model).sample(weights, request_arrays))

        future = ctx.submit(
            "sample",
            None,
            keys,
            job,
            owner,
            session_id=sampler.session_id,
            base_model=sampler.base_model,
            tokens=int(request_arrays.prompt.size),
        )
        if body.get("record_stability_info") is True:  # kept for stable_reinforce provenance
            ctx.sequences.watch(future, owner, sampler.session_id)
        ctx.completions.watch(
            (owner, sampler.sampler_id, clone_of(opt_int(body, "seq_id", minimum=0))), future
        )
        future.reply_extra["sample_sequence_ids"] = [
            f"{future.request_id}:{index}" for index in range(request_arrays.num_samples)
        ]
        return json_response(future.reference())

    return [
        Route("/api/v1/create_sampling_session", create_sampling_session, methods=["POST"]),
        Route("/api/v1/samplers/{sampler_id}", get_sampler, methods=["GET"]),
        Route("/api/v1/asample", asample, methods=["POST"]),
    ]
