"""A train-then-sample helper typed against the official client classes."""

import tinker
from tinker import types
from tinker.lib.public_interfaces import APIFuture, SamplingClient, TrainingClient
from tinker.lib.retry_handler import RetryConfig
from tinker.types.optim_step_request import AdamParams
from tinker.types.sample_response import SampleResponse

from .batches import BOS, greedy, supervised_batch


def train_then_sample(service: tinker.ServiceClient, base_model: str, steps: int = 4) -> dict:
    training = service.create_lora_training_client(base_model=base_model, rank=4, seed=0).result()
    assert isinstance(training, TrainingClient), type(training)
    batch = supervised_batch(["library code", "runs unchanged"])
    losses = []
    for _ in range(steps):
        fwd_bwd = training.forward_backward(batch, "cross_entropy")
        assert isinstance(fwd_bwd, APIFuture), type(fwd_bwd)
        training.optim_step(AdamParams(learning_rate=1e-2)).result()
        losses.append(fwd_bwd.result().metrics["loss:sum"])

    path = training.save_weights_for_sampler("consumer").result().path
    sampler = service.create_sampling_client(model_path=path, retry_config=RetryConfig(max_connections=8))
    sampler = sampler.result() if isinstance(sampler, APIFuture) else sampler
    assert isinstance(sampler, SamplingClient), type(sampler)
    response = sampler.sample(
        prompt=types.ModelInput.from_ints([BOS]), num_samples=1, sampling_params=greedy(4)
    ).result()
    assert isinstance(response, SampleResponse), type(response)
    return {"losses": losses, "tokens": list(response.sequences[0].tokens)}
