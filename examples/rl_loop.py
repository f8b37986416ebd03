"""Reinforcement-learning loop with the ``importance_sampling`` loss.

Each step samples a group of completions from the *current* policy (the sampling client
returns each token's log-probability under the policy that sampled it), scores them with a
reward, centres the rewards into advantages (reward - group mean), and trains on the
sampled tokens with ``importance_sampling``: the server weighs each token's advantage by
p_current / p_sampler, so updates stay correct even when the policy has moved since sampling.

The toy task: make the model emit lowercase ASCII letters. Reward = the fraction of
sampled bytes that are in ``TARGET_BYTES``. An untrained byte model hits them about
10 % of the time; training pushes the mean reward up.

    python examples/rl_loop.py [--steps 20] [--group-size 16] [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import string
from contextlib import ExitStack

from _local import BOS, open_service_client, text_of

from tinkex import types

TARGET_BYTES = frozenset(string.ascii_lowercase.encode())


def reward(tokens: list[int]) -> float:
    """Fraction of the sampled tokens that are target bytes (0.0 for an empty sample)."""
    return sum(t in TARGET_BYTES for t in tokens) / len(tokens) if tokens else 0.0


def rl_datum(prompt: list[int], tokens: list[int], logprobs: list[float], advantage: float) -> types.Datum:
    """Train on the sampled tokens only: prompt positions get zero advantage and logprob."""
    full = prompt + tokens
    n_prompt = len(prompt) - 1  # targets predicted from inside the prompt
    return types.Datum(
        model_input=types.ModelInput.from_ints(full[:-1]),
        loss_fn_inputs={
            "target_tokens": full[1:],
            "logprobs": [0.0] * n_prompt + logprobs,
            "advantages": [0.0] * n_prompt + [advantage] * len(tokens),
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--group-size", type=int, default=16, help="completions sampled per step")
    parser.add_argument("--max-tokens", type=int, default=12)
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--learning-rate", type=float, default=2e-2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        training = service.create_lora_training_client(base_model=args.model, rank=8, seed=args.seed).result()
        prompt = [BOS]
        adam = types.AdamParams(learning_rate=args.learning_rate)
        rewards_per_step: list[float] = []
        for step in range(1, args.steps + 1):
            # Sample from the current weights: an ephemeral sampler snapshot, no checkpoint name needed.
            policy = training.save_weights_and_get_sampling_client().result()
            params = types.SamplingParams(max_tokens=args.max_tokens, temperature=1.0, seed=args.seed + step)
            response = policy.sample(types.ModelInput.from_ints(prompt), args.group_size, params).result()

            samples = [(list(s.tokens), list(s.logprobs or [])) for s in response.sequences]
            rewards = [reward(tokens) for tokens, _ in samples]
            mean = sum(rewards) / len(rewards)
            rewards_per_step.append(mean)
            data = [
                rl_datum(prompt, tokens, logprobs, r - mean)
                for (tokens, logprobs), r in zip(samples, rewards, strict=True)
                if tokens and r != mean  # a zero advantage carries no signal
            ]
            if data:
                training.forward_backward(data, "importance_sampling")
                training.optim_step(adam).result()  # futures run in order: this waits for both
            best = max(range(len(samples)), key=lambda i: rewards[i])
            print(f"step {step:3d}  mean reward {mean:.3f}  best {text_of(samples[best][0])!r}")

        head = rewards_per_step[: max(1, len(rewards_per_step) // 4)]
        tail = rewards_per_step[-max(1, len(rewards_per_step) // 4) :]
        print(
            f"mean reward first quarter {sum(head) / len(head):.3f} last quarter {sum(tail) / len(tail):.3f}"
        )


if __name__ == "__main__":
    main()
