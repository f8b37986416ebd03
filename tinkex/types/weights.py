"""Weights save/load/copy messages and model info (TYP-23..26)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, ClassVar, Literal

import attrs

from ._base import WireModel
from .checkpoints import ParsedCheckpointTinkerPath, console_checkpoint_url, console_playground_url
from .sampling import SamplingClientKind
from .training import AdamOptimizerConfig, LoraConfig, OptimizerConfig

__all__ = [
    "CopyWeightsRequest",
    "CopyWeightsResponse",
    "CreateModelRequest",
    "CreateModelResponse",
    "ExternalWeightsUrlsResponse",
    "GetInfoRequest",
    "GetInfoResponse",
    "GetSamplerResponse",
    "LoadWeightsRequest",
    "LoadWeightsResponse",
    "ModelData",
    "SaveWeightsExternalRequest",
    "SaveWeightsExternalResponse",
    "SaveWeightsExternalResponseInternal",
    "SaveWeightsForSamplerRequest",
    "SaveWeightsForSamplerResponse",
    "SaveWeightsForSamplerResponseInternal",
    "SaveWeightsRequest",
    "SaveWeightsResponse",
    "UnloadModelRequest",
    "UnloadModelResponse",
    "WeightsInfoResponse",
]


def _console_url(path: str) -> str:
    parsed = ParsedCheckpointTinkerPath.from_tinker_path(path)
    return console_checkpoint_url(parsed.training_run_id, parsed.checkpoint_id)


@attrs.define(frozen=True, kw_only=True)
class CreateModelRequest(WireModel):
    _strict: ClassVar[bool] = True
    session_id: str
    model_seq_id: int
    base_model: str
    user_metadata: dict[str, Any] | None = None
    lora_config: LoraConfig | None = None
    optimizer_config: OptimizerConfig = attrs.field(factory=AdamOptimizerConfig)
    type: Literal["create_model"] = "create_model"


@attrs.define(frozen=True, kw_only=True)
class CreateModelResponse(WireModel):
    model_id: str
    type: Literal["create_model"] = "create_model"


@attrs.define(frozen=True, kw_only=True)
class GetInfoRequest(WireModel):
    _strict: ClassVar[bool] = True
    model_id: str
    type: Literal["get_info"] = "get_info"


@attrs.define(frozen=True, kw_only=True)
class ModelData(WireModel):
    arch: str | None = None
    model_name: str | None = None
    tokenizer_id: str | None = None


@attrs.define(frozen=True, kw_only=True)
class GetInfoResponse(WireModel):
    type: Literal["get_info"] | None = None
    model_data: ModelData
    model_id: str
    optimizer_config: OptimizerConfig = attrs.field(factory=AdamOptimizerConfig)
    is_lora: bool | None = None
    lora_rank: int | None = None
    model_name: str | None = None


@attrs.define(frozen=True, kw_only=True)
class GetSamplerResponse(WireModel):
    sampler_id: str
    base_model: str
    model_path: str | None = None


@attrs.define(frozen=True, kw_only=True)
class WeightsInfoResponse(WireModel):
    base_model: str
    optimizer_config: OptimizerConfig = attrs.field(factory=AdamOptimizerConfig)
    is_lora: bool
    lora_rank: int | None = None
    train_unembed: bool | None = None
    train_mlp: bool | None = None
    train_attn: bool | None = None


@attrs.define(frozen=True, kw_only=True)
class UnloadModelRequest(WireModel):
    _strict: ClassVar[bool] = True
    model_id: str
    type: Literal["unload_model"] = "unload_model"


@attrs.define(frozen=True, kw_only=True)
class UnloadModelResponse(WireModel):
    model_id: str
    type: Literal["unload_model"] | None = None


@attrs.define(frozen=True, kw_only=True)
class SaveWeightsRequest(WireModel):
    _strict: ClassVar[bool] = True
    model_id: str
    path: str | None = None
    seq_id: int | None = None
    ttl_seconds: int | None = None
    overwrite: bool = False
    user_metadata: dict[str, str] | None = None
    type: Literal["save_weights"] = "save_weights"


@attrs.define(frozen=True, kw_only=True)
class SaveWeightsResponse(WireModel):
    path: str
    type: Literal["save_weights"] | None = None

    def get_console_url(self) -> str:
        return _console_url(self.path)


@attrs.define(frozen=True, kw_only=True)
class SaveWeightsForSamplerRequest(WireModel):
    _strict: ClassVar[bool] = True
    model_id: str
    path: str | None = None
    sampling_session_seq_id: int | None = None
    kind: SamplingClientKind = "snapshot"
    seq_id: int | None = None
    ttl_seconds: int | None = None
    user_metadata: dict[str, str] | None = None
    type: Literal["save_weights_for_sampler"] = "save_weights_for_sampler"


@attrs.define(frozen=True, kw_only=True)
class SaveWeightsForSamplerResponse(WireModel):
    path: str
    type: Literal["save_weights_for_sampler"] | None = None

    def get_console_url(self) -> str:
        return _console_url(self.path)

    def get_playground_url(self) -> str:
        return console_playground_url(self.path)


@attrs.define(frozen=True, kw_only=True)
class SaveWeightsForSamplerResponseInternal(WireModel):
    """The raw future result: a path (named save) or a sampling session id (ephemeral save)."""

    path: str | None = None
    sampling_session_id: str | None = None
    type: Literal["save_weights_for_sampler"] | None = None


@attrs.define(frozen=True, kw_only=True)
class SaveWeightsExternalRequest(WireModel):
    _strict: ClassVar[bool] = True
    model_id: str
    path: str
    seq_id: int | None = None
    ttl_seconds: int | None = None
    age_encryption_recipients: list[str] | None = None
    type: Literal["save_weights_external"] = "save_weights_external"


@attrs.define(frozen=True, kw_only=True)
class SaveWeightsExternalResponse(WireModel):
    path: str
    type: Literal["save_weights_external"] | None = None


@attrs.define(frozen=True, kw_only=True)
class SaveWeightsExternalResponseInternal(WireModel):
    path: str | None = None
    size_bytes: int | None = None
    type: Literal["save_weights_external"] | None = None


@attrs.define(frozen=True, kw_only=True)
class LoadWeightsRequest(WireModel):
    """``optimizer`` is the wire name of the restore-optimizer flag (never ``load_optimizer_state``)."""

    _strict: ClassVar[bool] = True
    model_id: str | None = None
    seq_id: int | None = None
    session_id: str | None = None
    model_seq_id: int | None = None
    base_model: str | None = None
    user_metadata: dict[str, Any] | None = None
    path: str
    optimizer: bool
    optimizer_config: OptimizerConfig | None = None
    weights_access_token: str | None = attrs.field(default=None, repr=False)  # a secret
    type: Literal["load_weights"] = "load_weights"


@attrs.define(frozen=True, kw_only=True)
class LoadWeightsResponse(WireModel):
    path: str | None = None
    model_id: str | None = None
    type: Literal["load_weights"] | None = None


@attrs.define(frozen=True, kw_only=True)
class CopyWeightsRequest(WireModel):
    _strict: ClassVar[bool] = True
    session_id: str | None = None
    model_seq_id: int | None = None
    destination_project_id: str | None = None
    source_path: str
    ttl_seconds: int | None = None
    weights_access_token: str | None = attrs.field(default=None, repr=False)  # a secret


@attrs.define(frozen=True, kw_only=True)
class CopyWeightsResponse(WireModel):
    tinker_path: str


@attrs.define(frozen=True, kw_only=True)
class ExternalWeightsUrlsResponse(WireModel):
    urls: dict[str, str]
    expires: _dt.datetime
