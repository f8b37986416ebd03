"""The local server refuses tensor values its wire dtype cannot hold (a 400 naming the field),
instead of storing inf or INT64_MIN (found by the schemathesis run's cast warnings)."""

from __future__ import annotations

import numpy as np
import pytest

from tinkex.server.datums import parse_tensor
from tinkex.server.validation import ApiError


@pytest.mark.parametrize(
    "value",
    [
        {"data": [1e39, 1.0], "dtype": "float32"},
        {"data": [1e300], "dtype": "int64"},
        [1e39, 2.0],  # a plain list, coerced like the SDK does
    ],
)
def test_out_of_range_values_are_a_400(value: object) -> None:
    with pytest.raises(ApiError) as caught:
        parse_tensor(value, "data[0].loss_fn_inputs.weights")
    assert caught.value.status == 400
    assert "data[0].loss_fn_inputs.weights" in str(caught.value)


def test_values_in_range_are_kept_exactly() -> None:
    tensor = parse_tensor({"data": [3e38, -1.5, float("inf")], "dtype": "float32"}, "w")
    np.testing.assert_array_equal(tensor.array, np.array([3e38, -1.5, np.inf], np.float32))
