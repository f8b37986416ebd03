"""The forward/backward pipeline of a training client: validation, chunking, encoding, and
``TrainingCalls``, the seq_id-ordered submission every state-touching call goes through.

Kept apart from ``training_client.py`` so the public class stays a thin shell.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping, Sequence
from types import ModuleType
from typing import Any, TypeVar

from tinker_openapi.api.training import forward, forward_backward
from tinker_openapi.types import File

from .._compat.official_objects import as_tinkex
from .._core.holder import ClientHolder
from .._core.requests import (
    FutureOutcome,
    Submitted,
    TurnGate,
    await_result,
    gather_or_cancel,
    result_as,
    submit,
)
from .._http.options import PoolType
from .._wire import convert, proto_codec
from ..errors import TinkexValidationError, UnsupportedLossFnError
from ..futures import APIFuture, OperationScope
from ..queue_state import QueueStateTracker
from ..telemetry.capture import captured
from ..types import (
    LOSS_FN_TYPES,
    Datum,
    ForwardBackwardInput,
    ForwardBackwardOutput,
    ForwardBackwardRequest,
    ForwardRequest,
)

T = TypeVar("T")
PROTOBUF = "application/x-protobuf"


class TrainingCalls:
    """The calls of one training model. Each reserves its seq_ids from ``gate`` synchronously
    (so ids follow call order), then runs through ``run`` as one of the client's operations;
    requests are sent in seq_id order (``submit_in_turn``) and their results polled concurrently.
    """

    def __init__(
        self, holder: ClientHolder, model_id: str, operations: OperationScope, tracker: QueueStateTracker
    ) -> None:
        self.holder = holder
        self.model_id = model_id
        self.gate = TurnGate(first=1)
        self.tracker = tracker
        self._operations = operations

    def run(self, make: Callable[[], Coroutine[Any, Any, T]], description: str) -> APIFuture[T]:
        self._operations.ensure_open()
        work = captured(self.holder, description, make())  # failures go to telemetry (TEL-09)
        return self._operations.submit(work, f"{description} on {self.model_id}")

    async def submit_in_turn(self, seq_id: int, endpoint: ModuleType, body: Any, **kwargs: Any) -> Submitted:
        await self.gate.wait_turn(seq_id)
        try:
            tags = {"model_id": self.model_id, "seq_id": seq_id}  # TRN-18
            return await submit(self.holder, endpoint, body, pool=PoolType.TRAINING, telemetry=tags, **kwargs)
        finally:
            self.gate.finish_turn(seq_id)

    async def json_call(
        self, seq_id: int, endpoint: ModuleType, body: Any, request_type: str, result: type[T]
    ) -> T:
        """Submit ``body`` in ``seq_id``'s turn and wait for its JSON result, as ``result``."""
        submitted = await self.submit_in_turn(seq_id, endpoint, body)
        return await await_result(
            self.holder, submitted, request_type, result_as(result), tracker=self.tracker
        )

    def start_forward_backward(
        self, data: list[Datum], loss_fn: str, config: Mapping[str, float | str] | None, *, forward_only: bool
    ) -> APIFuture[ForwardBackwardOutput]:
        description = "forward" if forward_only else "forward_backward"
        try:
            datums = validate_forward_inputs(data, loss_fn, config)
        except UnsupportedLossFnError as exc:
            # The official SDK reports an unknown loss through the future (the server's 400):
            # fail the future the same way, with nothing sent and no seq_id reserved.
            return APIFuture.failed(exc, description=description)
        chunks = self.chunks(datums)
        seq_ids = self.gate.reserve(len(chunks))
        return self.run(
            lambda: self.forward_backward(chunks, seq_ids, loss_fn, config, forward_only=forward_only),
            description,
        )

    def chunks(self, datums: list[Datum]) -> list[list[Datum]]:
        if not datums:
            raise TinkexValidationError("data must contain at least one Datum", field="data")
        client_config = self.holder.client_config
        return chunk_data(
            datums,
            int(client_config["fwdbwd_max_chunk_len"]),
            int(client_config["fwdbwd_max_chunk_bytes_count"]),
        )

    async def forward_backward(
        self,
        chunks: list[list[Datum]],
        seq_ids: range,
        loss_fn: str,
        config: Mapping[str, float | str] | None,
        *,
        forward_only: bool,
    ) -> ForwardBackwardOutput:
        """Send one request per chunk, each in its seq_id's turn, and combine their results."""
        wire = self.holder.config.wire_format
        submitted: list[Submitted] = []
        for chunk, seq_id in zip(chunks, seq_ids, strict=True):
            endpoint, arguments = encode_chunk(
                model_id=self.model_id,
                seq_id=seq_id,
                chunk=chunk,
                loss_fn=loss_fn,
                loss_fn_config=config,
                forward_only=forward_only,
                wire_format=wire,
                compress=bool(self.holder.client_config.get("proto_compress_fwdbwd")),
            )
            submitted.append(await self.submit_in_turn(seq_id, endpoint, **arguments))
        request_type = "Forward" if forward_only else "ForwardBackward"
        results = await gather_or_cancel(
            await_result(
                self.holder,
                s,
                request_type,
                _forward_backward_output,
                expects_proto=wire == "protobuf",
                tracker=self.tracker,
            )
            for s in submitted
        )
        return combine_outputs(results)


