"""tinkex: a Python SDK for the Tinker fine-tuning API, with the official ``tinker`` SDK's
public API (``import tinkex as tinker`` works) plus Tinkex's additions.

Names are imported lazily (PEP 562) so ``import tinkex`` stays cheap: httpx, numpy-heavy
types, JAX and transformers load only when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

__title__ = "tinkex"

_TYPES = [
    "AdamOptimizerConfig",
    "AdamParams",
    "Checkpoint",
    "CheckpointType",
    "Datum",
    "DimuonOptimizerConfig",
    "DimuonParams",
    "DmelChunk",
    "EncodedTextChunk",
    "ForwardBackwardOutput",
    "ImageAssetPointerChunk",
    "ImageChunk",
    "LoraConfig",
    "ModelID",
    "ModelInput",
    "ModelInputChunk",
    "OptimParams",
    "OptimStepRequest",
    "OptimStepResponse",
    "ParsedCheckpointTinkerPath",
    "PromptProvenanceSpan",
    "SampledProvenanceSpan",
    "SampledSequence",
    "SampleRequest",
    "SampleResponse",
    "SamplingParams",
    "StopReason",
    "TensorData",
    "TensorDtype",
    "TrainingRun",
]
_ERRORS = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BillingError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestFailedError",
    "ResponseTooLargeError",
    "TinkerError",
    "UnprocessableEntityError",
    "TinkexValidationError",
    "TinkexConfigError",
    "RequestErrorCategory",
    "is_user_error",
    "is_retryable",
]

_LAZY: dict[str, str] = {
    "ServiceClient": "tinkex.service_client",
    "TrainingClient": "tinkex.training_client",
    "SamplingClient": "tinkex.sampling_client",
    "RestClient": "tinkex.rest_client",
    "APIFuture": "tinkex.futures",
    "RetryConfig": "tinkex.retry_config",
    "BackcompatTrainingClientFuture": "tinkex.training_client",
    "BackcompatSamplingClientFuture": "tinkex.sampling_client",
    "Config": "tinkex.config",
    "configure": "tinkex.config",
    "resolve_config": "tinkex.config",
    "QueueState": "tinkex.queue_state",
    "QueueStateObserver": "tinkex.queue_state",
    "DownloadResult": "tinkex.checkpoint_download",
    "ExperimentalWarning": "tinkex._compat.public_extras",
    "RequestOptions": "tinkex._compat.public_extras",
    "Timeout": "tinkex._compat.public_extras",
    "CheckpointDownloadError": "tinkex.checkpoint_download",
    "AdminClient": "tinkex.admin_client",
    "LossHandle": "tinkex.loss_handle",
    "PerDatumLossFn": "tinkex.loss_handle",
    "APIResponse": "tinkex._compat.public_extras",
    "AsyncAPIResponse": "tinkex._compat.public_extras",
    "install_as_tinker": "tinkex._compat.tinker_alias",
    "UnsafeArchiveError": "tinkex.checkpoint_download",
    "ArchiveTooLargeError": "tinkex.checkpoint_download",
    "InvalidArchiveError": "tinkex.checkpoint_download",
    **dict.fromkeys(_TYPES, "tinkex.types"),
    **dict.fromkeys(_ERRORS, "tinkex.errors"),
}
_SUBMODULES = {"types", "errors", "telemetry", "metrics", "config", "auth"}

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIFuture",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AdamOptimizerConfig",
    "AdamParams",
    "AdminClient",
    "ArchiveTooLargeError",
    "AsyncAPIResponse",
    "AuthenticationError",
    "BackcompatSamplingClientFuture",
    "BackcompatTrainingClientFuture",
    "BadRequestError",
    "BillingError",
    "Checkpoint",
    "CheckpointDownloadError",
    "CheckpointType",
    "Config",
    "ConflictError",
    "Datum",
    "DimuonOptimizerConfig",
    "DimuonParams",
    "DmelChunk",
    "DownloadResult",
    "EncodedTextChunk",
    "ExperimentalWarning",
    "ForwardBackwardOutput",
    "ImageAssetPointerChunk",
    "ImageChunk",
    "InternalServerError",
    "InvalidArchiveError",
    "LoraConfig",
    "LossHandle",
    "ModelID",
    "ModelInput",
    "ModelInputChunk",
    "NotFoundError",
    "OptimParams",
    "OptimStepRequest",
    "OptimStepResponse",
    "ParsedCheckpointTinkerPath",
    "PerDatumLossFn",
    "PermissionDeniedError",
    "PromptProvenanceSpan",
    "QueueState",
    "QueueStateObserver",
    "RateLimitError",
    "RequestErrorCategory",
    "RequestFailedError",
    "RequestOptions",
    "ResponseTooLargeError",
    "RestClient",
    "RetryConfig",
    "SampleRequest",
    "SampleResponse",
    "SampledProvenanceSpan",
    "SampledSequence",
    "SamplingClient",
    "SamplingParams",
    "ServiceClient",
    "StopReason",
    "TensorData",
    "TensorDtype",
    "Timeout",
    "TinkerError",
    "TinkexConfigError",
    "TinkexValidationError",
    "TrainingClient",
    "TrainingRun",
    "UnprocessableEntityError",
    "UnsafeArchiveError",
    "__title__",
    "__version__",
    "auth",
    "configure",
    "install_as_tinker",
    "is_retryable",
    "is_user_error",
    "resolve_config",
    "types",
]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"tinkex.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tinkex' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from . import auth as auth, types as types
    from ._compat.public_extras import (
        APIResponse,
        AsyncAPIResponse,
        ExperimentalWarning,
        RequestOptions,
        Timeout,
    )
    from ._compat.tinker_alias import install_as_tinker
    from .admin_client import AdminClient
    from .checkpoint_download import (
        ArchiveTooLargeError,
        CheckpointDownloadError,
        DownloadResult,
        InvalidArchiveError,
        UnsafeArchiveError,
    )
    from .config import Config, configure, resolve_config
    from .errors import (
        APIConnectionError,
        APIError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        BillingError,
        ConflictError,
        InternalServerError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        RequestErrorCategory,
        RequestFailedError,
        ResponseTooLargeError,
        TinkerError,
        TinkexConfigError,
        TinkexValidationError,
        UnprocessableEntityError,
        is_retryable,
        is_user_error,
    )
    from .futures import APIFuture
    from .loss_handle import LossHandle, PerDatumLossFn
    from .queue_state import QueueState, QueueStateObserver
    from .rest_client import RestClient
    from .retry_config import RetryConfig
    from .sampling_client import BackcompatSamplingClientFuture, SamplingClient
    from .service_client import ServiceClient
    from .training_client import BackcompatTrainingClientFuture, TrainingClient
    from .types import (
        AdamOptimizerConfig,
        AdamParams,
        Checkpoint,
        CheckpointType,
        Datum,
        DimuonOptimizerConfig,
        DimuonParams,
        DmelChunk,
        EncodedTextChunk,
        ForwardBackwardOutput,
        ImageAssetPointerChunk,
        ImageChunk,
        LoraConfig,
        ModelID,
        ModelInput,
        ModelInputChunk,
        OptimParams,
        OptimStepRequest,
        OptimStepResponse,
        ParsedCheckpointTinkerPath,
        PromptProvenanceSpan,
        SampledProvenanceSpan,
        SampledSequence,
        SampleRequest,
        SampleResponse,
        SamplingParams,
        StopReason,
        TensorData,
        TensorDtype,
        TrainingRun,
    )
