"""``TrainingClient``: forward/backward passes, optimizer steps and checkpoints of one model.

Every state-touching call reserves the next ``seq_id`` synchronously (so ids follow call
order), submits on the SDK loop in seq_id order, and returns an ``APIFuture`` at once.
A retried request reuses its seq_id, so the server never applies a step twice. The client
delegates to collaborators it owns: ``TrainingCalls`` (seq_id order and submission),
``TrainingCheckpoints``, ``TrainingExternal`` and its queue-state tracker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tinker_openapi.api.training import optim_step

from . import tokenizer as _tok
from ._clients import training_ops as ops
from ._clients.training_checkpoints import TrainingCheckpoints
from ._clients.training_custom import submit_custom
from ._clients.training_external import TrainingExternal
from ._compat.backcompat import BackcompatClientFuture, forward_client_methods
from ._compat.deprecations import official_deprecations, warn_ignored_name, warn_loss_type_input
from ._compat.official_objects import as_tinkex
from ._core.holder import ClientHolder
from ._core.observers import ObservedClient
from .errors import TinkexValidationError
from .futures import APIFuture
from .types import (
    AdamParams,
    Datum,
    DimuonParams,
    ForwardBackwardOutput,
    GetInfoResponse,
    LoadWeightsResponse,
    LossFnType,
    OptimStepRequest,
    OptimStepResponse,
    SamplingClientKind,
    SaveWeightsExternalResponse,
    SaveWeightsForSamplerResponse,
    SaveWeightsResponse,
    UnloadModelResponse,
)

if TYPE_CHECKING:
    from .sampling_client import BackcompatSamplingClientFuture, SamplingClient


@official_deprecations
class TrainingClient(ObservedClient):
    """A LoRA model being trained; create one with ``ServiceClient.create_lora_training_client``."""

    def __init__(
        self, holder: ClientHolder, model_seq_id: int, model_id: str, *, info: GetInfoResponse
    ) -> None:
        super().__init__(holder, "training", "model_id", model_id)
        self.model_id = model_id
        self._training_client_id = model_seq_id
        self._info = info
        self._calls = ops.TrainingCalls(holder, model_id, self._operations, self._tracker)
        self._checkpoints = TrainingCheckpoints(self._calls, info)
        self._external = TrainingExternal(self._calls)

    def __repr__(self) -> str:
        return f"TrainingClient(model_id={self.model_id!r})"

    # ---- forward / backward ----
    def forward(
        self, data: list[Datum], loss_fn: LossFnType, loss_fn_config: Mapping[str, float | str] | None = None
    ) -> APIFuture[ForwardBackwardOutput]:
        """Forward pass only: outputs and loss, no gradients."""
        return self._calls.start_forward_backward(data, loss_fn, loss_fn_config, forward_only=True)

    def forward_backward(
        self, data: list[Datum], loss_fn: LossFnType, loss_fn_config: Mapping[str, float | str] | None = None
    ) -> APIFuture[ForwardBackwardOutput]:
        """Forward and backward pass: gradients accumulate on the server until ``optim_step``."""
        return self._calls.start_forward_backward(data, loss_fn, loss_fn_config, forward_only=False)

    async def forward_async(
        self, data: list[Datum], loss_fn: LossFnType, loss_fn_config: Mapping[str, float | str] | None = None
    ) -> APIFuture[ForwardBackwardOutput]:
        return self.forward(data, loss_fn, loss_fn_config)

    async def forward_backward_async(
        self, data: list[Datum], loss_fn: LossFnType, loss_fn_config: Mapping[str, float | str] | None = None
    ) -> APIFuture[ForwardBackwardOutput]:
        return self.forward_backward(data, loss_fn, loss_fn_config)

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
        warn_loss_type_input(loss_type_input, "forward_backward_custom")
        if loss_type_input not in (None, "logprobs"):
            raise TinkexValidationError("loss_type_input must be 'logprobs' or None", field="loss_type_input")
        return submit_custom(self._calls, data, loss_fn, backend)

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
        calls = self._calls
        (seq_id,) = calls.gate.reserve(1)
        if isinstance(params, AdamParams):
            body = OptimStepRequest(model_id=self.model_id, seq_id=seq_id, adam_params=params)
        else:
            body = OptimStepRequest(model_id=self.model_id, seq_id=seq_id, optimizer_params=params)

        async def run() -> OptimStepResponse:
            return await calls.json_call(seq_id, optim_step, body, "OptimStep", OptimStepResponse)

        return calls.run(run, "optim_step")

    async def optim_step_async(
        self, optim_params: AdamParams | DimuonParams | None = None, *, adam_params: AdamParams | None = None
    ) -> APIFuture[OptimStepResponse]:
        return self.optim_step(optim_params, adam_params=adam_params)

    # ---- checkpoints and sampler weights (tinkex._clients.training_checkpoints) ----
    def save_state(
        self,
        name: str,
        ttl_seconds: int | None = None,
        overwrite: bool = False,
        user_metadata: dict[str, str] | None = None,
    ) -> APIFuture[SaveWeightsResponse]:
        """Save weights and optimizer state as ``tinker://<run>/weights/<name>``."""
        return self._checkpoints.save_state(name, ttl_seconds, overwrite, user_metadata)

    async def save_state_async(
        self,
        name: str,
        ttl_seconds: int | None = None,
        overwrite: bool = False,
        user_metadata: dict[str, str] | None = None,
    ) -> APIFuture[SaveWeightsResponse]:
        return self.save_state(name, ttl_seconds, overwrite, user_metadata)

    def load_state(
        self, path: str, weights_access_token: str | None = None
    ) -> APIFuture[LoadWeightsResponse]:
        """Load weights (not the optimizer state) from a training checkpoint."""
        return self._checkpoints.load(path, False, weights_access_token)

    async def load_state_async(
        self, path: str, weights_access_token: str | None = None
    ) -> APIFuture[LoadWeightsResponse]:
        return self.load_state(path, weights_access_token)

    def load_state_with_optimizer(
        self, path: str, weights_access_token: str | None = None
    ) -> APIFuture[LoadWeightsResponse]:
        """Load weights and optimizer state from a training checkpoint."""
        return self._checkpoints.load(path, True, weights_access_token)

    async def load_state_with_optimizer_async(
        self, path: str, weights_access_token: str | None = None
    ) -> APIFuture[LoadWeightsResponse]:
        return self.load_state_with_optimizer(path, weights_access_token)

    def save_weights_for_sampler(
        self, name: str, ttl_seconds: int | None = None, user_metadata: dict[str, str] | None = None
    ) -> APIFuture[SaveWeightsForSamplerResponse]:
        """Save sampler weights as ``tinker://<run>/sampler_weights/<name>``."""
        return self._checkpoints.save_weights_for_sampler(name, ttl_seconds, user_metadata)

    async def save_weights_for_sampler_async(
        self, name: str, ttl_seconds: int | None = None, user_metadata: dict[str, str] | None = None
    ) -> APIFuture[SaveWeightsForSamplerResponse]:
        return self.save_weights_for_sampler(name, ttl_seconds, user_metadata)

    def save_weights_and_get_sampling_client(
        self,
        name: str | None = None,
        retry_config: Any = None,
        record_stability_info: bool = False,
        kind: SamplingClientKind = "snapshot",
    ) -> BackcompatSamplingClientFuture:
        """Save an ephemeral snapshot (or publish inflight weights) and return a client sampling
        from it. ``name`` is deprecated and ignored, as in the official SDK: the snapshot is
        never a persistent checkpoint (use ``save_weights_for_sampler(name)`` for one)."""
        from .sampling_client import BackcompatSamplingClientFuture

        warn_ignored_name(name)
        saved = self._checkpoints.save_and_sample(retry_config, record_stability_info, kind)
        return BackcompatSamplingClientFuture(saved)

    async def save_weights_and_get_sampling_client_async(
        self,
        name: str | None = None,
        retry_config: Any = None,
        record_stability_info: bool = False,
        kind: SamplingClientKind = "snapshot",
    ) -> SamplingClient:
        warn_ignored_name(name)
        return await self._checkpoints.save_and_sample(retry_config, record_stability_info, kind)

    def create_sampling_client(
        self, model_path: str, retry_config: Any = None, record_stability_info: bool = False
    ) -> BackcompatSamplingClientFuture:
        return self._checkpoints.create_sampling_client(model_path, retry_config, record_stability_info)

    async def create_sampling_client_async(
        self, model_path: str, retry_config: Any = None, record_stability_info: bool = False
    ) -> SamplingClient:
        return await self.create_sampling_client(model_path, retry_config, record_stability_info)

    def unload_model(self) -> APIFuture[UnloadModelResponse]:
        """Release the model on the server (its saved checkpoints stay)."""
        return self._checkpoints.unload_model()

    # ---- external weights and console (tinkex._clients.training_external) ----
    def get_console_url(self) -> str:
        """The Tinker console page of this training run."""
        return self._external.get_console_url()

    def save_weights_external(
        self, name: str, ttl_seconds: int | None = None, age_encryption_recipients: list[str] | None = None
    ) -> APIFuture[SaveWeightsExternalResponse]:
        """Export the weights as ``tinker://<run>/external_weights/<name>`` (listed, downloaded
        and deleted like any checkpoint); with ``age_encryption_recipients`` every file is
        encrypted to those public keys."""
        return self._external.save_weights_external(name, ttl_seconds, age_encryption_recipients)

    async def save_weights_external_async(
        self, name: str, ttl_seconds: int | None = None, age_encryption_recipients: list[str] | None = None
    ) -> APIFuture[SaveWeightsExternalResponse]:
        return self.save_weights_external(name, ttl_seconds, age_encryption_recipients)

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


class BackcompatTrainingClientFuture(BackcompatClientFuture[TrainingClient], TrainingClient):
    """A future of a ``TrainingClient`` (await it or call ``.result()``). Using it as the client
    still works, deprecated; it is an instance of both ``APIFuture`` and ``TrainingClient``."""


forward_client_methods(BackcompatTrainingClientFuture, TrainingClient)
