"""Behaviour of ``Datum`` (protocol §5.3, TYP-12/13): provenance checks and ``with_provenance``.

``loss_fn_inputs`` values may be TensorData, numpy/JAX arrays, torch tensors or plain lists;
``TensorDataBehaviour._tinker_coerce`` converts them (its docstring has the rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Self

from .field_scalars import invalid

if TYPE_CHECKING:
    from tinker_openapi.models.model_input import ModelInput
    from tinker_openapi.models.prompt_provenance_span import PromptProvenanceSpan
    from tinker_openapi.models.sampled_provenance_span import SampledProvenanceSpan
    from tinker_openapi.models.tensor_data import TensorData

    ProvenanceSpans = Sequence[PromptProvenanceSpan | SampledProvenanceSpan]

__all__ = ["DatumBehaviour"]


def _tile_check(name: str, spans: Sequence[Any], expected: int) -> None:
    total = sum(s.length for s in spans)
    if total != expected:
        raise invalid(
            (name,),
            "provenance",
            f"with_provenance: {name} spans cover {total} positions but the field has {expected}",
            spans,
        ).with_prefix("Datum", ())


class DatumBehaviour:
    """One example: the model input and the loss function's per-token inputs.

    The provenance spans travel only in the protobuf body (``x-tinkex-json: false``)."""

    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        model_input: ModelInput
        loss_fn_inputs: dict[str, TensorData]
        model_input_spans: list[PromptProvenanceSpan | SampledProvenanceSpan] | None
        loss_fn_input_spans: list[PromptProvenanceSpan | SampledProvenanceSpan] | None

    def _tinker_check(self) -> None:
        if (self.model_input_spans is None) != (self.loss_fn_input_spans is None):
            raise invalid(
                ("model_input_spans",),
                "provenance",
                "provenance comes as a pair: set both model_input_spans and loss_fn_input_spans or neither",
                self.model_input_spans,
            ).with_prefix("Datum", ())

    def with_provenance(self, model_input: ProvenanceSpans, loss_fn_inputs: ProvenanceSpans) -> Self:
        """A copy carrying provenance; each span list must tile its field exactly."""
        _tile_check("model_input", model_input, self.model_input.length)
        target = self.loss_fn_inputs.get("target_tokens")
        if target is not None and target.shape is not None and len(target.shape) == 1:
            _tile_check("loss_fn_inputs", loss_fn_inputs, target.shape[0])
        return type(self)(  # type: ignore[call-arg]
            model_input=self.model_input,
            loss_fn_inputs=self.loss_fn_inputs,
            model_input_spans=list(model_input),
            loss_fn_input_spans=list(loss_fn_inputs),
        )
