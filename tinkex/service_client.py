"""``ServiceClient``: the entry point. Creates training, sampling and REST clients.

Construction sends nothing; the first call that needs the session starts it (protocol §6).
Use it as a context manager, or call ``close()``, to finish the session cleanly; sessions
still open at interpreter exit are closed with a bounded wait.

The class is a facade over collaborators in ``tinkex/_clients/``: ``service_factory``
(training and sampling clients), ``service_info`` (capabilities, health), ``service_rest``
(the shared ``RestClient``) and ``service_extras`` (the official 0.38 additions).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from ._clients.service_extras import ServiceExtras
from ._clients.service_factory import ClientFactory
from ._clients.service_info import ServiceInfo
from ._clients.service_rest import SharedRestClient
from ._compat.deprecations import ignore_unknown_kwargs, official_deprecations
from ._core import lifecycle as _lifecycle, loop as _loop
from ._core.holder import ClientHolder, FinishStatus
from ._core.observers import enabled_reporter
from ._http.raw import SERVICE_ENDPOINTS, RawResponseAccess, StreamingResponseAccess
from ._http.redact import redact_url
from .config import FIELD_NAMES, Config, resolve_config
from .futures import APIFuture
from .types import (
    AdamOptimizerConfig,
    CustomLossInputRank,
    DimuonOptimizerConfig,
    GetServerCapabilitiesResponse,
    HealthResponse,
)

if TYPE_CHECKING:
    # Return types only: the sampling and training clients (and the protobuf codec under them)
    # load when the first one is created, so a process that only lists runs never imports them.
    from tinker_openapi import Client

    from .loss_handle import LossHandle, PerDatumLossFn
    from .rest_client import RestClient
    from .retry_config import RetryConfig
    from .sampling_client import BackcompatSamplingClientFuture, SamplingClient
    from .training_client import BackcompatTrainingClientFuture, TrainingClient

EXIT_CLOSE_TIMEOUT = _lifecycle.EXIT_CLOSE_TIMEOUT


@official_deprecations
class ServiceClient:
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
        self._clients = ClientFactory(self.holder)
        self._info = ServiceInfo(self.holder)
        self._rest = SharedRestClient(self.config)
        self._extras = ServiceExtras(self.holder, self._rest)

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
        return self._clients.create_lora_training_client(
            base_model, rank, seed, train_mlp, train_attn, train_unembed, user_metadata, optimizer
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
        return await self._clients.create_lora_training_client(
            base_model, rank, seed, train_mlp, train_attn, train_unembed, user_metadata, optimizer
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
        return self._clients.create_training_client_from_state(
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
        return await self._clients.create_training_client_from_state(
            path, base_model, user_metadata, weights_access_token, optimizer, with_optimizer=False
        )

    def create_training_client_from_state_with_optimizer(
        self,
        path: str,
        base_model: str | None = None,
        user_metadata: dict[str, str] | None = None,
        weights_access_token: str | None = None,
    ) -> BackcompatTrainingClientFuture:
        """A new training client with the weights and optimizer state of a checkpoint."""
        return self._clients.create_training_client_from_state(
            path, base_model, user_metadata, weights_access_token, None, with_optimizer=True
        )

    async def create_training_client_from_state_with_optimizer_async(
        self,
        path: str,
        base_model: str | None = None,
        user_metadata: dict[str, str] | None = None,
        weights_access_token: str | None = None,
    ) -> TrainingClient:
        return await self._clients.create_training_client_from_state(
            path, base_model, user_metadata, weights_access_token, None, with_optimizer=True
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
        return self._clients.create_sampling_client(
            model_path, base_model, retry_config, record_stability_info
        )

    async def create_sampling_client_async(
        self,
        model_path: str | None = None,
        base_model: str | None = None,
        retry_config: RetryConfig | None = None,
        record_stability_info: bool = False,
    ) -> SamplingClient:
        return await self._clients.create_sampling_client(
            model_path, base_model, retry_config, record_stability_info
        )

    # ---- service information ----
    def get_server_capabilities(self) -> GetServerCapabilitiesResponse:
        return self._info.get_server_capabilities()

    async def get_server_capabilities_async(self) -> GetServerCapabilitiesResponse:
        return await self._info.get_server_capabilities_async()

    def health_check(self) -> HealthResponse:
        """``GET /api/v1/healthz``: raises when the service is unreachable or unhealthy."""
        return self._info.health_check()

    async def health_check_async(self) -> HealthResponse:
        return await self._info.health_check_async()

    def get_console_url(self) -> str:
        """The Tinker console page of this session (of all sessions before the session starts)."""
        return self._extras.get_console_url()

    # ---- REST, weights and custom losses ----
    def create_rest_client(self) -> RestClient:
        return self._rest.get()

    def copy_weights(
        self, path: str, *, ttl_seconds: int | None = None, weights_access_token: str | None = None
    ) -> APIFuture[str]:
        """Copy a checkpoint into this client's project; a future of the copy's tinker path."""
        return self._extras.copy_weights(path, ttl_seconds, weights_access_token)

    def create_custom_loss(
        self, fn: PerDatumLossFn, input_ranks: Mapping[str, CustomLossInputRank]
    ) -> APIFuture[LossHandle]:
        """Trace a per-datum torch loss into a ``LossHandle`` for ``forward_backward_custom``.

        ``fn(logprobs, *inputs) -> (loss, metrics)`` runs once per datum and the losses are
        summed; ``input_ranks`` gives each parameter's rank (0, 1 or 2), ``logprobs`` included.
        The function is traced with ``torch.fx`` and rejected here if it breaks the official
        rules (see ``tinkex.loss_handle``). tinkex runs the traced loss client-side, so
        ``loss_id`` stays None. Each loss is created once per session.
        """
        return self._extras.create_custom_loss(fn, input_ranks)

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
            await self.holder.aclose(status, detail)
            await self._rest.aclose(status, detail)

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
