"""Shared data for the regularizer tests: small datums with reference fields, JAX on CPU."""

from __future__ import annotations

import os

os.environ.setdefault("JAX_PLATFORMS", "cpu")

import numpy as np
import pytest

from tinkex.types import Datum, ModelInput


@pytest.fixture
def data() -> list[Datum]:
    rng = np.random.default_rng(0)
    out = []
    for n in (4, 4):
        out.append(
            Datum(
                model_input=ModelInput.from_ints(list(range(n))),
                loss_fn_inputs={
                    "target_tokens": np.arange(1, n + 1, dtype=np.int64),
                    "weights": np.ones(n, np.float32),
                    "reference_logprobs": -rng.uniform(0.2, 2.0, n).astype(np.float32),
                    "original_logprobs": -rng.uniform(0.2, 2.0, n).astype(np.float32),
                },
            )
        )
    return out


@pytest.fixture
def logprobs() -> list[np.ndarray]:
    return [
        np.array([-0.3, -1.1, -0.7, -2.2], dtype=np.float32),
        np.array([-1.6, -0.45, -0.9, -1.3], dtype=np.float32),
    ]
