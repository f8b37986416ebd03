"""Shared data for the custom-loss tests: tiny datums and logprob arrays, JAX on CPU."""

from __future__ import annotations

import os

os.environ.setdefault("JAX_PLATFORMS", "cpu")

from collections.abc import Callable

import numpy as np
import pytest

from tinkex.types import Datum, ModelInput

MakeData = Callable[..., list[Datum]]


@pytest.fixture
def make_data() -> MakeData:
    """``make_data(lengths, weights=False)``: one datum per length, targets 1..n."""

    def build(lengths: tuple[int, ...] = (3, 2), *, weights: bool = False) -> list[Datum]:
        data = []
        for n in lengths:
            inputs: dict[str, object] = {"target_tokens": np.arange(1, n + 1, dtype=np.int64)}
            if weights:
                inputs["weights"] = np.linspace(0.5, 1.0, n, dtype=np.float32)
            data.append(Datum(model_input=ModelInput.from_ints(list(range(n))), loss_fn_inputs=inputs))
        return data

    return build


@pytest.fixture
def logprobs() -> list[np.ndarray]:
    return [np.array([-0.5, -1.25, -2.0], dtype=np.float32), np.array([-0.1, -3.0], dtype=np.float32)]
