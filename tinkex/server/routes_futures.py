"""Future endpoints: retrieve_future (long-poll) and cancel_future (protocol.md 4); session-wide
polling (retrieve_futures) is in routes_futures_session."""

from __future__ import annotations

from typing import Any

import numpy as np
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tinkex._wire.proto_codec import (
    WireSampledSequence,
    encode_forward_backward_output,
    encode_sample_response,
    optional_floats,
    topk_rows,
)
from tinkex.server.auth import owner_of
from tinkex.server.context import ServerContext
from tinkex.server.futures import ForwardPayload, SamplePayload, ServerFuture
from tinkex.server.model.api_types import ForwardResult, SampleResult
from tinkex.server.validation import ApiError, json_response, read_json, req_str

PROTOBUF = "application/x-protobuf"
OUTPUT_TYPE = "ArrayRecord"


def _tensor_json(array: np.ndarray) -> dict[str, Any]:
    dtype = "float32" if array.dtype.kind == "f" else "int64"
    return {"data": array.ravel().tolist(), "dtype": dtype, "shape": list(array.shape)}


def legacy_forward_json(result: ForwardResult) -> dict[str, Any]:
    """The JSON ForwardBackwardOutput of pre-protobuf clients."""
    return {
        "loss_fn_output_type": OUTPUT_TYPE,
        "loss_fn_outputs": [{name: _tensor_json(a) for name, a in datum.items()} for datum in result.outputs],
        "metrics": result.metrics,
    }


def legacy_sample_json(result: SampleResult) -> dict[str, Any]:
    reply: dict[str, Any] = {
        "type": "sample",
        "sequences": [
            {"stop_reason": s.stop_reason, "tokens": s.tokens.tolist(), "logprobs": s.logprobs.tolist()}
            for s in result.sequences
        ],
    }
    if result.prompt_logprobs is not None:
        reply["prompt_logprobs"] = optional_floats(result.prompt_logprobs)
    if result.topk_prompt_logprobs is not None:
        reply["topk_prompt_logprobs"] = topk_rows(*result.topk_prompt_logprobs)
    return reply


def sample_protobuf(result: SampleResult) -> bytes:
    return encode_sample_response(
        [
            WireSampledSequence(s.tokens, s.logprobs, "length" if s.stop_reason == "length" else "stop")
            for s in result.sequences
        ],
        prompt_logprobs=result.prompt_logprobs,
        topk_prompt_logprobs=result.topk_prompt_logprobs,
    )


def result_response(future: ServerFuture, accept: str) -> Response:
    if future.error is not None:
        message, category = future.error
        return json_response({"error": message, "category": category})
    result = future.result
    wants_protobuf = PROTOBUF in accept
    if isinstance(result, ForwardPayload):
        if wants_protobuf:
            body = encode_forward_backward_output(OUTPUT_TYPE, result.result.outputs, result.result.metrics)
            return Response(body, media_type=PROTOBUF)
        return json_response(legacy_forward_json(result.result))
    if isinstance(result, SamplePayload):
        if wants_protobuf:
            return Response(sample_protobuf(result.result), media_type=PROTOBUF)
        return json_response(legacy_sample_json(result.result))
    return json_response(result)


def try_again(
    future: ServerFuture, queue_state: str, reason: str | None, retry_after_ms: int | None = None
) -> Response:
    reply: dict[str, Any] = {"type": "try_again", "request_id": future.request_id, "queue_state": queue_state}
    if reason is not None:
        reply["queue_state_reason"] = reason
    if retry_after_ms is not None:
        reply["retry_after_ms"] = retry_after_ms
    return json_response(reply)


def routes(ctx: ServerContext) -> list[Route]:
    def future_of(body: dict[str, Any], owner: str | None) -> ServerFuture:
        request_id = req_str(body, "request_id")
        future = ctx.futures.get(request_id, owner)
        if future is None:
            # 404, not 410: a 410 makes the SDK re-submit against state this process no longer has.
            raise ApiError(
                404, f"request_id: unknown future {request_id!r} (expired, or from an earlier server run)"
            )
        return future

    async def retrieve_future(request: Request) -> Response:
        future = future_of(await read_json(request), owner_of(request))
        if future.fault is not None and future.try_again_left > 0:
            future.try_again_left -= 1
            fault = future.fault
            return try_again(future, fault.queue_state, fault.queue_state_reason, fault.retry_after_ms)
        # The SDK re-polls at once on try_again, so hold the request until the result is ready.
        if not await ctx.futures.wait(future, ctx.config.long_poll_s):
            return try_again(future, "active", None)
        return result_response(future, request.headers.get("accept", ""))

    async def cancel_future(request: Request) -> Response:
        body = await read_json(request)
        future = ctx.futures.get(req_str(body, "request_id"), owner_of(request))
        # Only sampling can be abandoned: skipping a queued training request would break seq_id order.
        if future is not None and future.request_type == "sample" and not future.done.is_set():
            future.cancelled = True
        return json_response({})

    return [
        Route("/api/v1/retrieve_future", retrieve_future, methods=["POST"]),
        Route("/api/v1/cancel_future", cancel_future, methods=["POST"]),
    ]
