from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.model_input import ModelInput
    from ..models.sampling_params import SamplingParams
    from ..models.tensor_data import TensorData

    pass

_C_num_samples: _f.Converter = _f.bounded(
    _f.as_int,
    ge=1.0,
)
_D_num_samples: Any = _f.Default(1)
_C_prompt: _f.Converter = _f.model(_f.ModelRef(__package__, "model_input", "ModelInput"))
_C_sampling_params: _f.Converter = _f.model(_f.ModelRef(__package__, "sampling_params", "SamplingParams"))
_C_base_model: _f.Converter = _f.nullable(_f.as_str)
_D_base_model: Any = _f.Default(None)
_C_model_path: _f.Converter = _f.nullable(_f.as_str)
_D_model_path: Any = _f.Default(None)
_C_sampling_session_id: _f.Converter = _f.nullable(_f.as_str)
_D_sampling_session_id: Any = _f.Default(None)
_C_seq_id: _f.Converter = _f.nullable(_f.as_int)
_D_seq_id: Any = _f.Default(None)
_C_prompt_logprobs: _f.Converter = _f.nullable(_f.as_bool)
_D_prompt_logprobs: Any = _f.Default(None)
_C_topk_prompt_logprobs: _f.Converter = _f.bounded(
    _f.as_int,
    ge=0.0,
)
_D_topk_prompt_logprobs: Any = _f.Default(0)
_C_topk_sample_logprobs: _f.Converter = _f.bounded(
    _f.as_int,
    ge=0.0,
)
_D_topk_sample_logprobs: Any = _f.Default(0)
_C_target_prompt_logprobs: _f.Converter = _f.nullable(_f.model(_f.ModelRef(__package__, "tensor_data", "TensorData")))
_D_target_prompt_logprobs: Any = _f.Default(None)
_C_prompt_alt_tokens_k: _f.Converter = _f.bounded(
    _f.as_int,
    ge=0.0,
)
_D_prompt_alt_tokens_k: Any = _f.Default(0)
_C_prompt_logprobs_last_n: _f.Converter = _f.bounded(
    _f.nullable(_f.as_int),
    ge=1.0,
)
_D_prompt_logprobs_last_n: Any = _f.Default(None)
_C_record_stability_info: _f.Converter = _f.nullable(_f.as_bool)
_D_record_stability_info: Any = _f.Default(None)
_C_type: _f.Converter = _f.const("sample")
_D_type: Any = _f.Default("sample")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SampleRequest(TinkerModel):
    """
    The SampleRequest type of the Tinker API.

    Attributes:
        num_samples:
        prompt:
        sampling_params:
        base_model: direct mode (not used by the SDK clients)
        model_path: direct mode (not used by the SDK clients)
        sampling_session_id:
        seq_id: per-client counter from 0 (clones start at 1e9 * clone id)
        prompt_logprobs: the SDK always sends it (false by default)
        topk_prompt_logprobs:
        topk_sample_logprobs: 0.38
        target_prompt_logprobs: 0.38; int64 [len(prompt) - 1, K], -1 = no-op cell, may be CSR; row i scores prompt
            position i + 1
        prompt_alt_tokens_k: 0.38
        prompt_logprobs_last_n: 0.38; requires prompt_logprobs
        record_stability_info: 0.38; the SDK always sends it (false by default)
        type:
    """

    _tinker_title: ClassVar[str] = "SampleRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "num_samples",
        "prompt",
        "sampling_params",
        "base_model",
        "model_path",
        "sampling_session_id",
        "seq_id",
        "prompt_logprobs",
        "topk_prompt_logprobs",
        "topk_sample_logprobs",
        "target_prompt_logprobs",
        "prompt_alt_tokens_k",
        "prompt_logprobs_last_n",
        "record_stability_info",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "sample")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "prompt",
            "sampling_params",
        }
    )

    num_samples: int = _attrs_field(default=1, metadata={"wire": "num_samples", "annotation": "int"})
    prompt: ModelInput = _attrs_field(metadata={"wire": "prompt", "annotation": "ModelInput"})
    sampling_params: SamplingParams = _attrs_field(metadata={"wire": "sampling_params", "annotation": "SamplingParams"})
    base_model: str | None = _attrs_field(
        default=None,
        metadata={"wire": "base_model", "annotation": "str | None", "doc": "direct mode (not used by the SDK clients)"},
    )
    model_path: str | None = _attrs_field(
        default=None,
        metadata={"wire": "model_path", "annotation": "str | None", "doc": "direct mode (not used by the SDK clients)"},
    )
    sampling_session_id: str | None = _attrs_field(
        default=None, metadata={"wire": "sampling_session_id", "annotation": "str | None"}
    )
    seq_id: int | None = _attrs_field(
        default=None,
        metadata={
            "wire": "seq_id",
            "annotation": "int | None",
            "doc": "per-client counter from 0 (clones start at 1e9 * clone id)",
        },
    )
    prompt_logprobs: bool | None = _attrs_field(
        default=None,
        metadata={
            "wire": "prompt_logprobs",
            "annotation": "bool | None",
            "doc": "the SDK always sends it (false by default)",
        },
    )
    topk_prompt_logprobs: int = _attrs_field(default=0, metadata={"wire": "topk_prompt_logprobs", "annotation": "int"})
    topk_sample_logprobs: int = _attrs_field(
        default=0, metadata={"wire": "topk_sample_logprobs", "annotation": "int", "doc": "0.38"}
    )
    target_prompt_logprobs: TensorData | None = _attrs_field(
        default=None,
        metadata={
            "wire": "target_prompt_logprobs",
            "annotation": "TensorData | None",
            "doc": "0.38; int64 [len(prompt) - 1, K], -1 = no-op cell, may be CSR; row i scores prompt position i + 1",
        },
    )
    prompt_alt_tokens_k: int = _attrs_field(
        default=0, metadata={"wire": "prompt_alt_tokens_k", "annotation": "int", "doc": "0.38"}
    )
    prompt_logprobs_last_n: int | None = _attrs_field(
        default=None,
        metadata={
            "wire": "prompt_logprobs_last_n",
            "annotation": "int | None",
            "doc": "0.38; requires prompt_logprobs",
        },
    )
    record_stability_info: bool | None = _attrs_field(
        default=None,
        metadata={
            "wire": "record_stability_info",
            "annotation": "bool | None",
            "doc": "0.38; the SDK always sends it (false by default)",
        },
    )
    type: Literal["sample"] = _attrs_field(
        default="sample", metadata={"wire": "type", "annotation": "Literal['sample']"}
    )

    def __init__(
        self,
        *,
        prompt: ModelInput,
        sampling_params: SamplingParams,
        num_samples: int = _D_num_samples,
        base_model: str | None = _D_base_model,
        model_path: str | None = _D_model_path,
        sampling_session_id: str | None = _D_sampling_session_id,
        seq_id: int | None = _D_seq_id,
        prompt_logprobs: bool | None = _D_prompt_logprobs,
        topk_prompt_logprobs: int = _D_topk_prompt_logprobs,
        topk_sample_logprobs: int = _D_topk_sample_logprobs,
        target_prompt_logprobs: TensorData | None = _D_target_prompt_logprobs,
        prompt_alt_tokens_k: int = _D_prompt_alt_tokens_k,
        prompt_logprobs_last_n: int | None = _D_prompt_logprobs_last_n,
        record_stability_info: bool | None = _D_record_stability_info,
        type: Literal["sample"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("SampleRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "prompt",
            "sampling_params",
        }
        try:
            if _f.omitted(num_samples, _D_num_samples):
                _tinker_set(self, "num_samples", _D_num_samples.get())
            else:
                _tinker_fs.add("num_samples")
                _tinker_set(self, "num_samples", _C_num_samples(num_samples, ("num_samples",)))
            _tinker_set(self, "prompt", _C_prompt(prompt, ("prompt",)))
            _tinker_set(self, "sampling_params", _C_sampling_params(sampling_params, ("sampling_params",)))
            if _f.omitted(base_model, _D_base_model):
                _tinker_set(self, "base_model", _D_base_model.get())
            else:
                _tinker_fs.add("base_model")
                _tinker_set(self, "base_model", _C_base_model(base_model, ("base_model",)))
            if _f.omitted(model_path, _D_model_path):
                _tinker_set(self, "model_path", _D_model_path.get())
            else:
                _tinker_fs.add("model_path")
                _tinker_set(self, "model_path", _C_model_path(model_path, ("model_path",)))
            if _f.omitted(sampling_session_id, _D_sampling_session_id):
                _tinker_set(self, "sampling_session_id", _D_sampling_session_id.get())
            else:
                _tinker_fs.add("sampling_session_id")
                _tinker_set(
                    self, "sampling_session_id", _C_sampling_session_id(sampling_session_id, ("sampling_session_id",))
                )
            if _f.omitted(seq_id, _D_seq_id):
                _tinker_set(self, "seq_id", _D_seq_id.get())
            else:
                _tinker_fs.add("seq_id")
                _tinker_set(self, "seq_id", _C_seq_id(seq_id, ("seq_id",)))
            if _f.omitted(prompt_logprobs, _D_prompt_logprobs):
                _tinker_set(self, "prompt_logprobs", _D_prompt_logprobs.get())
            else:
                _tinker_fs.add("prompt_logprobs")
                _tinker_set(self, "prompt_logprobs", _C_prompt_logprobs(prompt_logprobs, ("prompt_logprobs",)))
            if _f.omitted(topk_prompt_logprobs, _D_topk_prompt_logprobs):
                _tinker_set(self, "topk_prompt_logprobs", _D_topk_prompt_logprobs.get())
            else:
                _tinker_fs.add("topk_prompt_logprobs")
                _tinker_set(
                    self,
                    "topk_prompt_logprobs",
                    _C_topk_prompt_logprobs(topk_prompt_logprobs, ("topk_prompt_logprobs",)),
                )
            if _f.omitted(topk_sample_logprobs, _D_topk_sample_logprobs):
                _tinker_set(self, "topk_sample_logprobs", _D_topk_sample_logprobs.get())
            else:
                _tinker_fs.add("topk_sample_logprobs")
                _tinker_set(
                    self,
                    "topk_sample_logprobs",
                    _C_topk_sample_logprobs(topk_sample_logprobs, ("topk_sample_logprobs",)),
                )
            if _f.omitted(target_prompt_logprobs, _D_target_prompt_logprobs):
                _tinker_set(self, "target_prompt_logprobs", _D_target_prompt_logprobs.get())
            else:
                _tinker_fs.add("target_prompt_logprobs")
                _tinker_set(
                    self,
                    "target_prompt_logprobs",
                    _C_target_prompt_logprobs(target_prompt_logprobs, ("target_prompt_logprobs",)),
                )
            if _f.omitted(prompt_alt_tokens_k, _D_prompt_alt_tokens_k):
                _tinker_set(self, "prompt_alt_tokens_k", _D_prompt_alt_tokens_k.get())
            else:
                _tinker_fs.add("prompt_alt_tokens_k")
                _tinker_set(
                    self, "prompt_alt_tokens_k", _C_prompt_alt_tokens_k(prompt_alt_tokens_k, ("prompt_alt_tokens_k",))
                )
            if _f.omitted(prompt_logprobs_last_n, _D_prompt_logprobs_last_n):
                _tinker_set(self, "prompt_logprobs_last_n", _D_prompt_logprobs_last_n.get())
            else:
                _tinker_fs.add("prompt_logprobs_last_n")
                _tinker_set(
                    self,
                    "prompt_logprobs_last_n",
                    _C_prompt_logprobs_last_n(prompt_logprobs_last_n, ("prompt_logprobs_last_n",)),
                )
            if _f.omitted(record_stability_info, _D_record_stability_info):
                _tinker_set(self, "record_stability_info", _D_record_stability_info.get())
            else:
                _tinker_fs.add("record_stability_info")
                _tinker_set(
                    self,
                    "record_stability_info",
                    _C_record_stability_info(record_stability_info, ("record_stability_info",)),
                )
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SampleRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["num_samples"] = self.num_samples
        out["prompt"] = self.prompt.to_dict()
        out["sampling_params"] = self.sampling_params.to_dict()
        if self.base_model is not None:
            out["base_model"] = self.base_model
        if self.model_path is not None:
            out["model_path"] = self.model_path
        if self.sampling_session_id is not None:
            out["sampling_session_id"] = self.sampling_session_id
        if self.seq_id is not None:
            out["seq_id"] = self.seq_id
        if self.prompt_logprobs is not None:
            out["prompt_logprobs"] = self.prompt_logprobs
        out["topk_prompt_logprobs"] = self.topk_prompt_logprobs
        out["topk_sample_logprobs"] = self.topk_sample_logprobs
        if self.target_prompt_logprobs is not None:
            out["target_prompt_logprobs"] = _f.to_wire(self.target_prompt_logprobs)
        out["prompt_alt_tokens_k"] = self.prompt_alt_tokens_k
        if self.prompt_logprobs_last_n is not None:
            out["prompt_logprobs_last_n"] = self.prompt_logprobs_last_n
        if self.record_stability_info is not None:
            out["record_stability_info"] = self.record_stability_info
        out["type"] = self.type
        return out
