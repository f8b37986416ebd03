"""Forward inference: score text without training, and work with the logprobs as tensors.

1. Runs a forward-only pass (``TrainingClient.forward``) over a few sentences with the
   ``cross_entropy`` loss: the server returns each target token's log-probability and
   computes no gradient, so the weights stay as they are.
2. Turns the ``logprobs`` ``TensorData`` into numpy arrays (and JAX arrays when the ``jax``
   extra is installed) and computes the per-sentence negative log-likelihood and perplexity
   with array operations.
3. Runs the same forward pass again and checks that nothing changed: forward never trains.

Feature EX-04.

    python examples/forward_inference.py [--model local/byte-small]
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack

import numpy as np
from _local import BOS, EOS, open_service_client

from tinkex import types

SENTENCES = ["The cat sat on the mat.", "Colourless green ideas sleep furiously.", "zqxj vbnm kwpf"]


def scoring_datum(text: str) -> types.Datum:
    tokens = [BOS, *text.encode("utf-8"), EOS]
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        training = service.create_lora_training_client(base_model=args.model, rank=4, seed=0).result()
        data = [scoring_datum(text) for text in SENTENCES]

        output = training.forward(data, "cross_entropy").result()
        logprobs = [out["logprobs"].to_numpy() for out in output.loss_fn_outputs]
        for text, lp in zip(SENTENCES, logprobs, strict=True):
            nll = float(-lp.mean())
            print(f"{text!r:45} tokens {lp.size:3d}  nll/token {nll:.4f}  perplexity {np.exp(nll):.2f}")

        try:
            import jax.numpy as jnp

            stacked = jnp.concatenate([out["logprobs"].to_jax() for out in output.loss_fn_outputs])
            print(f"jax: {stacked.shape[0]} logprobs, mean {float(stacked.mean()):.4f} ({stacked.dtype})")
        except ImportError:
            print("jax: not installed (pip install 'tinkex[jax]'), numpy only")

        again = training.forward(data, "cross_entropy").result()
        drift = max(
            float(np.abs(a["logprobs"].to_numpy() - b["logprobs"].to_numpy()).max())
            for a, b in zip(output.loss_fn_outputs, again.loss_fn_outputs, strict=True)
        )
        print(f"second forward pass: max logprob change {drift:.2e} (forward does not train)")


if __name__ == "__main__":
    main()
