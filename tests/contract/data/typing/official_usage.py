"""A training and sampling script written as for the official SDK: must type-check under --strict."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

import tinkex as tinker
from tinkex import types


def train_and_sample() -> tuple[npt.NDArray[np.float32], list[int]]:
    service = tinker.ServiceClient()
    training = service.create_lora_training_client(base_model="Qwen/Qwen3-8B", rank=8).result()
    prompt = types.ModelInput.from_ints([1, 2, 3])
    datum = types.Datum(
        model_input=prompt,
        loss_fn_inputs={
            "target_tokens": types.TensorData.from_numpy(np.array([2, 3, 4])),
            "weights": types.TensorData.from_numpy(np.ones(3, dtype=np.float32)),
        },
    )
    output = training.forward_backward([datum], "cross_entropy").result()
    training.optim_step(types.AdamParams(learning_rate=1e-4)).result()
    logprobs = output.loss_fn_outputs[0]["logprobs"].to_numpy()
    loss: float = output.metrics["loss:sum"]
    sampler = service.create_sampling_client(base_model="Qwen/Qwen3-8B").result()
    params = types.SamplingParams(max_tokens=16, temperature=0.7, stop=["\n"])
    response = sampler.sample(prompt=prompt, num_samples=1, sampling_params=params).result()
    tokens: list[int] = response.sequences[0].tokens
    assert loss >= 0
    return logprobs.astype(np.float32), tokens
