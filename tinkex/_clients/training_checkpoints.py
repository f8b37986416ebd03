"""Checkpoint and sampler-weight operations of ``TrainingClient`` (save, load, snapshots).

A mixin so ``training_client.py`` keeps the forward/backward and optimizer core; every
method here goes through the same seq_id turn gate (``_json_call``) as training steps.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from tinker_openapi.api.training import unload_model as unload_model_endpoint
from tinker_openapi.api.weights import load_weights, save_weights, save_weights_for_sampler

from .._compat.deprecations import warn_ignored_name
from .._core.holder import ClientHolder
from .._core.requests import TurnGate, await_result, result_as, submit
from ..errors import TinkexValidationError
from ..futures import APIFuture
from ..queue_state import QueueStateTracker
from ..types import (
    GetInfoResponse,
    LoadWeightsRequest,
    LoadWeightsResponse,
    SamplingClientKind,
    SaveWeightsForSamplerRequest,
    SaveWeightsForSamplerResponse,
    SaveWeightsForSamplerSessionResponse,
    SaveWeightsRequest,
    SaveWeightsResponse,
    UnloadModelRequest,
    UnloadModelResponse,
)

if TYPE_CHECKING:
    from types import ModuleType

    from ..sampling_client import BackcompatSamplingClientFuture, SamplingClient

T = TypeVar("T")
R = TypeVar("R")


class TrainingCheckpoints:
    holder: ClientHolder
    model_id: str
    _info: GetInfoResponse
    _gate: TurnGate
    _tracker: QueueStateTracker

    if TYPE_CHECKING:  # provided by TrainingClient

        def _run(self, make: Callable[[], Coroutine[Any, Any, T]], description: str) -> APIFuture[T]: ...

        async def _json_call(
            self, seq_id: int, endpoint: ModuleType, body: Any, request_type: str, result: type[R]
        ) -> R: ...

    # ---- checkpoints ----
    def save_state(
        self,
        name: str,
        ttl_seconds: int | None = None,
        overwrite: bool = False,
        user_metadata: dict[str, str] | None = None,
    ) -> APIFuture[SaveWeightsResponse]:
        """Save weights and optimizer state as ``tinker://<run>/weights/<name>``."""
        _check_name(name)
        (seq_id,) = self._gate.reserve(1)
        body = SaveWeightsRequest(
            model_id=self.model_id,
            path=name,
            seq_id=seq_id,
            ttl_seconds=ttl_seconds,
            overwrite=overwrite,
            user_metadata=user_metadata,
        )

        async def run() -> SaveWeightsResponse:
            return await self._json_call(seq_id, save_weights, body, "SaveWeights", SaveWeightsResponse)

        return self._run(run, "save_state")

    async def save_state_async(
        self,
        name: str,
        ttl_seconds: int | None = None,
        overwrite: bool = False,
        user_metadata: dict[str, str] | None = None,
    ) -> APIFuture[SaveWeightsResponse]:
        return self.save_state(name, ttl_seconds, overwrite, user_metadata)

    def _load(self, path: str, optimizer: bool, token: str | None) -> APIFuture[LoadWeightsResponse]:
        if not isinstance(path, str) or not path.startswith("tinker://"):
            raise TinkexValidationError("path must be a tinker:// checkpoint path", field="path")
        (seq_id,) = self._gate.reserve(1)
        body = LoadWeightsRequest(
            model_id=self.model_id, path=path, seq_id=seq_id, optimizer=optimizer, weights_access_token=token
        )

        async def run() -> LoadWeightsResponse:
            return await self._json_call(seq_id, load_weights, body, "LoadWeights", LoadWeightsResponse)

        return self._run(run, "load_state")

    def load_state(
        self, path: str, weights_access_token: str | None = None
    ) -> APIFuture[LoadWeightsResponse]:
        """Load weights (not the optimizer state) from a training checkpoint."""
        return self._load(path, False, weights_access_token)

    async def load_state_async(
        self, path: str, weights_access_token: str | None = None
    ) -> APIFuture[LoadWeightsResponse]:
        return self.load_state(path, weights_access_token)

    def load_state_with_optimizer(
        self, path: str, weights_access_token: str | None = None
    ) -> APIFuture[LoadWeightsResponse]:
        """Load weights and optimizer state from a training checkpoint."""
        return self._load(path, True, weights_access_token)

    async def load_state_with_optimizer_async(
        self, path: str, weights_access_token: str | None = None
    ) -> APIFuture[LoadWeightsResponse]:
        return self.load_state_with_optimizer(path, weights_access_token)

    def save_weights_for_sampler(
        self, name: str, ttl_seconds: int | None = None, user_metadata: dict[str, str] | None = None
    ) -> APIFuture[SaveWeightsForSamplerResponse]:
        """Save sampler weights as ``tinker://<run>/sampler_weights/<name>``."""
        _check_name(name)
        (seq_id,) = self._gate.reserve(1)
        body = SaveWeightsForSamplerRequest(
            model_id=self.model_id,
            path=name,
            seq_id=seq_id,
            ttl_seconds=ttl_seconds,
            user_metadata=user_metadata,
            kind="snapshot",
        )

        async def run() -> SaveWeightsForSamplerResponse:
            return await self._json_call(
                seq_id, save_weights_for_sampler, body, "SaveWeightsForSampler", SaveWeightsForSamplerResponse
            )

        return self._run(run, "save_weights_for_sampler")

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
        from ..sampling_client import BackcompatSamplingClientFuture

        warn_ignored_name(name)
        return BackcompatSamplingClientFuture(
            self._save_and_sample(retry_config, record_stability_info, kind)
        )

    def _save_and_sample(
        self, retry_config: Any, record_stability_info: bool, kind: SamplingClientKind
    ) -> APIFuture[SamplingClient]:
        from ..sampling_client import SamplingClient

        if kind not in ("snapshot", "inflight"):
            raise TinkexValidationError("kind must be 'snapshot' or 'inflight'", field="kind")
        (seq_id,) = self._gate.reserve(1)
        body = SaveWeightsForSamplerRequest(
            model_id=self.model_id,
            seq_id=seq_id,
            sampling_session_seq_id=self.holder.next_sampling_session_seq_id(),
            kind=kind,
        )

        async def ephemeral() -> SamplingClient:
            session = await self._json_call(
                seq_id,
                save_weights_for_sampler,
                body,
                "SaveWeightsForSampler",
                SaveWeightsForSamplerSessionResponse,
            )
            base = self._info.model_data.model_name if self._info.model_data else None
            return SamplingClient(
                self.holder,
                sampling_session_id=session.sampling_session_id,
                base_model=base or "",
                retry_config=retry_config,
                record_stability_info=record_stability_info,
            )

        return self._run(ephemeral, "save_weights_and_get_sampling_client")

    async def save_weights_and_get_sampling_client_async(
        self,
        name: str | None = None,
        retry_config: Any = None,
        record_stability_info: bool = False,
        kind: SamplingClientKind = "snapshot",
    ) -> SamplingClient:
        warn_ignored_name(name)
        return await self._save_and_sample(retry_config, record_stability_info, kind)

    def create_sampling_client(
        self, model_path: str, retry_config: Any = None, record_stability_info: bool = False
    ) -> BackcompatSamplingClientFuture:
        from ..sampling_client import BackcompatSamplingClientFuture, SamplingClient

        return BackcompatSamplingClientFuture(
            APIFuture.submit(
                SamplingClient.create_async(
                    self.holder,
                    model_path=model_path,
                    retry_config=retry_config,
                    record_stability_info=record_stability_info,
                ),
                description="create_sampling_client",
            )
        )

    async def create_sampling_client_async(
        self, model_path: str, retry_config: Any = None, record_stability_info: bool = False
    ) -> SamplingClient:
        return await self.create_sampling_client(model_path, retry_config, record_stability_info)

    def unload_model(self) -> APIFuture[UnloadModelResponse]:
        """Release the model on the server (its saved checkpoints stay)."""
        body = UnloadModelRequest(model_id=self.model_id)

        async def run() -> UnloadModelResponse:
            tags = {"model_id": self.model_id}  # TRN-18
            submitted = await submit(self.holder, unload_model_endpoint, body, telemetry=tags)
            return await await_result(
                self.holder, submitted, "UnloadModel", result_as(UnloadModelResponse), tracker=self._tracker
            )

        return self._run(run, "unload_model")


def _check_name(name: object) -> None:
    if not isinstance(name, str) or not name:
        raise TinkexValidationError("name must be a non-empty string", field="name")
