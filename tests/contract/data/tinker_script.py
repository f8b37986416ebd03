"""A training script written for the official ``tinker`` SDK, run unchanged with tinkex too.

It reads the server from TINKER_BASE_URL / TINKER_API_KEY, trains a LoRA model with a
supervised loop (sync futures), then runs a small RL loop (async methods) with the
importance_sampling loss on sampled logprobs and advantages. The model is the local
server's byte-level "local/byte-tiny" (token ids 0-255 are bytes, 257 is BOS).
Exits non-zero (an AssertionError) when training does not improve.
"""

import asyncio

import tinker
from tinker import types

MODEL = "local/byte-tiny"
BOS = 257
PHRASES = ["tinker runs here", "tinkex runs too!"]


def supervised_datum(text: str) -> types.Datum:
    tokens = [BOS, *text.encode("utf-8")]
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )


def supervised(service: tinker.ServiceClient) -> str:
    training = service.create_lora_training_client(base_model=MODEL, rank=8, seed=0).result()
    batch = [supervised_datum(text) for text in PHRASES]
    losses = []
    for _ in range(12):
        fwd_bwd = training.forward_backward(batch, "cross_entropy")
        optim = training.optim_step(types.AdamParams(learning_rate=1e-2))
        losses.append(fwd_bwd.result().metrics["loss:sum"])
        optim.result()
    print("supervised loss", losses[0], "->", losses[-1])
    assert losses[-1] < 0.8 * losses[0], losses

    path = training.save_state("supervised-final").result().path
    listed = service.create_rest_client().list_checkpoints(training.model_id).result()
    assert path in [c.tinker_path for c in listed.checkpoints], listed
    return path


def reward(tokens: list[int]) -> float:
    """The share of even token ids: about 0.5 for an untrained model, so every batch has signal."""
    return sum(1.0 for t in tokens if t % 2 == 0) / len(tokens)


async def mean_reward(sampler: tinker.SamplingClient, prompt: types.ModelInput, seed: int) -> float:
    params = types.SamplingParams(max_tokens=6, temperature=1.0, seed=seed, stop=[])
    result = await sampler.sample_async(prompt=prompt, num_samples=16, sampling_params=params)
    return sum(reward(list(seq.tokens)) for seq in result.sequences) / len(result.sequences)


async def reinforce(service: tinker.ServiceClient) -> None:
    training = await service.create_lora_training_client_async(base_model=MODEL, rank=8, seed=1)
    prompt = types.ModelInput.from_ints([BOS, *b"go:"])
    n_prompt = prompt.length
    sampler = await training.save_weights_and_get_sampling_client_async()
    before = await mean_reward(sampler, prompt, seed=1000)

    for step in range(6):
        params = types.SamplingParams(max_tokens=6, temperature=1.0, seed=step, stop=[])
        result = await sampler.sample_async(prompt=prompt, num_samples=16, sampling_params=params)
        rewards = [reward(list(seq.tokens)) for seq in result.sequences]
        baseline = sum(rewards) / len(rewards)
        batch = []
        for seq, r in zip(result.sequences, rewards, strict=True):
            tokens = list(seq.tokens)
            full = prompt.to_ints() + tokens
            pad = [0.0] * (n_prompt - 1)  # prompt positions carry no advantage
            batch.append(
                types.Datum(
                    model_input=types.ModelInput.from_ints(full[:-1]),
                    loss_fn_inputs={
                        "target_tokens": full[1:],
                        "logprobs": pad + list(seq.logprobs),
                        "advantages": pad + [r - baseline] * len(tokens),
                    },
                )
            )
        fwd_bwd = await training.forward_backward_async(batch, "importance_sampling")
        optim = await training.optim_step_async(types.AdamParams(learning_rate=2e-2))
        await fwd_bwd
        await optim
        sampler = await training.save_weights_and_get_sampling_client_async()

    after = await mean_reward(sampler, prompt, seed=1000)
    print("rl mean reward", before, "->", after)
    assert after > before + 0.1, (before, after)


def main() -> None:
    service = tinker.ServiceClient()
    state_path = supervised(service)
    restored = service.create_training_client_from_state(state_path).result()
    assert restored.get_info().model_data.model_name == MODEL
    asyncio.run(reinforce(service))
    service.close("success").result()
    print("TINKER SCRIPT OK")


if __name__ == "__main__":
    main()
