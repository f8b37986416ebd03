"""Service-level messages: client config, capabilities, futures, errors, health, identity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

import attrs

from .. import errors as _errors_module
from .. import queue_state as _queue_state_module
from ._base import WireModel
from ._errors import TinkexValidationError
from .sampling import SampleResponse
from .training import ForwardBackwardOutput, OptimStepResponse
from .weights import (
    CreateModelResponse,
    LoadWeightsResponse,
    SaveWeightsExternalResponse,
    SaveWeightsForSamplerResponse,
    SaveWeightsResponse,
    UnloadModelResponse,
)

__all__ = [
    "AuthTokenResponse",
    "ClientConfigRequest",
    "ClientConfigResponse",
    "ClientDynamicConfigResponse",
    "FutureCompletion",
    "FutureFailed",
    "FutureFinished",
    "FutureRetrieveRequest",
    "FutureRetrieveResponse",
    "FuturesRetrieveRequest",
    "FuturesRetrieveResponse",
    "GetServerCapabilitiesResponse",
    "HealthResponse",
    "ModelID",
    "QueueState",
    "RequestErrorCategory",
    "RequestFailedResponse",
    "RequestID",
    "SamplingSessionFuturesTarget",
    "SupportedModel",
    "TryAgainResponse",
    "UntypedAPIFuture",
    "WhoamiResponse",
]

ModelID = str
RequestID = str


# Defined once, in tinkex.errors (which stays light: httpx only under TYPE_CHECKING).
RequestErrorCategory = _errors_module.RequestErrorCategory


# Defined once, in tinkex.queue_state (stdlib-only imports, so still cheap here).
QueueState = _queue_state_module.QueueState


@attrs.define(frozen=True, kw_only=True)
class ClientConfigRequest(WireModel):
    _strict: ClassVar[bool] = True
    sdk_version: str


@attrs.define(frozen=True, kw_only=True)
class ClientConfigResponse(WireModel):
    """Feature switches sent by the server; an empty reply means every default."""

    pjwt_auth_enabled: bool = False
    credential_default_source: str = "api_key"
    sample_dispatch_bytes_semaphore_size: int = 10 * 1024 * 1024
    inflight_response_bytes_semaphore_size: int = 50 * 1024 * 1024
    parallel_fwdbwd_chunks: bool = True
    proto_compress_fwdbwd: bool = False
    fwdbwd_max_chunk_len: int = 1024
    fwdbwd_max_chunk_bytes_count: int = 5_000_000
    fwdbwd_dispatch_bytes_semaphore_size: int = 50_000_000
    billing_exception_max_pause_duration_sec: int = 3600
    sample_no_retries: bool = False
    sample_enable_stuck_detection: bool = True
    sample_max_concurrent_requests: int = 2000
    use_pyqwest_transport: bool = True
    sample_use_retrieve_futures: bool = False
    custom_loss_server_side: bool = False
    sample_join_sampling_session: bool = False


@attrs.define(frozen=True, kw_only=True)
class ClientDynamicConfigResponse(WireModel):
    refresh_interval_sec: int = 300
    sample_cancel_enabled: bool = False
    sample_cancel_max_batch_size: int = 64


@attrs.define(frozen=True, kw_only=True)
class SupportedModel(WireModel):
    model_name: str | None = None
    max_context_length: int | None = None
    trainable: bool | None = None
    sampleable: bool | None = None


@attrs.define(frozen=True, kw_only=True)
class GetServerCapabilitiesResponse(WireModel):
    supported_models: list[SupportedModel]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GetServerCapabilitiesResponse:
        # TYP-21/22: plain strings are model names, null entries are dropped, a missing key is [].
        models = [
            SupportedModel(model_name=m) if isinstance(m, str) else SupportedModel.from_dict(m)
            for m in data.get("supported_models") or []
            if m is not None
        ]
        return cls(supported_models=models)

    def model_names(self) -> list[str | None]:
        return [m.model_name for m in self.supported_models]


@attrs.define(frozen=True, kw_only=True)
class HealthResponse(WireModel):
    status: Literal["ok"]


@attrs.define(frozen=True, kw_only=True)
class UntypedAPIFuture(WireModel):
    request_id: str
    model_id: str | None = None
    sample_sequence_ids: list[str] | None = None


@attrs.define(frozen=True, kw_only=True)
class FutureRetrieveRequest(WireModel):
    _strict: ClassVar[bool] = True
    request_id: str
    allow_metadata_only: bool = False


def _check_queue_state(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str):
        raise TinkexValidationError(
            f"TryAgainResponse.queue_state must be a string, got {value!r}", field="queue_state"
        )


@attrs.define(frozen=True, kw_only=True)
class TryAgainResponse(WireModel):
    """The poll answer "not ready yet". ``queue_state`` stays the server's text (open enum);
    ``queue_state_reason`` and ``retry_after_ms`` are tinkex additions read when present."""

    type: Literal["try_again"] = "try_again"
    request_id: str
    queue_state: Literal["active", "paused_capacity", "paused_rate_limit"] = attrs.field(
        validator=_check_queue_state
    )
    queue_state_reason: str | None = None
    retry_after_ms: int | None = None

    @property
    def parsed_queue_state(self) -> QueueState:
        return QueueState.parse(self.queue_state)


def _parse_category(value: Any) -> RequestErrorCategory:
    return RequestErrorCategory.parse(value)


@attrs.define(frozen=True, kw_only=True)
class RequestFailedResponse(WireModel):
    error: str
    category: RequestErrorCategory = attrs.field(converter=_parse_category)


@attrs.define(frozen=True, kw_only=True)
class FutureFinished(WireModel):
    state: Literal["finished"] = "finished"
    request_id: str
    response_payload_uncompressed_size: int | None = None


@attrs.define(frozen=True, kw_only=True)
class FutureFailed(WireModel):
    state: Literal["failed"] = "failed"
    request_id: str


FutureCompletion = FutureFinished | FutureFailed


@attrs.define(frozen=True, kw_only=True)
class SamplingSessionFuturesTarget(WireModel):
    _strict: ClassVar[bool] = True
    type: Literal["sampling_session"] = "sampling_session"
    sampling_session_id: str
    cloned_sampler_id: int = 0


@attrs.define(frozen=True, kw_only=True)
class FuturesRetrieveRequest(WireModel):
    _strict: ClassVar[bool] = True
    target: SamplingSessionFuturesTarget
    prev_cursor: int = 0
    timeout: float | None = None
    retrieved_request_ids: list[str] = attrs.field(factory=list)


@attrs.define(frozen=True, kw_only=True)
class FuturesRetrieveResponse(WireModel):
    completions: list[FutureCompletion]
    cursor: int


FutureRetrieveResponse = (
    TryAgainResponse
    | ForwardBackwardOutput
    | OptimStepResponse
    | SaveWeightsResponse
    | LoadWeightsResponse
    | SaveWeightsForSamplerResponse
    | SaveWeightsExternalResponse
    | CreateModelResponse
    | UnloadModelResponse
    | RequestFailedResponse
    | SampleResponse
)


@attrs.define(frozen=True, kw_only=True)
class AuthTokenResponse(WireModel):
    jwt: str = attrs.field(repr=False)  # a credential: never in reprs


@attrs.define(frozen=True, kw_only=True)
class WhoamiResponse(WireModel):
    user_urn: str
    org_urn: str
    email: str | None = None
