"""Checkpoint and sampler-weight operations of a ``TrainingClient`` (save, load, snapshots).

A collaborator the client delegates to, so ``training_client.py`` keeps the forward/backward
and optimizer core; every call here goes through the same seq_id turn gate as training steps
(``TrainingCalls``). The public signatures and their docs are the client's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tinker_openapi.api.training import unload_model as unload_model_endpoint
from tinker_openapi.api.weights import load_weights, save_weights, save_weights_for_sampler

from .._core.requests import await_result, result_as, submit
from ..errors import TinkexValidationError
from ..futures import APIFuture
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
from .training_ops import TrainingCalls

if TYPE_CHECKING:
    from ..sampling_client import BackcompatSamplingClientFuture, SamplingClient


class TrainingCheckpoints:
    def __init__(self, calls: TrainingCalls, info: GetInfoResponse) -> None:
        self._calls = calls
        self._base_model = (info.model_data.model_name if info.model_data else None) or ""

    def save_state(
        self, name: str, ttl_seconds: int | None, overwrite: bool, user_metadata: dict[str, str] | None
    ) -> APIFuture[SaveWeightsResponse]:
        _check_name(name)
        calls = self._calls
        (seq_id,) = calls.gate.reserve(1)
        body = SaveWeightsRequest(
            model_id=calls.model_id,
            path=name,
            seq_id=seq_id,
            ttl_seconds=ttl_seconds,
            overwrite=overwrite,
            user_metadata=user_metadata,
        )

        async def run() -> SaveWeightsResponse:
            return await calls.json_call(seq_id, save_weights, body, "SaveWeights", SaveWeightsResponse)

        return calls.run(run, "save_state")

    def load(self, path: str, optimizer: bool, token: str | None) -> APIFuture[LoadWeightsResponse]:
        if not isinstance(path, str) or not path.startswith("tinker://"):
            raise TinkexValidationError("path must be a tinker:// checkpoint path", field="path")
        calls = self._calls
        (seq_id,) = calls.gate.reserve(1)
        body = LoadWeightsRequest(
            model_id=calls.model_id, path=path, seq_id=seq_id, optimizer=optimizer, weights_access_token=token
        )

        async def run() -> LoadWeightsResponse:
            return await calls.json_call(seq_id, load_weights, body, "LoadWeights", LoadWeightsResponse)

        return calls.run(run, "load_state")

    def save_weights_for_sampler(
        self, name: str, ttl_seconds: int | None, user_metadata: dict[str, str] | None
    ) -> APIFuture[SaveWeightsForSamplerResponse]:
        _check_name(name)
        calls = self._calls
        (seq_id,) = calls.gate.reserve(1)
        body = SaveWeightsForSamplerRequest(
            model_id=calls.model_id,
            path=name,
            seq_id=seq_id,
            ttl_seconds=ttl_seconds,
            user_metadata=user_metadata,
            kind="snapshot",
        )

        async def run() -> SaveWeightsForSamplerResponse:
            return await calls.json_call(
                seq_id, save_weights_for_sampler, body, "SaveWeightsForSampler", SaveWeightsForSamplerResponse
            )

        return calls.run(run, "save_weights_for_sampler")

    def save_and_sample(
        self, retry_config: Any, record_stability_info: bool, kind: SamplingClientKind
    ) -> APIFuture[SamplingClient]:
        """An ephemeral snapshot (or inflight weights) and a client sampling from it."""
        from ..sampling_client import SamplingClient

        if kind not in ("snapshot", "inflight"):
            raise TinkexValidationError("kind must be 'snapshot' or 'inflight'", field="kind")
        calls = self._calls
        (seq_id,) = calls.gate.reserve(1)
        body = SaveWeightsForSamplerRequest(
            model_id=calls.model_id,
            seq_id=seq_id,
            sampling_session_seq_id=calls.holder.next_sampling_session_seq_id(),
            kind=kind,
        )

        async def ephemeral() -> SamplingClient:
            session = await calls.json_call(
                seq_id,
                save_weights_for_sampler,
                body,
                "SaveWeightsForSampler",
                SaveWeightsForSamplerSessionResponse,
            )
            return SamplingClient(
                calls.holder,
                sampling_session_id=session.sampling_session_id,
                base_model=self._base_model,
                retry_config=retry_config,
                record_stability_info=record_stability_info,
            )

        return calls.run(ephemeral, "save_weights_and_get_sampling_client")

    def create_sampling_client(
        self, model_path: str, retry_config: Any, record_stability_info: bool
    ) -> BackcompatSamplingClientFuture:
        from ..sampling_client import BackcompatSamplingClientFuture, SamplingClient

        return BackcompatSamplingClientFuture(
            APIFuture.submit(
                SamplingClient.create_async(
                    self._calls.holder,
                    model_path=model_path,
                    retry_config=retry_config,
                    record_stability_info=record_stability_info,
                ),
                description="create_sampling_client",
            )
        )

    def unload_model(self) -> APIFuture[UnloadModelResponse]:
        calls = self._calls
        body = UnloadModelRequest(model_id=calls.model_id)

        async def run() -> UnloadModelResponse:
            tags = {"model_id": calls.model_id}  # TRN-18
            submitted = await submit(calls.holder, unload_model_endpoint, body, telemetry=tags)
            return await await_result(
                calls.holder, submitted, "UnloadModel", result_as(UnloadModelResponse), tracker=calls.tracker
            )

        return calls.run(run, "unload_model")


def _check_name(name: object) -> None:
    if not isinstance(name, str) or not name:
        raise TinkexValidationError("name must be a non-empty string", field="name")
