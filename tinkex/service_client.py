"""``ServiceClient``: the entry point. Creates training, sampling and REST clients.

Construction sends nothing; the first call that needs the session starts it (protocol §6).
Use it as a context manager, or call ``close()``, to finish the session cleanly; sessions
still open at interpreter exit are closed with a bounded wait.
"""

from __future__ import annotations

from collections.abc import Coroutine, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

from tinker_openapi.api.service import get_server_capabilities, healthz
from tinker_openapi.api.training import create_model, get_info
from tinker_openapi.api.weights import load_weights

from ._clients.service_extras import ServiceExtras
from ._compat.deprecations import ignore_unknown_kwargs, official_deprecations
from ._core import lifecycle as _lifecycle, loop as _loop
from ._core.holder import ClientHolder, FinishStatus
from ._core.observers import enabled_reporter
from ._core.requests import await_result, result_as, submit
from ._http.calls import call
from ._http.options import CallOptions, PoolType
from ._http.raw import SERVICE_ENDPOINTS, RawResponseAccess, StreamingResponseAccess
from ._http.redact import redact_url
from .config import FIELD_NAMES, Config, resolve_config
from .errors import TinkexValidationError
from .futures import APIFuture
from .queue_state import QueueStateLogger, QueueStateTracker
from .rest_client import RestClient
from .retry_config import RetryConfig
from .sampling_client import BackcompatSamplingClientFuture, SamplingClient
from .telemetry.capture import captured
from .training_client import BackcompatTrainingClientFuture, TrainingClient
from .types import (
    AdamOptimizerConfig,
    CreateModelRequest,
    CreateModelResponse,
    DimuonOptimizerConfig,
    GetInfoRequest,
    GetServerCapabilitiesResponse,
    HealthResponse,
    LoadWeightsRequest,
    LoadWeightsResponse,
    LoraConfig,
)

if TYPE_CHECKING:
    from tinker_openapi import Client

T = TypeVar("T")
EXIT_CLOSE_TIMEOUT = _lifecycle.EXIT_CLOSE_TIMEOUT


