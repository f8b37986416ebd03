"""Datum: one training example, with key-based dtype coercion (protocol §5.3, TYP-12/13).

``loss_fn_inputs`` values may be TensorData (kept), numpy/JAX arrays or torch tensors
(wrapped, shape kept, no list round trip), or plain lists. A plain list gets its dtype from
its key (``_LIST_KEY_DTYPES``); a list under any other key is rejected, naming the allowed
keys. Nested rectangular lists keep their shape (D-08); ragged ones are rejected.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np

from ._base import WireModel
from ._errors import TinkexValidationError
from .model_input import ModelInput
from .tensor_data import TensorData
from .tensor_dtype import TensorDtype

__all__ = [
    "Datum",
    "LossFnInputs",
    "LossFnOutput",
    "PromptProvenanceSpan",
    "ProvenanceSpans",
    "SampledProvenanceSpan",
]

LossFnInputs = dict[str, TensorData]
LossFnOutput = dict[str, TensorData]

_LIST_KEY_DTYPES: dict[str, TensorDtype] = {
    "target_tokens": "int64",
    "weights": "float32",
    "advantages": "float32",
    "logprobs": "float32",
    "clip_low_threshold": "float32",
    "clip_high_threshold": "float32",
    "sequence_ratio_mask": "float32",
}

# torch tensors under these keys are sent as CSR when that is smaller (official behaviour).
_SPARSE_ELIGIBLE_KEYS = frozenset({"target_tokens", "weights"})


def _check_span(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    name = f"{type(instance).__name__}.{attribute.name}"
    if attribute.name == "sequence_id":
        if not isinstance(value, str) or not value:
            raise TinkexValidationError(f"{name} must be a non-empty string", field=attribute.name)
    elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TinkexValidationError(f"{name} must be an int >= 0, got {value!r}", field=attribute.name)


@attrs.define(frozen=True, kw_only=True)
class PromptProvenanceSpan(WireModel):
    """Positions ``[offset, offset+length)`` of the prompt of sequence ``sequence_id``."""

    sequence_id: str = attrs.field(validator=_check_span)
    offset: int = attrs.field(default=0, validator=_check_span)
    length: int = attrs.field(validator=_check_span)


@attrs.define(frozen=True, kw_only=True)
class SampledProvenanceSpan(WireModel):
    """Positions ``[offset, offset+length)`` of the sampled tokens of sequence ``sequence_id``."""

    sequence_id: str = attrs.field(validator=_check_span)
    offset: int = attrs.field(default=0, validator=_check_span)
    length: int = attrs.field(validator=_check_span)


ProvenanceSpans = list[PromptProvenanceSpan | SampledProvenanceSpan]


def _is_torch_tensor(value: Any) -> bool:
    # Checked by module name so torch is never imported just to look at a value.
    return type(value).__module__.startswith("torch") and hasattr(value, "ndim")


def to_tensor_data(key: str, value: Any) -> TensorData:
    """Convert one ``loss_fn_inputs`` value (see the module docstring for the rules)."""
    if isinstance(value, TensorData):
        return value
    if _is_torch_tensor(value):
        if key in _SPARSE_ELIGIBLE_KEYS and value.ndim == 2:
            return TensorData.from_torch_sparse(value)
        return TensorData.from_torch(value)
    if isinstance(value, np.ndarray) or hasattr(value, "__array__"):
        return TensorData.from_numpy(value)
    if isinstance(value, (list, tuple)):
        dtype = _LIST_KEY_DTYPES.get(key)
        if dtype is None:
            raise TinkexValidationError(
                f"loss_fn_inputs[{key!r}]: a plain list needs a known key to pick its dtype; "
                f"allowed keys are {sorted(_LIST_KEY_DTYPES)}. Pass a numpy array or TensorData "
                "for other keys.",
                field=key,
            )
        try:
            array = np.asarray(value)
        except ValueError as exc:
            raise TinkexValidationError(
                f"loss_fn_inputs[{key!r}] must be a rectangular list of numbers; ragged nested lists "
                "are not supported",
                field=key,
            ) from exc
        if array.size and array.dtype.kind not in ("i", "u", "f", "b"):
            raise TinkexValidationError(
                f"loss_fn_inputs[{key!r}] must contain only numbers, got {array.dtype}", field=key
            )
        return TensorData(data=array, dtype=dtype, shape=list(array.shape))
    raise TinkexValidationError(
        f"loss_fn_inputs[{key!r}]: unsupported value of type {type(value).__name__}", field=key
    )


def _convert_inputs(value: Mapping[str, Any]) -> LossFnInputs:
    if not isinstance(value, Mapping):
        raise TinkexValidationError(
            f"Datum.loss_fn_inputs must be a mapping, got {type(value).__name__}", field="loss_fn_inputs"
        )
    return {str(k): _named_tensor_data(str(k), v) for k, v in value.items()}


def _named_tensor_data(key: str, value: Any) -> TensorData:
    try:
        return to_tensor_data(key, value)
    except TinkexValidationError as exc:  # e.g. NaN under an int64 key: name the key, not "data"
        if exc.field == key:
            raise
        raise TinkexValidationError(f"loss_fn_inputs[{key!r}]: {exc.message}", field=key) from exc


def _check_model_input(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, ModelInput):
        raise TinkexValidationError(
            f"Datum.model_input must be a ModelInput, got {type(value).__name__}", field="model_input"
        )


def _check_spans(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    for span in value:
        if not isinstance(span, (PromptProvenanceSpan, SampledProvenanceSpan)):
            raise TinkexValidationError(
                f"Datum.{attribute.name} entries must be PromptProvenanceSpan or SampledProvenanceSpan, "
                f"got {type(span).__name__}",
                field=attribute.name,
            )


def _tile_check(name: str, spans: ProvenanceSpans, expected: int) -> None:
    total = sum(s.length for s in spans)
    if total != expected:
        raise TinkexValidationError(
            f"with_provenance: {name} spans cover {total} positions but the field has {expected}",
            field=name,
        )


@attrs.define(frozen=True)
class Datum(WireModel):
    """One example: the model input and the loss function's per-token inputs.

    The provenance spans travel only in the protobuf body, so ``to_dict`` leaves them out.
    """

    model_input: ModelInput = attrs.field(validator=_check_model_input)
    loss_fn_inputs: LossFnInputs = attrs.field(factory=dict, converter=_convert_inputs)
    model_input_spans: ProvenanceSpans | None = attrs.field(
        default=None, validator=_check_spans, metadata={"wire": False}
    )
    loss_fn_input_spans: ProvenanceSpans | None = attrs.field(
        default=None, validator=_check_spans, metadata={"wire": False}
    )

    def __attrs_post_init__(self) -> None:
        if (self.model_input_spans is None) != (self.loss_fn_input_spans is None):
            raise TinkexValidationError(
                "Datum provenance comes as a pair: set both model_input_spans and loss_fn_input_spans "
                "or neither",
                field="model_input_spans",
            )

    def with_provenance(self, model_input: ProvenanceSpans, loss_fn_inputs: ProvenanceSpans) -> Datum:
        """A copy carrying provenance; each span list must tile its field exactly."""
        _tile_check("model_input", model_input, self.model_input.length)
        target = self.loss_fn_inputs.get("target_tokens")
        if target is not None and target.shape is not None and len(target.shape) == 1:
            _tile_check("loss_fn_inputs", loss_fn_inputs, target.shape[0])
        return attrs.evolve(
            self, model_input_spans=list(model_input), loss_fn_input_spans=list(loss_fn_inputs)
        )
