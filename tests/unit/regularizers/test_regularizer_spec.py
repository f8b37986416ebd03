"""RegularizerSpec validation and the regularizer protocol's call forms (LOSS-09, LOSS-10)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from tinkex.errors import TinkexValidationError
from tinkex.regularizers import Regularizer, RegularizerSpec, call_regularizer, validate_specs


def _two(data: Any, logprobs: Any) -> float:
    return 1.0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "  "}, "name"),
        ({"name": 3}, "name"),
        ({"weight": -0.1}, "weight"),
        ({"weight": math.inf}, "weight"),
        ({"weight": math.nan}, "weight"),
        ({"weight": True}, "weight"),
        ({"weight": "1"}, "weight"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": -1.0}, "timeout"),
        ({"fn": 5}, "fn"),
        ({"fn": lambda data: 0.0}, "fn"),
        ({"fn": lambda a, b, c, d: 0.0}, "fn"),
        ({"options": [1]}, "options"),
    ],
)
def test_invalid_spec_names_the_field(kwargs: dict[str, Any], field: str) -> None:
    # covers LOSS-09
    params: dict[str, Any] = {"fn": _two, "weight": 0.5, "name": "r", **kwargs}
    with pytest.raises(TinkexValidationError) as info:
        RegularizerSpec(**params)
    assert info.value.field == field


def test_valid_specs_accept_ints_zero_weight_and_timeouts() -> None:
    # covers LOSS-09
    spec = RegularizerSpec(fn=_two, weight=0, name="zero", timeout=1, options={"k": 1})
    assert spec.weight == 0 and spec.timeout == 1 and dict(spec.options) == {"k": 1}
    assert RegularizerSpec.new({"fn": _two, "weight": 2, "name": "m"}).name == "m"
    with pytest.raises(TinkexValidationError) as info:
        RegularizerSpec.new({"fn": _two, "name": "m"})
    assert info.value.field == "weight"


def test_protocol_call_forms() -> None:
    # covers LOSS-10
    seen: list[Any] = []

    def three(data: Any, logprobs: Any, options: Any) -> float:
        seen.append(dict(options))
        return 3.0

    class WithCompute:
        def compute(self, data: Any, logprobs: Any, **options: Any) -> float:
            seen.append(options)
            return 4.0

    class CallableObject:
        def __call__(self, data: Any, logprobs: Any) -> float:
            return 5.0

    lps = [np.zeros(2)]
    assert call_regularizer(_two, [], lps, {"a": 1}) == 1.0
    assert call_regularizer(lambda d, lp, scale=2.0: scale, [], lps, {"a": 1}) == 2.0
    assert call_regularizer(three, [], lps, {"a": 1}) == 3.0
    assert call_regularizer(WithCompute(), [], lps, {"b": 2}) == 4.0
    assert call_regularizer(CallableObject(), [], lps, {}) == 5.0
    assert seen == [{"a": 1}, {"b": 2}]
    assert isinstance(WithCompute(), Regularizer)


def test_duplicate_names_and_non_specs_are_rejected() -> None:
    # covers LOSS-08
    a = RegularizerSpec(fn=_two, weight=1.0, name="same")
    b = RegularizerSpec(fn=_two, weight=2.0, name="same")
    with pytest.raises(TinkexValidationError, match="duplicate regularizer name 'same'"):
        validate_specs([a, b])
    with pytest.raises(TinkexValidationError) as info:
        validate_specs([a, {"fn": _two}])
    assert info.value.field == "regularizers[1]"