@official_deprecations
class ServiceClient(ServiceExtras):
    """Connects to a Tinker service (``base_url``) with an API key; everything else hangs off it."""

    def __init__(
        self,
        user_metadata: dict[str, str] | None = None,
        project_id: str | None = None,
        *,
        display_name: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        default_headers_overrides: Mapping[str, str] | None = None,
        config: Config | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs = ignore_unknown_kwargs(kwargs, FIELD_NAMES)
        explicit: dict[str, Any] = {
            k: v for k, v in {"base_url": base_url, "api_key": api_key}.items() if v is not None
        }
        if default_headers_overrides is not None:
            explicit["default_headers"] = dict(default_headers_overrides)
        self.config = (
            config.replace(**explicit, **kwargs)
            if config is not None
            else resolve_config(**explicit, **kwargs)
        )
        self.holder = ClientHolder(
            self.config, user_metadata=user_metadata, project_id=project_id, display_name=display_name
        )
        self._rest: RestClient | None = None

    def _captured(self, operation: str, work: Coroutine[Any, Any, T]) -> Coroutine[Any, Any, T]:
        """``work`` with its failure reported to telemetry as fatal (SVC-14)."""
        return captured(self.holder, operation, work)

    def __repr__(self) -> str:
        base_url = redact_url(self.config.base_url)
        return f"ServiceClient(base_url={base_url!r}, session_id={self.holder.session_id!r})"

    # ---- training clients ----
    def create_lora_training_client(
        self,
        base_model: str,
        rank: int = 32,
        seed: int | None = None,
        train_mlp: bool = True,
        train_attn: bool = True,
        train_unembed: bool = True,
        user_metadata: dict[str, str] | None = None,
        optimizer: AdamOptimizerConfig | DimuonOptimizerConfig | dict[str, Any] | None = None,
    ) -> BackcompatTrainingClientFuture:
        """Create a LoRA model on ``base_model`` and return (a future of) its ``TrainingClient``."""
        if not isinstance(base_model, str) or not base_model:
            raise TinkexValidationError("base_model must be a non-empty string", field="base_model")
        lora = LoraConfig(
            rank=rank, seed=seed, train_mlp=train_mlp, train_attn=train_attn, train_unembed=train_unembed
        )
        coro = self._captured(
            "create_lora_training_client", self._create_lora_async(base_model, lora, user_metadata, optimizer)
        )
        return BackcompatTrainingClientFuture(
            APIFuture.submit(coro, description="create_lora_training_client")
        )

    async def create_lora_training_client_async(
        self,
        base_model: str,
        rank: int = 32,
        seed: int | None = None,
        train_mlp: bool = True,
        train_attn: bool = True,
        train_unembed: bool = True,
        user_metadata: dict[str, str] | None = None,
        optimizer: AdamOptimizerConfig | DimuonOptimizerConfig | dict[str, Any] | None = None,
    ) -> TrainingClient:
        return await self.create_lora_training_client(
            base_model, rank, seed, train_mlp, train_attn, train_unembed, user_metadata, optimizer
        )

    async def _create_lora_async(
        self, base_model: str, lora: LoraConfig, user_metadata: dict[str, str] | None, optimizer: Any
    ) -> TrainingClient:
        holder = self.holder
        await holder.ensure_started()
        model_seq_id = holder.next_model_seq_id()
        body = CreateModelRequest(
            session_id=holder.started_session_id,
            model_seq_id=model_seq_id,
            base_model=base_model,
            lora_config=lora,
            optimizer_config=_optimizer_config(optimizer),
            user_metadata=user_metadata or None,
        )
        tracker = QueueStateTracker(QueueStateLogger("training", base_model, label="Model creation"))
        tags = {"model_seq_id": model_seq_id}  # TRN-18
        submitted = await submit(holder, create_model, body, pool=PoolType.SESSION, telemetry=tags)
        created = await await_result(
            holder, submitted, "CreateModel", result_as(CreateModelResponse), tracker=tracker
        )
        return await self._training_client(created.model_id, model_seq_id)

    async def _training_client(self, model_id: str, model_seq_id: int) -> TrainingClient:
        info = await call(self.holder.api, get_info, body=GetInfoRequest(model_id=model_id))
        return TrainingClient(self.holder, model_seq_id, model_id, info=info)

    def _from_state(
        self,
        path: str,
        base_model: str | None,
        user_metadata: dict[str, str] | None,
        weights_access_token: str | None,
        optimizer: Any,
        *,
        with_optimizer: bool,
    ) -> BackcompatTrainingClientFuture:
        if not isinstance(path, str) or not path.startswith("tinker://"):
            raise TinkexValidationError("path must be a tinker:// checkpoint path", field="path")

        async def run() -> TrainingClient:
            holder = self.holder
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
                optimizer_config=None if optimizer is None else _optimizer_config(optimizer),
            )
            submitted = await submit(holder, load_weights, body, pool=PoolType.SESSION)
            loaded = await await_result(holder, submitted, "LoadWeights", result_as(LoadWeightsResponse))
            model_id = getattr(loaded, "model_id", None) or f"{holder.session_id}:train:{model_seq_id}"
            return await self._training_client(str(model_id), model_seq_id)

        return BackcompatTrainingClientFuture(
            APIFuture.submit(
                self._captured("create_training_client_from_state", run()),
                description="create_training_client_from_state",
            )
        )

    def create_training_client_from_state(
        self,
        path: str,
        base_model: str | None = None,
        user_metadata: dict[str, str] | None = None,
        weights_access_token: str | None = None,
        optimizer: Any = None,
    ) -> BackcompatTrainingClientFuture:
        """A new training client with the weights (not the optimizer state) of a checkpoint."""
        return self._from_state(
            path, base_model, user_metadata, weights_access_token, optimizer, with_optimizer=False
        )

    async def create_training_client_from_state_async(
        self,
        path: str,
        base_model: str | None = None,
        user_metadata: dict[str, str] | None = None,
        weights_access_token: str | None = None,
        optimizer: Any = None,
    ) -> TrainingClient:
        return await self.create_training_client_from_state(
            path, base_model, user_metadata, weights_access_token, optimizer
        )

    def create_training_client_from_state_with_optimizer(
        self,
        path: str,
        base_model: str | None = None,
        user_metadata: dict[str, str] | None = None,
        weights_access_token: str | None = None,
    ) -> BackcompatTrainingClientFuture:
        """A new training client with the weights and optimizer state of a checkpoint."""
        return self._from_state(
            path, base_model, user_metadata, weights_access_token, None, with_optimizer=True
        )

    async def create_training_client_from_state_with_optimizer_async(
        self,
        path: str,
        base_model: str | None = None,
        user_metadata: dict[str, str] | None = None,
        weights_access_token: str | None = None,
    ) -> TrainingClient:
        return await self.create_training_client_from_state_with_optimizer(
            path, base_model, user_metadata, weights_access_token
        )

    # ---- sampling ----
    def create_sampling_client(
        self,
        model_path: str | None = None,
        base_model: str | None = None,
        retry_config: RetryConfig | None = None,
        record_stability_info: bool = False,
    ) -> BackcompatSamplingClientFuture:
        """A client sampling from saved sampler weights (``model_path``) or a base model."""
        if model_path is None and base_model is None:
            raise TinkexValidationError("pass model_path or base_model", field="model_path")
        coro = SamplingClient.create_async(
            self.holder,
            model_path=model_path,
            base_model=base_model,
            retry_config=retry_config,
            record_stability_info=record_stability_info,
        )
        return BackcompatSamplingClientFuture(
            APIFuture.submit(
                self._captured("create_sampling_client", coro), description="create_sampling_client"
            )
        )

    async def create_sampling_client_async(
        self,
        model_path: str | None = None,
        base_model: str | None = None,
        retry_config: RetryConfig | None = None,
        record_stability_info: bool = False,
    ) -> SamplingClient:
        return await self.create_sampling_client(model_path, base_model, retry_config, record_stability_info)

    # ---- service information ----
    # The HTTP pools belong to the SDK loop, so the coroutines below always run there; the
    # ``_async`` twins await them from the caller's loop through an APIFuture.
    async def _capabilities(self) -> GetServerCapabilitiesResponse:
        reply: GetServerCapabilitiesResponse = await self._captured(
            "get_server_capabilities", call(self.holder.api, get_server_capabilities)
        )
        return reply

    async def get_server_capabilities_async(self) -> GetServerCapabilitiesResponse:
        return await APIFuture.submit(self._capabilities(), description="get_server_capabilities")

    def get_server_capabilities(self) -> GetServerCapabilitiesResponse:
        return _loop.run_sync(self._capabilities())

    async def _health(self) -> HealthResponse:
        reply: HealthResponse = await call(self.holder.api, healthz, CallOptions(max_retries=0))
        return reply

    async def health_check_async(self) -> HealthResponse:
        return await APIFuture.submit(self._health(), description="health_check")

    def health_check(self) -> HealthResponse:
        """``GET /api/v1/healthz``: raises when the service is unreachable or unhealthy."""
        return _loop.run_sync(self._health())

    def create_rest_client(self) -> RestClient:
        if self._rest is None:
            self._rest = RestClient(ClientHolder(self.config, sessionless=True))
        return self._rest

    @property
    def api(self) -> Client:
        """The generated client (``tinker_openapi``) with this client's policy: auth, retries,
        errors, telemetry and deadlines apply to any generated endpoint function called with it,
        e.g. ``list_training_runs.sync(client=service_client.api)``. Use ``.sync``: the pools
        live on tinkex's loop, so ``.asyncio`` awaited on another loop fails."""
        return self.holder.api.generated

    def get_telemetry(self) -> Any:
        return enabled_reporter(self.holder)

    @property
    def telemetry(self) -> Any:
        return self.holder.reporter

    # ---- raw and streaming responses (HTTP-25/26) ----
    @property
    def with_raw_response(self) -> RawResponseAccess:
        """``.with_raw_response.get_server_capabilities()`` / ``.health_check()`` (and ``_async``
        twins) return a ``RawResponse``: status, headers, elapsed, retries_taken, ``parse()``."""
        return RawResponseAccess(self.holder, SERVICE_ENDPOINTS, "ServiceClient")

    @property
    def with_streaming_response(self) -> StreamingResponseAccess:
        """``with .with_streaming_response.health_check() as response:`` reads the body as it arrives."""
        return StreamingResponseAccess(self.holder, SERVICE_ENDPOINTS, "ServiceClient")

    # ---- lifecycle ----
    def close(self, status: FinishStatus = "success", detail: str | None = None) -> APIFuture[None]:
        """Finish the session (``sessions/{id}/finish``), stop heartbeats, flush telemetry
        (bounded), close pools. Returns a future, as the official SDK does: ``.result()`` waits."""

        async def run() -> None:
            holders = [self.holder] + ([self._rest.holder] if self._rest is not None else [])
            for holder in holders:
                await holder.aclose(status, detail)

        return APIFuture.submit(run(), description="close")

    async def aclose(self, status: FinishStatus = "success", detail: str | None = None) -> None:
        """``await``-able ``close()``."""
        await self.close(status, detail)

    def __enter__(self) -> Self:
        if self.holder._closed:
            raise RuntimeError("this ServiceClient has been closed")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        detail = None if exc_value is None else f"{type(exc_value).__name__}"
        if _loop.in_loop_thread():
            return
        self.close(_lifecycle.status_for(exc_type), detail).result(timeout=_lifecycle.CLOSE_TIMEOUT)

    async def __aenter__(self) -> Self:
        return self.__enter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        detail = None if exc_value is None else f"{type(exc_value).__name__}"
        await self.aclose(_lifecycle.status_for(exc_type), detail)


def _optimizer_config(optimizer: Any) -> Any:
    """The optimizer family sent at model creation (``{"type": "adamw"}`` by default, as 0.38 does)."""
    if optimizer is None:
        return AdamOptimizerConfig()
    if isinstance(optimizer, (AdamOptimizerConfig, DimuonOptimizerConfig, dict)):
        return optimizer
    raise TinkexValidationError(
        "optimizer must be AdamOptimizerConfig or DimuonOptimizerConfig", field="optimizer"
    )
