"""The two passes' data and the metric merge (LOSS-05, LOSS-06, protocol §5.4)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from tinkex.custom_loss import (
    CustomLossResult,
    backward_data_for_custom_loss,
    forward_data_for_custom_loss,
    merge_custom_metrics,
)
from tinkex.errors import TinkexValidationError
from tinkex.types import Datum, ModelInput, PromptProvenanceSpan

MakeData = Callable[..., list[Datum]]


def test_forward_data_adds_zero_weights_and_drops_other_keys(make_data: MakeData) -> None:
    # covers LOSS-02, LOSS-03
    data = [
        Datum(
            model_input=ModelInput.from_ints([5, 6]),
            loss_fn_inputs={"target_tokens": [6, 7], "advantages": [1.0, 2.0]},
        )
    ]
    [forward] = forward_data_for_custom_loss(data)
    assert forward.model_input == data[0].model_input
    assert set(forward.loss_fn_inputs) == {"target_tokens", "weights"}
    assert forward.loss_fn_inputs["target_tokens"] == data[0].loss_fn_inputs["target_tokens"]
    weights = forward.loss_fn_inputs["weights"]
    assert weights.dtype == "float32"
    np.testing.assert_array_equal(weights.to_numpy(), np.zeros(2, np.float32))


def test_forward_data_keeps_given_weights(make_data: MakeData) -> None:
    # covers LOSS-03
    data = make_data(weights=True)
    for original, forward in zip(data, forward_data_for_custom_loss(data), strict=True):
        assert forward.loss_fn_inputs["weights"] == original.loss_fn_inputs["weights"]


def test_backward_data_sends_negated_gradients_and_targets_only() -> None:
    # covers LOSS-05
    datum = Datum(
        model_input=ModelInput.from_ints([1, 2]),
        loss_fn_inputs={"target_tokens": [2, 3], "weights": [1.0, 1.0], "logprobs": [0.0, 0.0]},
    )
    spans = [PromptProvenanceSpan(sequence_id="s", length=2)]
    datum = datum.with_provenance(spans, spans)
    [backward] = backward_data_for_custom_loss([datum], [np.array([0.25, -1.5])])
    assert set(backward.loss_fn_inputs) == {"target_tokens", "weights"}
    assert backward.loss_fn_inputs["weights"].dtype == "float32"
    np.testing.assert_array_equal(backward.loss_fn_inputs["weights"].to_numpy(), [-0.25, 1.5])
    assert backward.model_input == datum.model_input
    assert backward.model_input_spans == spans


def test_backward_data_rejects_count_and_shape_mismatch(make_data: MakeData) -> None:
    # covers LOSS-05
    data = make_data((3, 2))
    with pytest.raises(TinkexValidationError, match="Gradient count does not match data count"):
        backward_data_for_custom_loss(data, [np.zeros(3)])
    with pytest.raises(TinkexValidationError) as info:
        backward_data_for_custom_loss(data, [np.zeros(3), np.zeros(4)])
    assert info.value.field == "grads[1]"


def test_merge_replaces_loss_and_adds_surrogate() -> None:
    # covers LOSS-06
    result = CustomLossResult(loss=1.5, grads=[], metrics={"my_metric": 2.0, "other:mean": 9.0})
    merged = merge_custom_metrics({"loss:sum": 0.25, "other:mean": 3.0, "x:max": 1.0}, result)
    assert merged == {
        "loss:sum": 1.5,
        "surrogate_loss:sum": 0.25,
        "my_metric": 2.0,
        "other:mean": 9.0,
        "x:max": 1.0,
    }
