from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.datum import DatumBehaviour
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.loss_fn_inputs import LossFnInputs
    from ..models.model_input import ModelInput
    from ..models.prompt_provenance_span import PromptProvenanceSpan
    from ..models.sampled_provenance_span import SampledProvenanceSpan

    pass

_C_model_input: _f.Converter = _f.model(_f.ModelRef(__package__, "model_input", "ModelInput"))
_C_loss_fn_inputs: _f.Converter = _f.map_of(_f.model(_f.ModelRef(__package__, "tensor_data", "TensorData")))
_D_loss_fn_inputs: Any = _f.Default({})
_C_model_input_spans: _f.Converter = _f.nullable(
    _f.list_of(
        _f.untagged(
            _f.ModelRef(__package__, "prompt_provenance_span", "PromptProvenanceSpan"),
            _f.ModelRef(__package__, "sampled_provenance_span", "SampledProvenanceSpan"),
        )
    )
)
_D_model_input_spans: Any = _f.Default(None)
_C_loss_fn_input_spans: _f.Converter = _f.nullable(
    _f.list_of(
        _f.untagged(
            _f.ModelRef(__package__, "prompt_provenance_span", "PromptProvenanceSpan"),
            _f.ModelRef(__package__, "sampled_provenance_span", "SampledProvenanceSpan"),
        )
    )
)
_D_loss_fn_input_spans: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class Datum(DatumBehaviour, TinkerModel):
    """
    one training example; numpy arrays, torch tensors and plain lists in `loss_fn_inputs` become
    TensorData

    Attributes:
        model_input:
        loss_fn_inputs: loss input name -> tensor, e.g. target_tokens (int64), weights / advantages / logprobs
            (float32)
        model_input_spans: provenance of the input tokens (runs tiling model_input); protobuf body only
        loss_fn_input_spans: provenance of the loss rows (runs tiling target_tokens); protobuf body only
    """

    _tinker_title: ClassVar[str] = "Datum"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "model_input",
        "loss_fn_inputs",
        "model_input_spans",
        "loss_fn_input_spans",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "model_input",
        }
    )

    model_input: ModelInput = _attrs_field(metadata={"wire": "model_input", "annotation": "ModelInput"})
    loss_fn_inputs: LossFnInputs = _attrs_field(
        factory=dict,
        metadata={
            "wire": "loss_fn_inputs",
            "annotation": "LossFnInputs",
            "doc": "loss input name -\u003e tensor, e.g. target_tokens (int64), weights / advantages / logprobs (float32)",
        },
    )
    model_input_spans: list[PromptProvenanceSpan | SampledProvenanceSpan] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "model_input_spans",
            "annotation": "list[PromptProvenanceSpan | SampledProvenanceSpan] | None",
            "doc": "provenance of the input tokens (runs tiling model_input); protobuf body only",
        },
    )
    loss_fn_input_spans: list[PromptProvenanceSpan | SampledProvenanceSpan] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "loss_fn_input_spans",
            "annotation": "list[PromptProvenanceSpan | SampledProvenanceSpan] | None",
            "doc": "provenance of the loss rows (runs tiling target_tokens); protobuf body only",
        },
    )

    def __init__(
        self,
        model_input: ModelInput,
        loss_fn_inputs: LossFnInputs = _D_loss_fn_inputs,
        model_input_spans: Sequence[PromptProvenanceSpan | SampledProvenanceSpan] | None = _D_model_input_spans,
        loss_fn_input_spans: Sequence[PromptProvenanceSpan | SampledProvenanceSpan] | None = _D_loss_fn_input_spans,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("Datum", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "model_input",
        }
        try:
            _tinker_set(self, "model_input", _C_model_input(model_input, ("model_input",)))
            if _f.omitted(loss_fn_inputs, _D_loss_fn_inputs):
                _tinker_set(self, "loss_fn_inputs", _D_loss_fn_inputs.get())
            else:
                _tinker_fs.add("loss_fn_inputs")
                _tinker_set(self, "loss_fn_inputs", _C_loss_fn_inputs(loss_fn_inputs, ("loss_fn_inputs",)))
            if _f.omitted(model_input_spans, _D_model_input_spans):
                _tinker_set(self, "model_input_spans", _D_model_input_spans.get())
            else:
                _tinker_fs.add("model_input_spans")
                _tinker_set(self, "model_input_spans", _C_model_input_spans(model_input_spans, ("model_input_spans",)))
            if _f.omitted(loss_fn_input_spans, _D_loss_fn_input_spans):
                _tinker_set(self, "loss_fn_input_spans", _D_loss_fn_input_spans.get())
            else:
                _tinker_fs.add("loss_fn_input_spans")
                _tinker_set(
                    self, "loss_fn_input_spans", _C_loss_fn_input_spans(loss_fn_input_spans, ("loss_fn_input_spans",))
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("Datum", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["model_input"] = self.model_input.to_dict()
        out["loss_fn_inputs"] = {k: v.to_dict() for k, v in self.loss_fn_inputs.items()}
        return out
