"""``TrainingClient``: forward/backward passes, optimizer steps and checkpoints of one model.

Every state-touching call reserves the next ``seq_id`` synchronously (so ids follow call
order), submits on the SDK loop in seq_id order, and returns an ``APIFuture`` at once.
A retried request reuses its seq_id, so the server never applies a step twice.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from tinker_openapi.api.training import optim_step

from . import tokenizer as _tok
from ._clients import training_ops as ops
from ._clients.training_checkpoints import TrainingCheckpoints
from ._clients.training_external import TrainingExternal
from ._compat.backcompat import BackcompatClientFuture, forward_client_methods
from ._compat.deprecations import official_deprecations, warn_loss_type_input
from ._compat.official_objects import as_tinkex
from ._core.holder import ClientHolder
from ._core.lifecycle import ClientLifecycle
from ._core.observers import ClientObservers
from ._core.requests import (
    FutureOutcome,
    Submitted,
    TurnGate,
    await_result,
    gather_or_cancel,
    result_as,
    submit,
)
from ._http.options import PoolType
from ._wire import convert
from .errors import RequestFailedError, TinkexValidationError, UnsupportedLossFnError
from .futures import APIFuture
from .queue_state import QueueStateLogger, QueueStateTracker
from .telemetry.capture import captured
from .types import (
    AdamParams,
    Datum,
    DimuonParams,
    ForwardBackwardOutput,
    GetInfoResponse,
    LossFnType,
    OptimStepRequest,
    OptimStepResponse,
)

if TYPE_CHECKING:
    from types import ModuleType

T = TypeVar("T")


@official_deprecations
class TrainingClient(TrainingCheckpoints, TrainingExternal, ClientObservers, ClientLifecycle):
    """A LoRA model being trained; create one with ``ServiceClient.create_lora_training_client``."""

    def __init__(
        self, holder: ClientHolder, model_seq_id: int, model_id: str, *, info: GetInfoResponse
    ) -> None:
        self.holder = holder
        self.model_id = model_id
        self._training_client_id = model_seq_id
        self._info = info
        self._gate = TurnGate(first=1)
        logger = QueueStateLogger("training", model_id)
        self._tracker = QueueStateTracker(logger, metadata={"model_id": model_id})

    def __repr__(self) -> str:
        return f"TrainingClient(model_id={self.model_id!r})"

    # ---- the one submission path every state-touching call uses ----
    def _run(self, make: Callable[[], Coroutine[Any, Any, T]], description: str) -> APIFuture[T]:
        self._ensure_open()
        work = captured(self.holder, description, make())  # failures go to telemetry (TEL-09)
        return self._submit(work, f"{description} on {self.model_id}")

    async def _submit_in_turn(self, seq_id: int, endpoint: ModuleType, body: Any, **kwargs: Any) -> Submitted:
        await self._gate.wait_turn(seq_id)
        try:
            tags = {"model_id": self.model_id, "seq_id": seq_id}  # TRN-18
            return await submit(self.holder, endpoint, body, pool=PoolType.TRAINING, telemetry=tags, **kwargs)
        finally:
            self._gate.finish_turn(seq_id)

    async def _json_call(
        self, seq_id: int, endpoint: ModuleType, body: Any, request_type: str, result: type[T]
    ) -> T:
        """Submit ``body`` in ``seq_id``'s turn and wait for its JSON result, as ``result``."""
        submitted = await self._submit_in_turn(seq_id, endpoint, body)
        return await await_result(
            self.holder, submitted, request_type, result_as(result), tracker=self._tracker
        )

    # ---- forward / backward ----
    def forward(
        self, data: list[Datum], loss_fn: LossFnType, loss_fn_config: Mapping[str, float | str] | None = None
    ) -> APIFuture[ForwardBackwardOutput]:
        """Forward pass only: outputs and loss, no gradients."""
        return self._forward_backward(data, loss_fn, loss_fn_config, forward_only=True)

    def forward_backward(
        self, data: list[Datum], loss_fn: LossFnType, loss_fn_config: Mapping[str, float | str] | None = None
    ) -> APIFuture[ForwardBackwardOutput]:
        """Forward and backward pass: gradients accumulate on the server until ``optim_step``."""
        return self._forward_backward(data, loss_fn, loss_fn_config, forward_only=False)

    def _forward_backward(
        self, data: list[Datum], loss_fn: str, config: Mapping[str, float | str] | None, *, forward_only: bool
    ) -> APIFuture[ForwardBackwardOutput]:
        try:
            datums = ops.validate_forward_inputs(data, loss_fn, config)
        except UnsupportedLossFnError as exc:
            # The official SDK reports an unknown loss through the future (the server's 400):
            # fail the future the same way, with nothing sent and no seq_id reserved.
            return APIFuture.failed(exc, description="forward" if forward_only else "forward_backward")
        chunks = self._chunks(datums)
        seq_ids = self._gate.reserve(len(chunks))
        return self._run(
            lambda: self._fwd_bwd_async(chunks, seq_ids, loss_fn, config, forward_only=forward_only),
            "forward" if forward_only else "forward_backward",
        )

    def _chunks(self, datums: list[Datum]) -> list[list[Datum]]:
        if not datums:
            raise TinkexValidationError("data must contain at least one Datum", field="data")
        client_config = self.holder.client_config
        return ops.chunk_data(
            datums,
            int(client_config["fwdbwd_max_chunk_len"]),
            int(client_config["fwdbwd_max_chunk_bytes_count"]),
        )

    async def _fwd_bwd_async(
        self,
        chunks: list[list[Datum]],
        seq_ids: range,
        loss_fn: str,
        config: Mapping[str, float | str] | None,
        *,
        forward_only: bool,
    ) -> ForwardBackwardOutput:
        wire = self.holder.config.wire_format
        submitted: list[Submitted] = []
        for chunk, seq_id in zip(chunks, seq_ids, strict=True):
            endpoint, arguments = ops.encode_chunk(
                model_id=self.model_id,
                seq_id=seq_id,
                chunk=chunk,
                loss_fn=loss_fn,
                loss_fn_config=config,
                forward_only=forward_only,
                wire_format=wire,
                compress=bool(self.holder.client_config.get("proto_compress_fwdbwd")),
            )
            submitted.append(await self._submit_in_turn(seq_id, endpoint, **arguments))
        request_type = "Forward" if forward_only else "ForwardBackward"
        results = await gather_or_cancel(
            await_result(
                self.holder,
                s,
                request_type,
                _forward_backward_output,
                expects_proto=wire == "protobuf",
                tracker=self._tracker,
            )
            for s in submitted
        )
        return ops.combine_outputs(results)

    async def forward_async(
        self, data: list[Datum], loss_fn: LossFnType, loss_fn_config: Mapping[str, float | str] | None = None
    ) -> APIFuture[ForwardBackwardOutput]:
        return self.forward(data, loss_fn, loss_fn_config)

    async def forward_backward_async(
        self, data: list[Datum], loss_fn: LossFnType, loss_fn_config: Mapping[str, float | str] | None = None
    ) -> APIFuture[ForwardBackwardOutput]:
        return self.forward_backward(data, loss_fn, loss_fn_config)

    # ---- client-side custom loss (two passes, protocol §5.4) ----
    def forward_backward_custom(
        self,
        data: list[Datum],
        loss_fn: Callable[..., Any],
        *,
        loss_type_input: str | None = None,
        backend: str | None = None,
    ) -> APIFuture[ForwardBackwardOutput]:
        """Forward pass, loss and its gradient computed here, then a weighted backward pass.

        ``backend`` picks the tensor library the loss gets its logprobs in: ``"torch"`` (as
        the official SDK), ``"jax"``, or ``None`` to choose from the loss's code
        (``docs/custom-losses.md``)."""
        from . import custom_loss
        from ._custom_loss.backend import check_backend

        warn_loss_type_input(loss_type_input, "forward_backward_custom")
        if loss_type_input not in (None, "logprobs"):
            raise TinkexValidationError("loss_type_input must be 'logprobs' or None", field="loss_type_input")
        if isinstance(data, (list, tuple)):
            data = ops.coerce_datums(data)
        check_backend(backend)
        custom_loss.validate_custom_loss_inputs(data, loss_fn)
        datums = list(data)
        forward_chunks = self._chunks(custom_loss.forward_data_for_custom_loss(datums))
        forward_ids = self._gate.reserve(len(forward_chunks))
        backward_ids = self._gate.reserve(len(forward_chunks))
        return self._run(
            lambda: self._custom_async(datums, forward_chunks, forward_ids, backward_ids, loss_fn, backend),
            "forward_backward_custom",
        )

    async def _custom_async(
        self,
        datums: list[Datum],
        forward_chunks: list[list[Datum]],
        forward_ids: range,
        backward_ids: range,
        loss_fn: Callable[..., Any],
        backend: str | None,
    ) -> ForwardBackwardOutput:
        from . import custom_loss

        backward_started = False
        try:
            forward = await self._fwd_bwd_async(
                forward_chunks, forward_ids, "cross_entropy", None, forward_only=True
            )
            logprobs = [out["logprobs"].to_numpy() for out in forward.loss_fn_outputs]
            result = await asyncio.to_thread(
                functools.partial(custom_loss.compute_custom_loss, backend=backend), datums, logprobs, loss_fn
            )
            backward_data = custom_loss.backward_data_for_custom_loss(datums, result.grads)
            # Split exactly like the forward pass, so the reserved backward ids match.
            chunks, start = [], 0
            for chunk in forward_chunks:
                chunks.append(backward_data[start : start + len(chunk)])
                start += len(chunk)
            backward_started = True
            backward = await self._fwd_bwd_async(
                chunks, backward_ids, "cross_entropy", None, forward_only=False
            )
        except Exception as exc:
            if not backward_started:
                # Release the reserved backward ids so later calls are not stuck behind them.
                for seq_id in backward_ids:
                    self._gate.finish_turn(seq_id)
            if isinstance(exc, RequestFailedError):
                raise
            raise RequestFailedError(f"forward_backward_custom failed: {type(exc).__name__}: {exc}") from exc
        return ForwardBackwardOutput(
            loss_fn_output_type=backward.loss_fn_output_type,
            loss_fn_outputs=forward.loss_fn_outputs,
            metrics=custom_loss.merge_custom_metrics(backward.metrics, result),
        )

    async def forward_backward_custom_async(
        self,
        data: list[Datum],
        loss_fn: Callable[..., Any],
        *,
        loss_type_input: str | None = None,
        backend: str | None = None,
    ) -> APIFuture[ForwardBackwardOutput]:
        return self.forward_backward_custom(data, loss_fn, loss_type_input=loss_type_input, backend=backend)

    # ---- optimizer ----
    def optim_step(
        self, optim_params: AdamParams | DimuonParams | None = None, *, adam_params: AdamParams | None = None
    ) -> APIFuture[OptimStepResponse]:
        """Apply the accumulated gradients and clear them."""
        params = optim_params if optim_params is not None else adam_params
        if params is None:
            raise TinkexValidationError(
                "optim_step needs optim_params (e.g. AdamParams(...))", field="optim_params"
            )
        params = as_tinkex(params, (AdamParams, DimuonParams), "optim_params")
        (seq_id,) = self._gate.reserve(1)
        if isinstance(params, AdamParams):
            body = OptimStepRequest(model_id=self.model_id, seq_id=seq_id, adam_params=params)
        else:
            body = OptimStepRequest(model_id=self.model_id, seq_id=seq_id, optimizer_params=params)

        async def run() -> OptimStepResponse:
            return await self._json_call(seq_id, optim_step, body, "OptimStep", OptimStepResponse)

        return self._run(run, "optim_step")

    async def optim_step_async(
        self, optim_params: AdamParams | DimuonParams | None = None, *, adam_params: AdamParams | None = None
    ) -> APIFuture[OptimStepResponse]:
        return self.optim_step(optim_params, adam_params=adam_params)

    # ---- info and tokenizer ----
    def get_info(self) -> GetInfoResponse:
        return self._info

    async def get_info_async(self) -> GetInfoResponse:
        return self._info

    def get_tokenizer(self) -> Any:
        """The model's tokenizer (``transformers``), loaded once per process and cached."""
        data = self._info.model_data
        model_name = (data.model_name if data else None) or self._info.model_name or "unknown"
        tokenizer_id = _tok.get_tokenizer_id(
            model_name,
            tokenizer_id=data.tokenizer_id if data else None,
            llama3_tokenizer=self.holder.config.tokenizer_override or _tok.LLAMA3_TOKENIZER,
        )
        return _tok.load_tokenizer(tokenizer_id)

    def encode(self, text: str, *, add_special_tokens: bool = True) -> list[int]:
        return _tok.encode(text, tokenizer=self.get_tokenizer(), add_special_tokens=add_special_tokens)

    def decode(self, ids: Sequence[int]) -> str:
        return _tok.decode(ids, tokenizer=self.get_tokenizer())


_json_forward_backward_output = result_as(ForwardBackwardOutput)


def _forward_backward_output(outcome: FutureOutcome) -> ForwardBackwardOutput:
    if outcome.proto is not None:
        return convert.forward_backward_output_from_proto(outcome.proto)
    return _json_forward_backward_output(outcome)


class BackcompatTrainingClientFuture(BackcompatClientFuture[TrainingClient], TrainingClient):
    """A future of a ``TrainingClient`` (await it or call ``.result()``). Using it as the client
    still works, deprecated; it is an instance of both ``APIFuture`` and ``TrainingClient``."""


forward_client_methods(BackcompatTrainingClientFuture, TrainingClient)
