from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.sampling import SampleResponseBehaviour

if TYPE_CHECKING:
    from ..models.prompt_alt_tokens import PromptAltTokens
    from ..models.sampled_sequence import SampledSequence
    from ..models.tensor_data import TensorData

    pass

_C_sequences: _f.Converter = _f.list_of(_f.model(_f.ModelRef(__package__, "sampled_sequence", "SampledSequence")))
_C_type: _f.Converter = _f.const("sample")
_D_type: Any = _f.Default("sample")
_C_prompt_logprobs: _f.Converter = _f.nullable(_f.list_of(_f.nullable(_f.as_float)))
_D_prompt_logprobs: Any = _f.Default(None)
_C_topk_prompt_logprobs: _f.Converter = _f.nullable(_f.list_of(_f.nullable(_f.list_of(_f.list_of(_f.as_any)))))
_D_topk_prompt_logprobs: Any = _f.Default(None)
_C_target_prompt_logprobs: _f.Converter = _f.nullable(_f.model(_f.ModelRef(__package__, "tensor_data", "TensorData")))
_D_target_prompt_logprobs: Any = _f.Default(None)
_C_prompt_cache_hit_tokens: _f.Converter = _f.as_int
_D_prompt_cache_hit_tokens: Any = _f.Default(0)
_C_prompt_alt_tokens: _f.Converter = _f.nullable(
    _f.model(_f.ModelRef(__package__, "prompt_alt_tokens", "PromptAltTokens"))
)
_D_prompt_alt_tokens: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SampleResponse(SampleResponseBehaviour, TinkerModel):
    """
    JSON result of sampling futures (legacy clients; 0.25+ require the protobuf form).

    Attributes:
        sequences:
        type:
        prompt_logprobs: one per prompt token; null where not computed (always position 0)
        topk_prompt_logprobs: per prompt position up to k (token_id, logprob) pairs, or null
        target_prompt_logprobs: 0.38; float32 logprobs of the requested target ids, 0.0 where the request had -1
        prompt_cache_hit_tokens: 0.38; prompt tokens billed as prefix-cache hits
        prompt_alt_tokens:
    """

    _tinker_title: ClassVar[str] = "SampleResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "sequences",
        "type",
        "prompt_logprobs",
        "topk_prompt_logprobs",
        "target_prompt_logprobs",
        "prompt_cache_hit_tokens",
        "prompt_alt_tokens",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "sample")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "sequences",
        }
    )

    sequences: list[SampledSequence] = _attrs_field(
        metadata={"wire": "sequences", "annotation": "list[SampledSequence]"}
    )
    type: Literal["sample"] = _attrs_field(
        default="sample", metadata={"wire": "type", "annotation": "Literal['sample']"}
    )
    prompt_logprobs: list[float | None] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "prompt_logprobs",
            "annotation": "list[float | None] | None",
            "doc": "one per prompt token; null where not computed (always position 0)",
        },
    )
    topk_prompt_logprobs: list[list[list[Any]] | None] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "topk_prompt_logprobs",
            "annotation": "list[list[list[Any]] | None] | None",
            "doc": "per prompt position up to k (token_id, logprob) pairs, or null",
        },
    )
    target_prompt_logprobs: TensorData | None = _attrs_field(
        default=None,
        metadata={
            "wire": "target_prompt_logprobs",
            "annotation": "TensorData | None",
            "doc": "0.38; float32 logprobs of the requested target ids, 0.0 where the request had -1",
        },
    )
    prompt_cache_hit_tokens: int = _attrs_field(
        default=0,
        metadata={
            "wire": "prompt_cache_hit_tokens",
            "annotation": "int",
            "doc": "0.38; prompt tokens billed as prefix-cache hits",
        },
    )
    prompt_alt_tokens: PromptAltTokens | None = _attrs_field(
        default=None, metadata={"wire": "prompt_alt_tokens", "annotation": "PromptAltTokens | None"}
    )

    def __init__(
        self,
        sequences: Sequence[SampledSequence],
        type: Literal["sample"] = _D_type,
        prompt_logprobs: Sequence[float | None] | None = _D_prompt_logprobs,
        topk_prompt_logprobs: Sequence[list[list[Any]] | None] | None = _D_topk_prompt_logprobs,
        target_prompt_logprobs: TensorData | None = _D_target_prompt_logprobs,
        prompt_cache_hit_tokens: int = _D_prompt_cache_hit_tokens,
        prompt_alt_tokens: PromptAltTokens | None = _D_prompt_alt_tokens,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "sequences",
        }
        try:
            _tinker_set(self, "sequences", _C_sequences(sequences, ("sequences",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
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
            if _f.omitted(target_prompt_logprobs, _D_target_prompt_logprobs):
                _tinker_set(self, "target_prompt_logprobs", _D_target_prompt_logprobs.get())
            else:
                _tinker_fs.add("target_prompt_logprobs")
                _tinker_set(
                    self,
                    "target_prompt_logprobs",
                    _C_target_prompt_logprobs(target_prompt_logprobs, ("target_prompt_logprobs",)),
                )
            if _f.omitted(prompt_cache_hit_tokens, _D_prompt_cache_hit_tokens):
                _tinker_set(self, "prompt_cache_hit_tokens", _D_prompt_cache_hit_tokens.get())
            else:
                _tinker_fs.add("prompt_cache_hit_tokens")
                _tinker_set(
                    self,
                    "prompt_cache_hit_tokens",
                    _C_prompt_cache_hit_tokens(prompt_cache_hit_tokens, ("prompt_cache_hit_tokens",)),
                )
            if _f.omitted(prompt_alt_tokens, _D_prompt_alt_tokens):
                _tinker_set(self, "prompt_alt_tokens", _D_prompt_alt_tokens.get())
            else:
                _tinker_fs.add("prompt_alt_tokens")
                _tinker_set(self, "prompt_alt_tokens", _C_prompt_alt_tokens(prompt_alt_tokens, ("prompt_alt_tokens",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SampleResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["sequences"] = [x.to_dict() for x in self.sequences]
        out["type"] = self.type
        if self.prompt_logprobs is not None:
            out["prompt_logprobs"] = self.prompt_logprobs
        if self.topk_prompt_logprobs is not None:
            out["topk_prompt_logprobs"] = _f.to_wire(self.topk_prompt_logprobs)
        if self.target_prompt_logprobs is not None:
            out["target_prompt_logprobs"] = _f.to_wire(self.target_prompt_logprobs)
        out["prompt_cache_hit_tokens"] = self.prompt_cache_hit_tokens
        if self.prompt_alt_tokens is not None:
            out["prompt_alt_tokens"] = _f.to_wire(self.prompt_alt_tokens)
        return out
