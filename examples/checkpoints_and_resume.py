"""Checkpoints and resume: save training state, start a new client from it, keep training.

1. Trains a few steps on a phrase, then ``save_state`` (weights + Adam moments) under a name.
2. Starts a *new* training client with ``create_training_client_from_state_with_optimizer``
   (as a restarted job would) and checks with a forward pass that it scores the phrase
   exactly like the saved model.
3. Continues training from there, then saves sampler weights under a name and samples the
   phrase back from them (``save_weights_and_get_sampling_client``).
4. ``get_info`` on the resumed model, then ``unload_model`` to free it on the server.
Features EX-18, EX-23, EX-25.

    python examples/checkpoints_and_resume.py [--steps 15] [--resume-steps 15] [--model local/byte-small]
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack

from _local import BOS, EOS, open_service_client, text_of

import tinkex as tinker
from tinkex import types

PHRASE = "Checkpoints make long runs safe."


def phrase_datum(text: str) -> types.Datum:
    tokens = [BOS, *text.encode("utf-8"), EOS]
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )


def train(client: tinker.TrainingClient, datum: types.Datum, steps: int, learning_rate: float) -> float:
    """``steps`` steps of cross-entropy + Adam; returns the last loss per token."""
    adam = types.AdamParams(learning_rate=learning_rate)
    loss = float("nan")
    for _ in range(steps):
        fwd_bwd = client.forward_backward([datum], "cross_entropy")
        client.optim_step(adam)
        loss = fwd_bwd.result().loss / datum.model_input.length
    return loss


def score(client: tinker.TrainingClient, datum: types.Datum) -> float:
    """Loss per token from a forward pass (no gradients, weights unchanged)."""
    return client.forward([datum], "cross_entropy").result().loss / datum.model_input.length


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--resume-steps", type=int, default=15)
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--learning-rate", type=float, default=3e-3)
    args = parser.parse_args()

    datum = phrase_datum(PHRASE)
    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        first = service.create_lora_training_client(base_model=args.model, rank=8).result()
        print(
            f"trained {args.steps} steps: loss/token {train(first, datum, args.steps, args.learning_rate):.4f}"
        )
        saved_loss = score(first, datum)
        state_path = first.save_state(f"step-{args.steps:04d}").result().path
        print(f"saved state {state_path} (loss/token {saved_loss:.4f})")

        resumed = service.create_training_client_from_state_with_optimizer(state_path).result()
        resumed_loss = score(resumed, datum)
        print(f"resumed as {resumed.model_id}: loss/token {resumed_loss:.4f} (saved {saved_loss:.4f})")

        final = train(resumed, datum, args.resume_steps, args.learning_rate)
        print(f"trained {args.resume_steps} more steps: loss/token {final:.4f}")

        sampler_path = resumed.save_weights_for_sampler(f"resumed-{args.resume_steps:04d}").result().path
        sampler = resumed.create_sampling_client(sampler_path).result()
        params = types.SamplingParams(max_tokens=len(PHRASE.encode()) + 1, temperature=0.0)
        sample = sampler.sample(types.ModelInput.from_ints([BOS]), 1, params).result().sequences[0]
        print(f"sampled: {text_of(list(sample.tokens))!r}")

        info = resumed.get_info()
        data = info.model_data
        print(f"model info: {data.model_name if data else None}, lora rank {info.lora_rank}")
        print(f"unloaded {resumed.unload_model().result().model_id}")


if __name__ == "__main__":
    main()
