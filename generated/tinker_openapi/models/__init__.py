"""Contains all the data models used in inputs/outputs.

Models are imported on first use (module ``__getattr__``): a process that only samples never
imports the ~170 model modules it does not touch.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .access_scope import AccessScope
    from .accessible_search_owner import AccessibleSearchOwner
    from .active_session_status_query import ActiveSessionStatusQuery
    from .adam_optimizer_config import AdamOptimizerConfig
    from .adam_params import AdamParams
    from .api_key_details import ApiKeyDetails
    from .api_key_info_response import ApiKeyInfoResponse
    from .api_key_org_details import ApiKeyOrgDetails
    from .api_key_user_details import ApiKeyUserDetails
    from .audit_event_details import AuditEventDetails
    from .audit_event_type_filter import AuditEventTypeFilter
    from .audit_log_entry import AuditLogEntry
    from .audit_log_response import AuditLogResponse
    from .auth_token_request import AuthTokenRequest
    from .auth_token_response import AuthTokenResponse
    from .billing_usage_event import BillingUsageEvent
    from .billing_usage_response import BillingUsageResponse
    from .billing_usage_session import BillingUsageSession
    from .billing_usage_sessions import BillingUsageSessions
    from .cancel_future_request import CancelFutureRequest
    from .cancelled_session_status_query import CancelledSessionStatusQuery
    from .checkpoint import Checkpoint
    from .checkpoint_archive_url_response import CheckpointArchiveUrlResponse
    from .checkpoint_billing_event import CheckpointBillingEvent
    from .checkpoint_kind import CheckpointKind
    from .checkpoint_type import CheckpointType
    from .checkpoints_list_response import CheckpointsListResponse
    from .client_config_request import ClientConfigRequest
    from .client_config_response import ClientConfigResponse
    from .client_dynamic_config_response import ClientDynamicConfigResponse
    from .client_finished_session_status_query import ClientFinishedSessionStatusQuery
    from .client_session_finish_errored import ClientSessionFinishErrored
    from .client_session_finish_interrupted import ClientSessionFinishInterrupted
    from .client_session_finish_reason import ClientSessionFinishReason
    from .client_session_finish_reason_type import ClientSessionFinishReasonType
    from .client_session_finish_success import ClientSessionFinishSuccess
    from .client_session_finished import ClientSessionFinished
    from .copy_weights_request import CopyWeightsRequest
    from .copy_weights_response import CopyWeightsResponse
    from .create_custom_loss_request import CreateCustomLossRequest
    from .create_custom_loss_response import CreateCustomLossResponse
    from .create_model_request import CreateModelRequest
    from .create_model_response import CreateModelResponse
    from .create_sampling_session_request import CreateSamplingSessionRequest
    from .create_sampling_session_response import CreateSamplingSessionResponse
    from .create_session_request import CreateSessionRequest
    from .create_session_response import CreateSessionResponse
    from .current_checkpoint_storage_usage_item import CurrentCheckpointStorageUsageItem
    from .current_checkpoint_storage_usage_response import CurrentCheckpointStorageUsageResponse
    from .cursor import Cursor
    from .custom_loss_graph import CustomLossGraph
    from .custom_loss_input import CustomLossInput
    from .custom_loss_input_rank import CustomLossInputRank
    from .custom_loss_node import CustomLossNode
    from .custom_loss_node_kwargs import CustomLossNodeKwargs
    from .custom_loss_node_op import CustomLossNodeOp
    from .datum import Datum
    from .dimuon_optimizer_config import DimuonOptimizerConfig
    from .dimuon_params import DimuonParams
    from .dmel_chunk import DmelChunk
    from .encoded_text_chunk import EncodedTextChunk
    from .error_response import ErrorResponse
    from .event_type import EventType
    from .external_weights_urls import ExternalWeightsUrls
    from .external_weights_urls_response import ExternalWeightsUrlsResponse
    from .failed_session_status_query import FailedSessionStatusQuery
    from .finish_session_reason import FinishSessionReason
    from .finish_session_request import FinishSessionRequest
    from .forward_backward_input import ForwardBackwardInput
    from .forward_backward_output import ForwardBackwardOutput
    from .forward_backward_request import ForwardBackwardRequest
    from .forward_request import ForwardRequest
    from .future_complete_metadata import FutureCompleteMetadata
    from .future_failed import FutureFailed
    from .future_finished import FutureFinished
    from .future_retrieve_request import FutureRetrieveRequest
    from .future_timeout_response import FutureTimeoutResponse
    from .futures_retrieve_request import FuturesRetrieveRequest
    from .futures_retrieve_response import FuturesRetrieveResponse
    from .generic_event import GenericEvent
    from .generic_event_data import GenericEventData
    from .get_billing_usage_request import GetBillingUsageRequest
    from .get_current_checkpoint_storage_usage_request import GetCurrentCheckpointStorageUsageRequest
    from .get_info_request import GetInfoRequest
    from .get_info_response import GetInfoResponse
    from .get_sampler_response import GetSamplerResponse
    from .get_server_capabilities_response import GetServerCapabilitiesResponse
    from .get_session_response import GetSessionResponse
    from .health_response import HealthResponse
    from .image_asset_pointer_chunk import ImageAssetPointerChunk
    from .image_chunk import ImageChunk
    from .image_format import ImageFormat
    from .join_sampling_session_request import JoinSamplingSessionRequest
    from .join_sampling_session_response import JoinSamplingSessionResponse
    from .list_sessions_response import ListSessionsResponse
    from .load_weights_request import LoadWeightsRequest
    from .load_weights_response import LoadWeightsResponse
    from .lora_config import LoraConfig
    from .loss_fn_config import LossFnConfig
    from .loss_fn_inputs import LossFnInputs
    from .loss_fn_output import LossFnOutput
    from .loss_fn_type import LossFnType
    from .metrics import Metrics
    from .model_data import ModelData
    from .model_input import ModelInput
    from .optim_params_base import OptimParamsBase
    from .optim_step_request import OptimStepRequest
    from .optim_step_response import OptimStepResponse
    from .optimizer_config_base import OptimizerConfigBase
    from .own_search_owner import OwnSearchOwner
    from .parsed_checkpoint_tinker_path import ParsedCheckpointTinkerPath
    from .prompt_alt_tokens import PromptAltTokens
    from .prompt_provenance_span import PromptProvenanceSpan
    from .queue_state import QueueState
    from .request_error_category import RequestErrorCategory
    from .request_failed_response import RequestFailedResponse
    from .sample_api_future import SampleAPIFuture
    from .sample_request import SampleRequest
    from .sample_response import SampleResponse
    from .sampled_provenance_span import SampledProvenanceSpan
    from .sampled_sequence import SampledSequence
    from .sampling_client_kind import SamplingClientKind
    from .sampling_params import SamplingParams
    from .sampling_prefill_billing_event import SamplingPrefillBillingEvent
    from .sampling_sample_billing_event import SamplingSampleBillingEvent
    from .sampling_session_futures_target import SamplingSessionFuturesTarget
    from .save_weights_external_request import SaveWeightsExternalRequest
    from .save_weights_external_response import SaveWeightsExternalResponse
    from .save_weights_external_response_internal import SaveWeightsExternalResponseInternal
    from .save_weights_for_sampler_request import SaveWeightsForSamplerRequest
    from .save_weights_for_sampler_response import SaveWeightsForSamplerResponse
    from .save_weights_for_sampler_response_internal import SaveWeightsForSamplerResponseInternal
    from .save_weights_for_sampler_session_response import SaveWeightsForSamplerSessionResponse
    from .save_weights_request import SaveWeightsRequest
    from .save_weights_response import SaveWeightsResponse
    from .session_active import SessionActive
    from .session_cancelled import SessionCancelled
    from .session_end_event import SessionEndEvent
    from .session_failed import SessionFailed
    from .session_failed_request_reason import SessionFailedRequestReason
    from .session_failed_sampling_session_reason import SessionFailedSamplingSessionReason
    from .session_failed_training_run_reason import SessionFailedTrainingRunReason
    from .session_failure_category import SessionFailureCategory
    from .session_heartbeat_request import SessionHeartbeatRequest
    from .session_heartbeat_response import SessionHeartbeatResponse
    from .session_search_cursor import SessionSearchCursor
    from .session_search_request import SessionSearchRequest
    from .session_search_response import SessionSearchResponse
    from .session_start_event import SessionStartEvent
    from .session_summary import SessionSummary
    from .set_checkpoint_ttl_request import SetCheckpointTtlRequest
    from .set_session_project_request import SetSessionProjectRequest
    from .severity import Severity
    from .stop_reason import StopReason
    from .storage_billing_event import StorageBillingEvent
    from .string_user_metadata import StringUserMetadata
    from .supported_model import SupportedModel
    from .telemetry_batch import TelemetryBatch
    from .telemetry_response import TelemetryResponse
    from .telemetry_send_request import TelemetrySendRequest
    from .tensor_data import TensorData
    from .tensor_dtype import TensorDtype
    from .topk_logprobs import TopkLogprobs
    from .trace_export_response import TraceExportResponse
    from .trace_export_status import TraceExportStatus
    from .training_billing_event import TrainingBillingEvent
    from .training_run import TrainingRun
    from .training_runs_response import TrainingRunsResponse
    from .try_again_response import TryAgainResponse
    from .unhandled_exception_event import UnhandledExceptionEvent
    from .unload_model_request import UnloadModelRequest
    from .unload_model_response import UnloadModelResponse
    from .untyped_api_future import UntypedAPIFuture
    from .user_metadata import UserMetadata
    from .user_search_owner import UserSearchOwner
    from .weights_info_request import WeightsInfoRequest
    from .weights_info_response import WeightsInfoResponse
    from .whoami_response import WhoamiResponse

    pass

_MODULE_OF: dict[str, str] = {
    "AccessScope": "access_scope",
    "AccessibleSearchOwner": "accessible_search_owner",
    "ActiveSessionStatusQuery": "active_session_status_query",
    "AdamOptimizerConfig": "adam_optimizer_config",
    "AdamParams": "adam_params",
    "ApiKeyDetails": "api_key_details",
    "ApiKeyInfoResponse": "api_key_info_response",
    "ApiKeyOrgDetails": "api_key_org_details",
    "ApiKeyUserDetails": "api_key_user_details",
    "AuditEventDetails": "audit_event_details",
    "AuditEventTypeFilter": "audit_event_type_filter",
    "AuditLogEntry": "audit_log_entry",
    "AuditLogResponse": "audit_log_response",
    "AuthTokenRequest": "auth_token_request",
    "AuthTokenResponse": "auth_token_response",
    "BillingUsageEvent": "billing_usage_event",
    "BillingUsageResponse": "billing_usage_response",
    "BillingUsageSession": "billing_usage_session",
    "BillingUsageSessions": "billing_usage_sessions",
    "CancelFutureRequest": "cancel_future_request",
    "CancelledSessionStatusQuery": "cancelled_session_status_query",
    "Checkpoint": "checkpoint",
    "CheckpointArchiveUrlResponse": "checkpoint_archive_url_response",
    "CheckpointBillingEvent": "checkpoint_billing_event",
    "CheckpointKind": "checkpoint_kind",
    "CheckpointType": "checkpoint_type",
    "CheckpointsListResponse": "checkpoints_list_response",
    "ClientConfigRequest": "client_config_request",
    "ClientConfigResponse": "client_config_response",
    "ClientDynamicConfigResponse": "client_dynamic_config_response",
    "ClientFinishedSessionStatusQuery": "client_finished_session_status_query",
    "ClientSessionFinishErrored": "client_session_finish_errored",
    "ClientSessionFinishInterrupted": "client_session_finish_interrupted",
    "ClientSessionFinishReason": "client_session_finish_reason",
    "ClientSessionFinishReasonType": "client_session_finish_reason_type",
    "ClientSessionFinishSuccess": "client_session_finish_success",
    "ClientSessionFinished": "client_session_finished",
    "CopyWeightsRequest": "copy_weights_request",
    "CopyWeightsResponse": "copy_weights_response",
    "CreateCustomLossRequest": "create_custom_loss_request",
    "CreateCustomLossResponse": "create_custom_loss_response",
    "CreateModelRequest": "create_model_request",
    "CreateModelResponse": "create_model_response",
    "CreateSamplingSessionRequest": "create_sampling_session_request",
    "CreateSamplingSessionResponse": "create_sampling_session_response",
    "CreateSessionRequest": "create_session_request",
    "CreateSessionResponse": "create_session_response",
    "CurrentCheckpointStorageUsageItem": "current_checkpoint_storage_usage_item",
    "CurrentCheckpointStorageUsageResponse": "current_checkpoint_storage_usage_response",
    "Cursor": "cursor",
    "CustomLossGraph": "custom_loss_graph",
    "CustomLossInput": "custom_loss_input",
    "CustomLossInputRank": "custom_loss_input_rank",
    "CustomLossNode": "custom_loss_node",
    "CustomLossNodeKwargs": "custom_loss_node_kwargs",
    "CustomLossNodeOp": "custom_loss_node_op",
    "Datum": "datum",
    "DimuonOptimizerConfig": "dimuon_optimizer_config",
    "DimuonParams": "dimuon_params",
    "DmelChunk": "dmel_chunk",
    "EncodedTextChunk": "encoded_text_chunk",
    "ErrorResponse": "error_response",
    "EventType": "event_type",
    "ExternalWeightsUrls": "external_weights_urls",
    "ExternalWeightsUrlsResponse": "external_weights_urls_response",
    "FailedSessionStatusQuery": "failed_session_status_query",
    "FinishSessionReason": "finish_session_reason",
    "FinishSessionRequest": "finish_session_request",
    "ForwardBackwardInput": "forward_backward_input",
    "ForwardBackwardOutput": "forward_backward_output",
    "ForwardBackwardRequest": "forward_backward_request",
    "ForwardRequest": "forward_request",
    "FutureCompleteMetadata": "future_complete_metadata",
    "FutureFailed": "future_failed",
    "FutureFinished": "future_finished",
    "FutureRetrieveRequest": "future_retrieve_request",
    "FutureTimeoutResponse": "future_timeout_response",
    "FuturesRetrieveRequest": "futures_retrieve_request",
    "FuturesRetrieveResponse": "futures_retrieve_response",
    "GenericEvent": "generic_event",
    "GenericEventData": "generic_event_data",
    "GetBillingUsageRequest": "get_billing_usage_request",
    "GetCurrentCheckpointStorageUsageRequest": "get_current_checkpoint_storage_usage_request",
    "GetInfoRequest": "get_info_request",
    "GetInfoResponse": "get_info_response",
    "GetSamplerResponse": "get_sampler_response",
    "GetServerCapabilitiesResponse": "get_server_capabilities_response",
    "GetSessionResponse": "get_session_response",
    "HealthResponse": "health_response",
    "ImageAssetPointerChunk": "image_asset_pointer_chunk",
    "ImageChunk": "image_chunk",
    "ImageFormat": "image_format",
    "JoinSamplingSessionRequest": "join_sampling_session_request",
    "JoinSamplingSessionResponse": "join_sampling_session_response",
    "ListSessionsResponse": "list_sessions_response",
    "LoadWeightsRequest": "load_weights_request",
    "LoadWeightsResponse": "load_weights_response",
    "LoraConfig": "lora_config",
    "LossFnConfig": "loss_fn_config",
    "LossFnInputs": "loss_fn_inputs",
    "LossFnOutput": "loss_fn_output",
    "LossFnType": "loss_fn_type",
    "Metrics": "metrics",
    "ModelData": "model_data",
    "ModelInput": "model_input",
    "OptimParamsBase": "optim_params_base",
    "OptimStepRequest": "optim_step_request",
    "OptimStepResponse": "optim_step_response",
    "OptimizerConfigBase": "optimizer_config_base",
    "OwnSearchOwner": "own_search_owner",
    "ParsedCheckpointTinkerPath": "parsed_checkpoint_tinker_path",
    "PromptAltTokens": "prompt_alt_tokens",
    "PromptProvenanceSpan": "prompt_provenance_span",
    "QueueState": "queue_state",
    "RequestErrorCategory": "request_error_category",
    "RequestFailedResponse": "request_failed_response",
    "SampleAPIFuture": "sample_api_future",
    "SampleRequest": "sample_request",
    "SampleResponse": "sample_response",
    "SampledProvenanceSpan": "sampled_provenance_span",
    "SampledSequence": "sampled_sequence",
    "SamplingClientKind": "sampling_client_kind",
    "SamplingParams": "sampling_params",
    "SamplingPrefillBillingEvent": "sampling_prefill_billing_event",
    "SamplingSampleBillingEvent": "sampling_sample_billing_event",
    "SamplingSessionFuturesTarget": "sampling_session_futures_target",
    "SaveWeightsExternalRequest": "save_weights_external_request",
    "SaveWeightsExternalResponse": "save_weights_external_response",
    "SaveWeightsExternalResponseInternal": "save_weights_external_response_internal",
    "SaveWeightsForSamplerRequest": "save_weights_for_sampler_request",
    "SaveWeightsForSamplerResponse": "save_weights_for_sampler_response",
    "SaveWeightsForSamplerResponseInternal": "save_weights_for_sampler_response_internal",
    "SaveWeightsForSamplerSessionResponse": "save_weights_for_sampler_session_response",
    "SaveWeightsRequest": "save_weights_request",
    "SaveWeightsResponse": "save_weights_response",
    "SessionActive": "session_active",
    "SessionCancelled": "session_cancelled",
    "SessionEndEvent": "session_end_event",
    "SessionFailed": "session_failed",
    "SessionFailedRequestReason": "session_failed_request_reason",
    "SessionFailedSamplingSessionReason": "session_failed_sampling_session_reason",
    "SessionFailedTrainingRunReason": "session_failed_training_run_reason",
    "SessionFailureCategory": "session_failure_category",
    "SessionHeartbeatRequest": "session_heartbeat_request",
    "SessionHeartbeatResponse": "session_heartbeat_response",
    "SessionSearchCursor": "session_search_cursor",
    "SessionSearchRequest": "session_search_request",
    "SessionSearchResponse": "session_search_response",
    "SessionStartEvent": "session_start_event",
    "SessionSummary": "session_summary",
    "SetCheckpointTtlRequest": "set_checkpoint_ttl_request",
    "SetSessionProjectRequest": "set_session_project_request",
    "Severity": "severity",
    "StopReason": "stop_reason",
    "StorageBillingEvent": "storage_billing_event",
    "StringUserMetadata": "string_user_metadata",
    "SupportedModel": "supported_model",
    "TelemetryBatch": "telemetry_batch",
    "TelemetryResponse": "telemetry_response",
    "TelemetrySendRequest": "telemetry_send_request",
    "TensorData": "tensor_data",
    "TensorDtype": "tensor_dtype",
    "TopkLogprobs": "topk_logprobs",
    "TraceExportResponse": "trace_export_response",
    "TraceExportStatus": "trace_export_status",
    "TrainingBillingEvent": "training_billing_event",
    "TrainingRun": "training_run",
    "TrainingRunsResponse": "training_runs_response",
    "TryAgainResponse": "try_again_response",
    "UnhandledExceptionEvent": "unhandled_exception_event",
    "UnloadModelRequest": "unload_model_request",
    "UnloadModelResponse": "unload_model_response",
    "UntypedAPIFuture": "untyped_api_future",
    "UserMetadata": "user_metadata",
    "UserSearchOwner": "user_search_owner",
    "WeightsInfoRequest": "weights_info_request",
    "WeightsInfoResponse": "weights_info_response",
    "WhoamiResponse": "whoami_response",
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = (
    "AccessibleSearchOwner",
    "AccessScope",
    "ActiveSessionStatusQuery",
    "AdamOptimizerConfig",
    "AdamParams",
    "ApiKeyDetails",
    "ApiKeyInfoResponse",
    "ApiKeyOrgDetails",
    "ApiKeyUserDetails",
    "AuditEventDetails",
    "AuditEventTypeFilter",
    "AuditLogEntry",
    "AuditLogResponse",
    "AuthTokenRequest",
    "AuthTokenResponse",
    "BillingUsageEvent",
    "BillingUsageResponse",
    "BillingUsageSession",
    "BillingUsageSessions",
    "CancelFutureRequest",
    "CancelledSessionStatusQuery",
    "Checkpoint",
    "CheckpointArchiveUrlResponse",
    "CheckpointBillingEvent",
    "CheckpointKind",
    "CheckpointsListResponse",
    "CheckpointType",
    "ClientConfigRequest",
    "ClientConfigResponse",
    "ClientDynamicConfigResponse",
    "ClientFinishedSessionStatusQuery",
    "ClientSessionFinished",
    "ClientSessionFinishErrored",
    "ClientSessionFinishInterrupted",
    "ClientSessionFinishReason",
    "ClientSessionFinishReasonType",
    "ClientSessionFinishSuccess",
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
    "CustomLossNodeKwargs",
    "CustomLossNodeOp",
    "Datum",
    "DimuonOptimizerConfig",
    "DimuonParams",
    "DmelChunk",
    "EncodedTextChunk",
    "ErrorResponse",
    "EventType",
    "ExternalWeightsUrls",
    "ExternalWeightsUrlsResponse",
    "FailedSessionStatusQuery",
    "FinishSessionReason",
    "FinishSessionRequest",
    "ForwardBackwardInput",
    "ForwardBackwardOutput",
    "ForwardBackwardRequest",
    "ForwardRequest",
    "FutureCompleteMetadata",
    "FutureFailed",
    "FutureFinished",
    "FutureRetrieveRequest",
    "FuturesRetrieveRequest",
    "FuturesRetrieveResponse",
    "FutureTimeoutResponse",
    "GenericEvent",
    "GenericEventData",
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
    "ImageFormat",
    "JoinSamplingSessionRequest",
    "JoinSamplingSessionResponse",
    "ListSessionsResponse",
    "LoadWeightsRequest",
    "LoadWeightsResponse",
    "LoraConfig",
    "LossFnConfig",
    "LossFnInputs",
    "LossFnOutput",
    "LossFnType",
    "Metrics",
    "ModelData",
    "ModelInput",
    "OptimizerConfigBase",
    "OptimParamsBase",
    "OptimStepRequest",
    "OptimStepResponse",
    "OwnSearchOwner",
    "ParsedCheckpointTinkerPath",
    "PromptAltTokens",
    "PromptProvenanceSpan",
    "QueueState",
    "RequestErrorCategory",
    "RequestFailedResponse",
    "SampleAPIFuture",
    "SampledProvenanceSpan",
    "SampledSequence",
    "SampleRequest",
    "SampleResponse",
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
    "SaveWeightsForSamplerSessionResponse",
    "SaveWeightsRequest",
    "SaveWeightsResponse",
    "SessionActive",
    "SessionCancelled",
    "SessionEndEvent",
    "SessionFailed",
    "SessionFailedRequestReason",
    "SessionFailedSamplingSessionReason",
    "SessionFailedTrainingRunReason",
    "SessionFailureCategory",
    "SessionHeartbeatRequest",
    "SessionHeartbeatResponse",
    "SessionSearchCursor",
    "SessionSearchRequest",
    "SessionSearchResponse",
    "SessionStartEvent",
    "SessionSummary",
    "SetCheckpointTtlRequest",
    "SetSessionProjectRequest",
    "Severity",
    "StopReason",
    "StorageBillingEvent",
    "StringUserMetadata",
    "SupportedModel",
    "TelemetryBatch",
    "TelemetryResponse",
    "TelemetrySendRequest",
    "TensorData",
    "TensorDtype",
    "TopkLogprobs",
    "TraceExportResponse",
    "TraceExportStatus",
    "TrainingBillingEvent",
    "TrainingRun",
    "TrainingRunsResponse",
    "TryAgainResponse",
    "UnhandledExceptionEvent",
    "UnloadModelRequest",
    "UnloadModelResponse",
    "UntypedAPIFuture",
    "UserMetadata",
    "UserSearchOwner",
    "WeightsInfoRequest",
    "WeightsInfoResponse",
    "WhoamiResponse",
)
