"""Type aliases for the spec's unions (``oneOf``/``anyOf`` component schemas) and id types.

The generator inlines a union wherever it is used, so the official names of the unions
(``ModelInputChunk``, ``FutureRetrieveResponse``, ...) are spelled here, from the generated
classes. A contract test checks every alias against the members the spec lists.
"""

from __future__ import annotations

from typing import TypeAlias

from tinker_openapi.models import (
    AccessibleSearchOwner,
    ActiveSessionStatusQuery,
    AdamOptimizerConfig,
    AdamParams,
    CancelledSessionStatusQuery,
    CheckpointBillingEvent,
    ClientFinishedSessionStatusQuery,
    ClientSessionFinished,
    CreateCustomLossResponse,
    CreateModelResponse,
    DimuonOptimizerConfig,
    DimuonParams,
    DmelChunk,
    EncodedTextChunk,
    FailedSessionStatusQuery,
    ForwardBackwardOutput,
    FutureCompleteMetadata,
    FutureFailed,
    FutureFinished,
    GenericEvent,
    ImageAssetPointerChunk,
    ImageChunk,
    LoadWeightsResponse,
    OptimizerConfigBase,
    OptimParamsBase,
    OptimStepResponse,
    OwnSearchOwner,
    PromptProvenanceSpan,
    RequestFailedResponse,
    SampledProvenanceSpan,
    SampleResponse,
    SamplingPrefillBillingEvent,
    SamplingSampleBillingEvent,
    SaveWeightsExternalResponse,
    SaveWeightsForSamplerResponse,
    SaveWeightsForSamplerSessionResponse,
    SaveWeightsResponse,
    SessionActive,
    SessionCancelled,
    SessionEndEvent,
    SessionFailed,
    SessionFailedRequestReason,
    SessionFailedSamplingSessionReason,
    SessionFailedTrainingRunReason,
    SessionStartEvent,
    StorageBillingEvent,
    TrainingBillingEvent,
    TryAgainResponse,
    UnhandledExceptionEvent,
    UnloadModelResponse,
    UserSearchOwner,
)

from ._union_names import UNION_ALIASES

__all__ = list(UNION_ALIASES)

ModelID: TypeAlias = str
RequestID: TypeAlias = str

ModelInputChunk: TypeAlias = EncodedTextChunk | ImageChunk | ImageAssetPointerChunk | DmelChunk
ProvenanceSpan: TypeAlias = PromptProvenanceSpan | SampledProvenanceSpan
ProvenanceSpans: TypeAlias = list[ProvenanceSpan]
OptimParams: TypeAlias = AdamParams | DimuonParams | OptimParamsBase
OptimizerConfig: TypeAlias = AdamOptimizerConfig | DimuonOptimizerConfig | OptimizerConfigBase
TelemetryEvent: TypeAlias = SessionStartEvent | SessionEndEvent | UnhandledExceptionEvent | GenericEvent
FutureCompletion: TypeAlias = FutureFinished | FutureFailed
FutureRetrieveResponse: TypeAlias = (
    TryAgainResponse
    | FutureCompleteMetadata
    | RequestFailedResponse
    | ForwardBackwardOutput
    | SampleResponse
    | CreateModelResponse
    | UnloadModelResponse
    | CreateCustomLossResponse
    | OptimStepResponse
    | SaveWeightsResponse
    | SaveWeightsForSamplerResponse
    | SaveWeightsForSamplerSessionResponse
    | SaveWeightsExternalResponse
    | LoadWeightsResponse
)
SessionFailedReason: TypeAlias = (
    SessionFailedRequestReason | SessionFailedTrainingRunReason | SessionFailedSamplingSessionReason
)
SessionStatus: TypeAlias = SessionActive | SessionCancelled | ClientSessionFinished | SessionFailed
SearchOwner: TypeAlias = OwnSearchOwner | AccessibleSearchOwner | UserSearchOwner
SessionStatusQuery: TypeAlias = (
    ActiveSessionStatusQuery
    | CancelledSessionStatusQuery
    | FailedSessionStatusQuery
    | ClientFinishedSessionStatusQuery
)
BillingEventInfo: TypeAlias = (
    TrainingBillingEvent
    | SamplingPrefillBillingEvent
    | SamplingSampleBillingEvent
    | CheckpointBillingEvent
    | StorageBillingEvent
)