def validate_forward_inputs(data: object, loss_fn: object, loss_fn_config: object) -> list[Datum]:
    """Check a forward/forward_backward call before any id is reserved or request sent."""
    if not isinstance(data, (list, tuple)):
        raise TinkexValidationError("data must be a list of Datum", field="data")
    datums = coerce_datums(data)
    if loss_fn not in LOSS_FN_TYPES:
        raise UnsupportedLossFnError(
            f"loss_fn must be one of {', '.join(LOSS_FN_TYPES)}, got {loss_fn!r}", field="loss_fn"
        )
    if loss_fn_config is not None:
        if not isinstance(loss_fn_config, Mapping):
            raise TinkexValidationError(
                "loss_fn_config must be a mapping of str to number or str", field="loss_fn_config"
            )
        for key, value in loss_fn_config.items():
            if (
                not isinstance(key, str)
                or isinstance(value, bool)
                or not isinstance(value, (int, float, str))
            ):
                raise TinkexValidationError(
                    f"loss_fn_config[{key!r}] must be a number or a string", field="loss_fn_config"
                )
    return datums


def coerce_datums(data: Sequence[object]) -> list[Datum]:
    """The datums, official ``tinker`` ones converted; anything else refused, naming its class."""
    return [as_tinkex(datum, Datum, f"data[{i}]") for i, datum in enumerate(data)]


def estimate_bytes(datum: Datum) -> int:
    """Request-size estimate used for chunking: 4 bytes a token, tensor bytes, 8 per sparse index."""
    total = 4 * datum.model_input.length
    for tensor in datum.loss_fn_inputs.values():
        total += tensor._data.nbytes
        if tensor.sparse_crow_indices is not None:
            total += 8 * (len(tensor.sparse_crow_indices) + len(tensor.sparse_col_indices or []))
    return total


def chunk_data(data: Sequence[Datum], max_len: int, max_bytes: int) -> list[list[Datum]]:
    """Split into chunks of at most ``max_len`` datums and ``max_bytes`` estimated bytes."""
    chunks: list[list[Datum]] = []
    current: list[Datum] = []
    size = 0
    for datum in data:
        cost = estimate_bytes(datum)
        if current and (len(current) >= max_len or size + cost > max_bytes):
            chunks.append(current)
            current, size = [], 0
        current.append(datum)
        size += cost
    if current:
        chunks.append(current)
    return chunks


def encode_chunk(
    *,
    model_id: str,
    seq_id: int,
    chunk: Sequence[Datum],
    loss_fn: str,
    loss_fn_config: Mapping[str, float | str] | None,
    forward_only: bool,
    wire_format: str,
    compress: bool,
) -> tuple[ModuleType, dict[str, Any]]:
    """The generated endpoint and its arguments for one chunk: the JSON request model, or the
    protobuf body (with ``forward_only`` inside it) as a ``File``."""
    if wire_format == "json":
        fb_input = ForwardBackwardInput(data=chunk, loss_fn=loss_fn, loss_fn_config=loss_fn_config)  # type: ignore[arg-type]
        if forward_only:
            return forward, {"body": ForwardRequest(forward_input=fb_input, model_id=model_id, seq_id=seq_id)}
        request = ForwardBackwardRequest(forward_backward_input=fb_input, model_id=model_id, seq_id=seq_id)
        return forward_backward, {"body": request}
    content = convert.forward_backward_request_proto(
        model_id, seq_id, loss_fn, loss_fn_config, chunk, forward_only
    )
    arguments: dict[str, Any] = {}
    if compress:
        content = proto_codec.compress_zstd(content)
        arguments["content_encoding"] = "zstd"
    arguments["body"] = File(payload=content, mime_type=PROTOBUF)
    return forward_backward, arguments


def combine_outputs(outputs: Sequence[ForwardBackwardOutput]) -> ForwardBackwardOutput:
    """One result for a chunked call: outputs concatenated, metrics reduced (features FUT-13)."""
    from ..metrics_reduction import combine_forward_backward_outputs

    if len(outputs) == 1:
        only = outputs[0]
        combined = combine_forward_backward_outputs(
            [(only.loss_fn_output_type, only.loss_fn_outputs, only.metrics)]
        )
    else:
        combined = combine_forward_backward_outputs(
            [(o.loss_fn_output_type, o.loss_fn_outputs, o.metrics) for o in outputs]
        )
    output_type, loss_fn_outputs, metrics = combined
    return ForwardBackwardOutput(
        loss_fn_output_type=output_type, loss_fn_outputs=list(loss_fn_outputs), metrics=dict(metrics)
    )


_json_forward_backward_output = result_as(ForwardBackwardOutput)


def _forward_backward_output(outcome: FutureOutcome) -> ForwardBackwardOutput:
    if outcome.proto is not None:
        return convert.forward_backward_output_from_proto(outcome.proto)
    return _json_forward_backward_output(outcome)
