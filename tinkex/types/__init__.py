"""Public data types of tinkex, with the names of the official ``tinker.types``.

Everything here is importable without jax, torch, transformers or httpx.
"""

from __future__ import annotations

from ._errors import TinkexValidationError as TinkexValidationError
from .admin import AuditLogEntry as AuditLogEntry
from .admin import AuditLogResponse as AuditLogResponse
from .admin import BillingEventInfo as BillingEventInfo
from .admin import BillingUsageEvent as BillingUsageEvent
from .admin import BillingUsageResponse as BillingUsageResponse
from .admin import BillingUsageSession as BillingUsageSession
from .admin import CheckpointBillingEvent as CheckpointBillingEvent
from .admin import CreateCustomLossRequest as CreateCustomLossRequest
from .admin import CreateCustomLossResponse as CreateCustomLossResponse
from .admin import CurrentCheckpointStorageUsageItem as CurrentCheckpointStorageUsageItem
from .admin import CurrentCheckpointStorageUsageResponse as CurrentCheckpointStorageUsageResponse
from .admin import CustomLossGraph as CustomLossGraph
from .admin import CustomLossInput as CustomLossInput
from .admin import CustomLossInputRank as CustomLossInputRank
from .admin import CustomLossNode as CustomLossNode
from .admin import EventType as EventType
from .admin import GenericEvent as GenericEvent
from .admin import GetBillingUsageRequest as GetBillingUsageRequest
from .admin import GetCurrentCheckpointStorageUsageRequest as GetCurrentCheckpointStorageUsageRequest
from .admin import SamplingPrefillBillingEvent as SamplingPrefillBillingEvent
from .admin import SamplingSampleBillingEvent as SamplingSampleBillingEvent
from .admin import SessionEndEvent as SessionEndEvent
from .admin import SessionStartEvent as SessionStartEvent
from .admin import Severity as Severity
from .admin import StorageBillingEvent as StorageBillingEvent
from .admin import TelemetryBatch as TelemetryBatch
from .admin import TelemetryEvent as TelemetryEvent
from .admin import TelemetryResponse as TelemetryResponse
from .admin import TelemetrySendRequest as TelemetrySendRequest
from .admin import TrainingBillingEvent as TrainingBillingEvent
from .admin import UnhandledExceptionEvent as UnhandledExceptionEvent
from .checkpoints import Checkpoint as Checkpoint
from .checkpoints import CheckpointArchiveUrlResponse as CheckpointArchiveUrlResponse
from .checkpoints import CheckpointsListResponse as CheckpointsListResponse
from .checkpoints import CheckpointType as CheckpointType
from .checkpoints import Cursor as Cursor
from .checkpoints import ParsedCheckpointTinkerPath as ParsedCheckpointTinkerPath
from .checkpoints import TrainingRun as TrainingRun
from .checkpoints import TrainingRunsResponse as TrainingRunsResponse
from .checkpoints import console_checkpoint_url as console_checkpoint_url
from .checkpoints import console_playground_url as console_playground_url
from .datum import Datum as Datum
from .datum import LossFnInputs as LossFnInputs
from .datum import LossFnOutput as LossFnOutput
from .datum import PromptProvenanceSpan as PromptProvenanceSpan
from .datum import ProvenanceSpans as ProvenanceSpans
from .datum import SampledProvenanceSpan as SampledProvenanceSpan
from .model_input import DmelChunk as DmelChunk
from .model_input import EncodedTextChunk as EncodedTextChunk
from .model_input import ImageAssetPointerChunk as ImageAssetPointerChunk
from .model_input import ImageChunk as ImageChunk
from .model_input import ModelInput as ModelInput
from .model_input import ModelInputChunk as ModelInputChunk
from .sampling import PromptAltTokens as PromptAltTokens
from .sampling import SampledSequence as SampledSequence
from .sampling import SampleRequest as SampleRequest
from .sampling import SampleResponse as SampleResponse
from .sampling import SamplingClientKind as SamplingClientKind
from .sampling import SamplingParams as SamplingParams
from .sampling import StopReason as StopReason
from .sampling import TopkLogprobs as TopkLogprobs
from .service import AuthTokenResponse as AuthTokenResponse
from .service import ClientConfigRequest as ClientConfigRequest
from .service import ClientConfigResponse as ClientConfigResponse
from .service import ClientDynamicConfigResponse as ClientDynamicConfigResponse
from .service import FutureCompletion as FutureCompletion
from .service import FutureFailed as FutureFailed
from .service import FutureFinished as FutureFinished
from .service import FutureRetrieveRequest as FutureRetrieveRequest
from .service import FutureRetrieveResponse as FutureRetrieveResponse
from .service import FuturesRetrieveRequest as FuturesRetrieveRequest
from .service import FuturesRetrieveResponse as FuturesRetrieveResponse
from .service import GetServerCapabilitiesResponse as GetServerCapabilitiesResponse
from .service import HealthResponse as HealthResponse
from .service import ModelID as ModelID
from .service import QueueState as QueueState
from .service import RequestErrorCategory as RequestErrorCategory
from .service import RequestFailedResponse as RequestFailedResponse
from .service import RequestID as RequestID
from .service import SamplingSessionFuturesTarget as SamplingSessionFuturesTarget
from .service import SupportedModel as SupportedModel
from .service import TryAgainResponse as TryAgainResponse
from .service import UntypedAPIFuture as UntypedAPIFuture
from .service import WhoamiResponse as WhoamiResponse
from .sessions import AccessibleSearchOwner as AccessibleSearchOwner
from .sessions import ActiveSessionStatusQuery as ActiveSessionStatusQuery
from .sessions import CancelledSessionStatusQuery as CancelledSessionStatusQuery
from .sessions import ClientFinishedSessionStatusQuery as ClientFinishedSessionStatusQuery
from .sessions import ClientSessionFinished as ClientSessionFinished
from .sessions import ClientSessionFinishErrored as ClientSessionFinishErrored
from .sessions import ClientSessionFinishInterrupted as ClientSessionFinishInterrupted
from .sessions import ClientSessionFinishReason as ClientSessionFinishReason
from .sessions import ClientSessionFinishReasonType as ClientSessionFinishReasonType
from .sessions import ClientSessionFinishSuccess as ClientSessionFinishSuccess
from .sessions import CreateSamplingSessionRequest as CreateSamplingSessionRequest
from .sessions import CreateSamplingSessionResponse as CreateSamplingSessionResponse
from .sessions import CreateSessionRequest as CreateSessionRequest
from .sessions import CreateSessionResponse as CreateSessionResponse
from .sessions import FailedSessionStatusQuery as FailedSessionStatusQuery
from .sessions import GetSessionResponse as GetSessionResponse
from .sessions import JoinSamplingSessionRequest as JoinSamplingSessionRequest
from .sessions import JoinSamplingSessionResponse as JoinSamplingSessionResponse
from .sessions import ListSessionsResponse as ListSessionsResponse
from .sessions import OwnSearchOwner as OwnSearchOwner
from .sessions import SearchOwner as SearchOwner
from .sessions import SessionActive as SessionActive
from .sessions import SessionCancelled as SessionCancelled
from .sessions import SessionFailed as SessionFailed
from .sessions import SessionFailedReason as SessionFailedReason
from .sessions import SessionFailedRequestReason as SessionFailedRequestReason
from .sessions import SessionFailedSamplingSessionReason as SessionFailedSamplingSessionReason
from .sessions import SessionFailedTrainingRunReason as SessionFailedTrainingRunReason
from .sessions import SessionHeartbeatRequest as SessionHeartbeatRequest
from .sessions import SessionHeartbeatResponse as SessionHeartbeatResponse
from .sessions import SessionSearchCursor as SessionSearchCursor
from .sessions import SessionSearchRequest as SessionSearchRequest
from .sessions import SessionSearchResponse as SessionSearchResponse
from .sessions import SessionStatus as SessionStatus
from .sessions import SessionStatusQuery as SessionStatusQuery
from .sessions import SessionSummary as SessionSummary
from .sessions import UserSearchOwner as UserSearchOwner
from .tensor_data import TensorData as TensorData
from .tensor_dtype import TENSOR_DTYPES as TENSOR_DTYPES
from .tensor_dtype import TensorDtype as TensorDtype
from .tensor_dtype import check_precision_loss as check_precision_loss
from .tensor_dtype import dtype_from_numpy as dtype_from_numpy
from .tensor_dtype import to_numpy_dtype as to_numpy_dtype
from .training import LOSS_FN_TYPES as LOSS_FN_TYPES
from .training import AdamOptimizerConfig as AdamOptimizerConfig
from .training import AdamParams as AdamParams
from .training import DimuonOptimizerConfig as DimuonOptimizerConfig
from .training import DimuonParams as DimuonParams
from .training import ForwardBackwardInput as ForwardBackwardInput
from .training import ForwardBackwardOutput as ForwardBackwardOutput
from .training import ForwardBackwardRequest as ForwardBackwardRequest
from .training import ForwardRequest as ForwardRequest
from .training import LoraConfig as LoraConfig
from .training import LossFnType as LossFnType
from .training import OptimizerConfig as OptimizerConfig
from .training import OptimParams as OptimParams
from .training import OptimStepRequest as OptimStepRequest
from .training import OptimStepResponse as OptimStepResponse
from .weights import CopyWeightsRequest as CopyWeightsRequest
from .weights import CopyWeightsResponse as CopyWeightsResponse
from .weights import CreateModelRequest as CreateModelRequest
from .weights import CreateModelResponse as CreateModelResponse
from .weights import ExternalWeightsUrlsResponse as ExternalWeightsUrlsResponse
from .weights import GetInfoRequest as GetInfoRequest
from .weights import GetInfoResponse as GetInfoResponse
from .weights import GetSamplerResponse as GetSamplerResponse
from .weights import LoadWeightsRequest as LoadWeightsRequest
from .weights import LoadWeightsResponse as LoadWeightsResponse
from .weights import ModelData as ModelData
from .weights import SaveWeightsExternalRequest as SaveWeightsExternalRequest
from .weights import SaveWeightsExternalResponse as SaveWeightsExternalResponse
from .weights import SaveWeightsExternalResponseInternal as SaveWeightsExternalResponseInternal
from .weights import SaveWeightsForSamplerRequest as SaveWeightsForSamplerRequest
from .weights import SaveWeightsForSamplerResponse as SaveWeightsForSamplerResponse
from .weights import SaveWeightsForSamplerResponseInternal as SaveWeightsForSamplerResponseInternal
from .weights import SaveWeightsRequest as SaveWeightsRequest
from .weights import SaveWeightsResponse as SaveWeightsResponse
from .weights import UnloadModelRequest as UnloadModelRequest
from .weights import UnloadModelResponse as UnloadModelResponse
from .weights import WeightsInfoResponse as WeightsInfoResponse

