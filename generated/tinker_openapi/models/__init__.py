"""Contains all the data models used in inputs/outputs"""

from .access_scope import AccessScope
from .accessible_search_owner import AccessibleSearchOwner
from .active_session_status_query import ActiveSessionStatusQuery
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
from .client_session_finish_reason import ClientSessionFinishReason
from .client_session_finish_reason_type import ClientSessionFinishReasonType
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
from .dmel_chunk import DmelChunk
from .encoded_text_chunk import EncodedTextChunk
from .error_response import ErrorResponse
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
from .optim_step_request import OptimStepRequest
from .optim_step_response import OptimStepResponse
from .optimizer_config import OptimizerConfig
from .optimizer_params import OptimizerParams
from .own_search_owner import OwnSearchOwner
from .queue_state import QueueState
from .request_error_category import RequestErrorCategory
from .request_failed_response import RequestFailedResponse
from .sample_api_future import SampleAPIFuture
from .sample_request import SampleRequest
from .sample_response import SampleResponse
from .sampled_sequence import SampledSequence
from .sampling_client_kind import SamplingClientKind
from .sampling_params import SamplingParams
from .sampling_prefill_billing_event import SamplingPrefillBillingEvent
from .sampling_sample_billing_event import SamplingSampleBillingEvent
from .sampling_session_futures_target import SamplingSessionFuturesTarget
from .save_weights_external_request import SaveWeightsExternalRequest
from .save_weights_external_response import SaveWeightsExternalResponse
from .save_weights_for_sampler_request import SaveWeightsForSamplerRequest
from .save_weights_for_sampler_response import SaveWeightsForSamplerResponse
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
from .telemetry_response import TelemetryResponse
from .telemetry_send_request import TelemetrySendRequest
from .tensor_data import TensorData
from .tensor_dtype import TensorDtype
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

__all__ = (
    "AccessibleSearchOwner",
    "AccessScope",
    "ActiveSessionStatusQuery",
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
    "ClientSessionFinishReason",
    "ClientSessionFinishReasonType",
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
    "DmelChunk",
    "EncodedTextChunk",
    "ErrorResponse",
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
    "OptimizerConfig",
    "OptimizerParams",
    "OptimStepRequest",
    "OptimStepResponse",
    "OwnSearchOwner",
    "QueueState",
    "RequestErrorCategory",
    "RequestFailedResponse",
    "SampleAPIFuture",
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
    "SaveWeightsForSamplerRequest",
    "SaveWeightsForSamplerResponse",
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
    "TelemetryResponse",
    "TelemetrySendRequest",
    "TensorData",
    "TensorDtype",
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
)
