"""Quickstart: memorize a phrase with LoRA fine-tuning, then sample it back.

Runs fully offline: it starts tinkex's local Tinker-compatible server in-process (a tiny
byte-level JAX transformer), unless TINKER_BASE_URL points at another server. The same
code runs against the Tinker service with `import tinker` and a real base model.

    python examples/quickstart.py [--steps 30] [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import os
import time
from contextlib import ExitStack

import tinkex as tinker
from tinkex import types

PHRASE = "The quick brown fox jumps over the lazy dog."
BOS, EOS = 257, 258  # the local byte vocabulary: ids 0-255 are bytes


def phrase_datum(text: str) -> types.Datum:
    """One training example: predict every next byte of BOS + text + EOS."""
    tokens = [BOS, *text.encode("utf-8"), EOS]
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--learning-rate", type=float, default=3e-3)
    args = parser.parse_args()

    started = time.perf_counter()
    with ExitStack() as stack:
        base_url = os.environ.get("TINKER_BASE_URL") or None
        if base_url is None:
            from tinkex.server.runner import start_server

            server = stack.enter_context(start_server(models=[args.model]))
            base_url = server.base_url
            print(f"local Tinker server on {base_url}")
        service = stack.enter_context(
            tinker.ServiceClient(
                base_url=base_url, api_key=os.environ.get("TINKER_API_KEY") or "tml-local-quickstart"
            )
        )
        training = service.create_lora_training_client(base_model=args.model, rank=8).result()
        print(f"model {training.model_id} ready after {time.perf_counter() - started:.1f} s")

        datum = phrase_datum(PHRASE)
        tokens = datum.model_input.length
        for step in range(1, args.steps + 1):
            fwd_bwd = training.forward_backward([datum], "cross_entropy")
            optim = training.optim_step(types.AdamParams(learning_rate=args.learning_rate))
            loss = fwd_bwd.result().loss / tokens
            optim.result()
            if step == 1 or step % 5 == 0:
                print(f"step {step:3d}  loss/token {loss:.4f}")

        sampler = training.save_weights_and_get_sampling_client().result()
        prompt = types.ModelInput.from_ints([BOS])
        params = types.SamplingParams(max_tokens=len(PHRASE.encode()) + 1, temperature=0.0)
        sample = sampler.sample(prompt, num_samples=1, sampling_params=params).result().sequences[0]
        text = bytes(t for t in sample.tokens if t < 256).decode("utf-8", "replace")
        print(f"sampled: {text!r} (stop reason: {sample.stop_reason})")
        print("memorized!" if text == PHRASE else "not memorized yet: try more --steps")
    print(f"total time {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