__all__ = [
    "LOSS_FN_TYPES",
    "TENSOR_DTYPES",
    "AccessibleSearchOwner",
    "ActiveSessionStatusQuery",
    "AdamOptimizerConfig",
    "AdamParams",
    "AuditLogEntry",
    "AuditLogResponse",
    "AuthTokenResponse",
    "BillingEventInfo",
    "BillingUsageEvent",
    "BillingUsageResponse",
    "BillingUsageSession",
    "CancelledSessionStatusQuery",
    "Checkpoint",
    "CheckpointArchiveUrlResponse",
    "CheckpointBillingEvent",
    "CheckpointType",
    "CheckpointsListResponse",
    "ClientConfigRequest",
    "ClientConfigResponse",
    "ClientDynamicConfigResponse",
    "ClientFinishedSessionStatusQuery",
    "ClientSessionFinishErrored",
    "ClientSessionFinishInterrupted",
    "ClientSessionFinishReason",
    "ClientSessionFinishReasonType",
    "ClientSessionFinishSuccess",
    "ClientSessionFinished",
    "CopyWeightsRequest",
    "CopyWeightsResponse",
    "CreateCustomLossRequest",
    "CreateCustomLossResponse",
    "CreateModelRequest",
    "CreateModelResponse",
    "CreateSamplingSessionRequest",
    "CreateSamplingSessionResponse",
    "CreateSessionRequest",
    "CreateSessionResponse",
    "CurrentCheckpointStorageUsageItem",
    "CurrentCheckpointStorageUsageResponse",
    "Cursor",
    "CustomLossGraph",
    "CustomLossInput",
    "CustomLossInputRank",
    "CustomLossNode",
    "Datum",
    "DimuonOptimizerConfig",
    "DimuonParams",
    "DmelChunk",
    "EncodedTextChunk",
    "EventType",
    "ExternalWeightsUrlsResponse",
    "FailedSessionStatusQuery",
    "ForwardBackwardInput",
    "ForwardBackwardOutput",
    "ForwardBackwardRequest",
    "ForwardRequest",
    "FutureCompletion",
    "FutureFailed",
    "FutureFinished",
    "FutureRetrieveRequest",
    "FutureRetrieveResponse",
    "FuturesRetrieveRequest",
    "FuturesRetrieveResponse",
    "GenericEvent",
    "GetBillingUsageRequest",
    "GetCurrentCheckpointStorageUsageRequest",
    "GetInfoRequest",
    "GetInfoResponse",
    "GetSamplerResponse",
    "GetServerCapabilitiesResponse",
    "GetSessionResponse",
    "HealthResponse",
    "ImageAssetPointerChunk",
    "ImageChunk",
    "JoinSamplingSessionRequest",
    "JoinSamplingSessionResponse",
    "ListSessionsResponse",
    "LoadWeightsRequest",
    "LoadWeightsResponse",
    "LoraConfig",
    "LossFnInputs",
    "LossFnOutput",
    "LossFnType",
    "ModelData",
    "ModelID",
    "ModelInput",
    "ModelInputChunk",
    "OptimParams",
    "OptimStepRequest",
    "OptimStepResponse",
    "OptimizerConfig",
    "OwnSearchOwner",
    "ParsedCheckpointTinkerPath",
    "PromptAltTokens",
    "PromptProvenanceSpan",
    "ProvenanceSpans",
    "QueueState",
    "RequestErrorCategory",
    "RequestFailedResponse",
    "RequestID",
    "SampleRequest",
    "SampleResponse",
    "SampledProvenanceSpan",
    "SampledSequence",
    "SamplingClientKind",
    "SamplingParams",
    "SamplingPrefillBillingEvent",
    "SamplingSampleBillingEvent",
    "SamplingSessionFuturesTarget",
    "SaveWeightsExternalRequest",
    "SaveWeightsExternalResponse",
    "SaveWeightsExternalResponseInternal",
    "SaveWeightsForSamplerRequest",
    "SaveWeightsForSamplerResponse",
    "SaveWeightsForSamplerResponseInternal",
    "SaveWeightsRequest",
    "SaveWeightsResponse",
    "SearchOwner",
    "SessionActive",
    "SessionCancelled",
    "SessionEndEvent",
    "SessionFailed",
    "SessionFailedReason",
    "SessionFailedRequestReason",
    "SessionFailedSamplingSessionReason",
    "SessionFailedTrainingRunReason",
    "SessionHeartbeatRequest",
    "SessionHeartbeatResponse",
    "SessionSearchCursor",
    "SessionSearchRequest",
    "SessionSearchResponse",
    "SessionStartEvent",
    "SessionStatus",
    "SessionStatusQuery",
    "SessionSummary",
    "Severity",
    "StopReason",
    "StorageBillingEvent",
    "SupportedModel",
    "TelemetryBatch",
    "TelemetryEvent",
    "TelemetryResponse",
    "TelemetrySendRequest",
    "TensorData",
    "TensorDtype",
    "TinkexValidationError",
    "TopkLogprobs",
    "TrainingBillingEvent",
    "TrainingRun",
    "TrainingRunsResponse",
    "TryAgainResponse",
    "UnhandledExceptionEvent",
    "UnloadModelRequest",
    "UnloadModelResponse",
    "UntypedAPIFuture",
    "UserSearchOwner",
    "WeightsInfoResponse",
    "WhoamiResponse",
    "check_precision_loss",
    "console_checkpoint_url",
    "console_playground_url",
    "dtype_from_numpy",
    "to_numpy_dtype",
]
