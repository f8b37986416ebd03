"""How ``ServiceClient`` creates its clients: a LoRA model or a checkpoint's weights become a
``TrainingClient``; saved sampler weights or a base model become a ``SamplingClient``.

Each creation runs on tinkex's loop and returns (a future of) the client at once; a failure is
reported to telemetry as fatal (SVC-14). The client classes and their endpoints are imported by
the methods that create them: a session that only makes REST calls never loads them.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from .._core.holder import ClientHolder
from .._core.requests import await_result, result_as, submit
from .._http.calls import call
from .._http.options import PoolType
from ..errors import TinkexValidationError
from ..futures import APIFuture
from ..queue_state import QueueStateLogger, QueueStateTracker
from ..telemetry.capture import captured
from ..types import (
    AdamOptimizerConfig,
    CreateModelRequest,
    CreateModelResponse,
    DimuonOptimizerConfig,
    GetInfoRequest,
    LoadWeightsRequest,
    LoadWeightsResponse,
    LoraConfig,
)

if TYPE_CHECKING:
    from ..retry_config import RetryConfig
    from ..sampling_client import BackcompatSamplingClientFuture
    from ..training_client import BackcompatTrainingClientFuture, TrainingClient

T = TypeVar("T")


class ClientFactory:
    """Creates the training and sampling clients of one session (``holder``)."""

    def __init__(self, holder: ClientHolder) -> None:
        self._holder = holder

    def create_lora_training_client(
        self,
        base_model: str,
        rank: int,
        seed: int | None,
        train_mlp: bool,
        train_attn: bool,
        train_unembed: bool,
        user_metadata: dict[str, str] | None,
        optimizer: AdamOptimizerConfig | DimuonOptimizerConfig | dict[str, Any] | None,
    ) -> BackcompatTrainingClientFuture:
        if not isinstance(base_model, str) or not base_model:
            raise TinkexValidationError("base_model must be a non-empty string", field="base_model")
        from ..training_client import BackcompatTrainingClientFuture

        lora = LoraConfig(
            rank=rank, seed=seed, train_mlp=train_mlp, train_attn=train_attn, train_unembed=train_unembed
        )
        work = self._create_lora(base_model, lora, user_metadata, optimizer)
        return BackcompatTrainingClientFuture(self._start("create_lora_training_client", work))

    async def _create_lora(
        self, base_model: str, lora: LoraConfig, user_metadata: dict[str, str] | None, optimizer: Any
    ) -> TrainingClient:
        from tinker_openapi.api.training import create_model

        holder = self._holder
        await holder.ensure_started()
        model_seq_id = holder.next_model_seq_id()
        body = CreateModelRequest(
            session_id=holder.started_session_id,
            model_seq_id=model_seq_id,
            base_model=base_model,
            lora_config=lora,
            optimizer_config=optimizer_config(optimizer),
            user_metadata=user_metadata or None,
        )
        tracker = QueueStateTracker(QueueStateLogger("training", base_model, label="Model creation"))
        tags = {"model_seq_id": model_seq_id}  # TRN-18
        submitted = await submit(holder, create_model, body, pool=PoolType.SESSION, telemetry=tags)
        created = await await_result(
            holder, submitted, "CreateModel", result_as(CreateModelResponse), tracker=tracker
        )
        return await self._training_client(created.model_id, model_seq_id)

    def create_training_client_from_state(
        self,
        path: str,
        base_model: str | None,
        user_metadata: dict[str, str] | None,
        weights_access_token: str | None,
        optimizer: Any,
        *,
        with_optimizer: bool,
    ) -> BackcompatTrainingClientFuture:
        """A new training client with a checkpoint's weights (and its optimizer state if
        ``with_optimizer``)."""
        if not isinstance(path, str) or not path.startswith("tinker://"):
            raise TinkexValidationError("path must be a tinker:// checkpoint path", field="path")
        from tinker_openapi.api.weights import load_weights

        from ..training_client import BackcompatTrainingClientFuture

        holder = self._holder

        async def load() -> TrainingClient:
            await holder.ensure_started()
            model_seq_id = holder.next_model_seq_id()
            body = LoadWeightsRequest(
                session_id=holder.started_session_id,
                model_seq_id=model_seq_id,
                path=path,
                optimizer=with_optimizer,
                base_model=base_model,
                user_metadata=user_metadata,
                weights_access_token=weights_access_token,
                optimizer_config=None if optimizer is None else optimizer_config(optimizer),
            )
            submitted = await submit(holder, load_weights, body, pool=PoolType.SESSION)
            loaded = await await_result(holder, submitted, "LoadWeights", result_as(LoadWeightsResponse))
            model_id = getattr(loaded, "model_id", None) or f"{holder.session_id}:train:{model_seq_id}"
            return await self._training_client(str(model_id), model_seq_id)

        return BackcompatTrainingClientFuture(self._start("create_training_client_from_state", load()))

    async def _training_client(self, model_id: str, model_seq_id: int) -> TrainingClient:
        from tinker_openapi.api.training import get_info

        from ..training_client import TrainingClient

        info = await call(self._holder.api, get_info, body=GetInfoRequest(model_id=model_id))
        return TrainingClient(self._holder, model_seq_id, model_id, info=info)

    def create_sampling_client(
        self,
        model_path: str | None,
        base_model: str | None,
        retry_config: RetryConfig | None,
        record_stability_info: bool,
    ) -> BackcompatSamplingClientFuture:
        if model_path is None and base_model is None:
            raise TinkexValidationError("pass model_path or base_model", field="model_path")
        from ..sampling_client import BackcompatSamplingClientFuture, SamplingClient

        work = SamplingClient.create_async(
            self._holder,
            model_path=model_path,
            base_model=base_model,
            retry_config=retry_config,
            record_stability_info=record_stability_info,
        )
        return BackcompatSamplingClientFuture(self._start("create_sampling_client", work))

    def _start(self, operation: str, work: Coroutine[Any, Any, T]) -> APIFuture[T]:
        return APIFuture.submit(captured(self._holder, operation, work), description=operation)


def optimizer_config(optimizer: Any) -> Any:
    """The optimizer family sent at model creation (``{"type": "adamw"}`` by default, as 0.38 does)."""
    if optimizer is None:
        return AdamOptimizerConfig()
    if isinstance(optimizer, (AdamOptimizerConfig, DimuonOptimizerConfig, dict)):
        return optimizer
    raise TinkexValidationError(
        "optimizer must be AdamOptimizerConfig or DimuonOptimizerConfig", field="optimizer"
    )
