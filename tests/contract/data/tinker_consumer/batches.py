"""Datum builders that use the per-module type paths (as in many cookbook-style libraries)."""

import numpy as np
import tinker.types.sampling_params as sampling_params_module
from tinker.types.datum import Datum
from tinker.types.model_input import ModelInput
from tinker.types.tensor_data import TensorData

BOS = 257


def supervised_datum(text: str) -> Datum:
    tokens = [BOS, *text.encode("utf-8")]
    n = len(tokens) - 1
    return Datum(
        model_input=ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={
            "target_tokens": TensorData.from_numpy(np.asarray(tokens[1:], dtype=np.int64)),
            "weights": TensorData(data=[1.0] * n, dtype="float32", shape=[n]),
        },
    )


def supervised_batch(texts: list[str]) -> list[Datum]:
    return [supervised_datum(text) for text in texts]


def greedy(max_tokens: int) -> sampling_params_module.SamplingParams:
    return sampling_params_module.SamplingParams(max_tokens=max_tokens, temperature=0.0)
