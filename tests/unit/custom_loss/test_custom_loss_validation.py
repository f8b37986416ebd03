"""Up-front validation of forward_backward_custom's arguments (LOSS-02)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from tinkex.custom_loss import validate_custom_loss_inputs
from tinkex.errors import TinkexValidationError
from tinkex.types import Datum, ModelInput

MakeData = Callable[..., list[Datum]]


def _loss(data: Any, logprobs: Any) -> float:
    return 0.0


def test_valid_inputs_pass(make_data: MakeData) -> None:
    # covers LOSS-02
    validate_custom_loss_inputs(make_data(weights=True), _loss)
    validate_custom_loss_inputs(make_data(), lambda data, logprobs, scale=1.0: 0.0)


@pytest.mark.parametrize(
    ("data", "field"),
    [([], "data"), ("abc", "data"), (None, "data"), ([1], "data[0]")],
)
def test_bad_data_container_names_the_field(data: Any, field: str) -> None:
    # covers LOSS-02
    with pytest.raises(TinkexValidationError) as info:
        validate_custom_loss_inputs(data, _loss)
    assert info.value.field == field


def test_missing_target_tokens_is_rejected_before_sending(make_data: MakeData) -> None:
    # covers LOSS-02
    data = [*make_data(), Datum(model_input=ModelInput.from_ints([1]), loss_fn_inputs={})]
    with pytest.raises(TinkexValidationError, match="target_tokens missing from loss_fn_inputs") as info:
        validate_custom_loss_inputs(data, _loss)
    assert info.value.field == "data[2].loss_fn_inputs['target_tokens']"


def test_float_target_tokens_are_invalid() -> None:
    # covers LOSS-02
    datum = Datum(
        model_input=ModelInput.from_ints([1]), loss_fn_inputs={"target_tokens": np.ones(1, np.float32)}
    )
    with pytest.raises(TinkexValidationError, match="Invalid target_tokens"):
        validate_custom_loss_inputs([datum], _loss)


def test_weights_shape_must_match_targets() -> None:
    # covers LOSS-02
    datum = Datum(
        model_input=ModelInput.from_ints([1, 2]),
        loss_fn_inputs={"target_tokens": [1, 2], "weights": [1.0, 1.0, 1.0]},
    )
    with pytest.raises(TinkexValidationError) as info:
        validate_custom_loss_inputs([datum], _loss)
    assert info.value.field == "data[0].loss_fn_inputs['weights']"


@pytest.mark.parametrize("loss_fn", [None, 3, lambda data: 0.0, lambda a, b, c: 0.0, lambda a, b, *, k: 0.0])
def test_loss_fn_must_be_callable_with_data_and_logprobs(make_data: MakeData, loss_fn: Any) -> None:
    # covers LOSS-02
    with pytest.raises(TinkexValidationError) as info:
        validate_custom_loss_inputs(make_data(), loss_fn)
    assert info.value.field == "loss_fn"


def test_callable_object_is_accepted(make_data: MakeData) -> None:
    # covers LOSS-02
    class Loss:
        def __call__(self, data: Any, logprobs: Any) -> float:
            return 0.0

    validate_custom_loss_inputs(make_data(), Loss())
