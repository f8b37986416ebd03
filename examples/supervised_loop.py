"""Supervised fine-tuning loop: train on a few phrases in mini-batches, print the loss curve.

Each step sends one batch to ``forward_backward`` (cross-entropy over every next byte),
then ``optim_step``; both calls return futures at once, so the optimizer step is queued
behind the gradient pass without waiting. Features EX-02 (training loop with step timing).

Offline by default (a local server is started in-process); set TINKER_BASE_URL and
TINKER_API_KEY to train on another Tinker-protocol server.

    python examples/supervised_loop.py [--steps 40] [--batch-size 4] [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import itertools
import time
from contextlib import ExitStack

from _local import BOS, EOS, open_service_client

from tinkex import types

PHRASES = [
    "Sphinx of black quartz, judge my vow.",
    "Pack my box with five dozen liquor jugs.",
    "How vexingly quick daft zebras jump!",
    "The five boxing wizards jump quickly.",
    "Jackdaws love my big sphinx of quartz.",
    "Waltz, bad nymph, for quick jigs vex.",
]


def phrase_datum(text: str) -> types.Datum:
    """Predict every next byte of BOS + text + EOS (weights 1 everywhere)."""
    tokens = [BOS, *text.encode("utf-8"), EOS]
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )


def sparkline(values: list[float]) -> str:
    """A one-line text plot of ``values`` (high = tall bar)."""
    bars = "▁▂▃▄▅▆▇█"
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(bars[round((v - low) / span * (len(bars) - 1))] for v in values)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--learning-rate", type=float, default=3e-3)
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        training = service.create_lora_training_client(base_model=args.model, rank=args.rank).result()
        print(f"training {training.model_id} on {len(PHRASES)} phrases, batch size {args.batch_size}")

        datums = itertools.cycle([phrase_datum(p) for p in PHRASES])
        adam = types.AdamParams(learning_rate=args.learning_rate)
        curve: list[float] = []
        for step in range(1, args.steps + 1):
            batch = [next(datums) for _ in range(args.batch_size)]
            started = time.perf_counter()
            fwd_bwd = training.forward_backward(batch, "cross_entropy")
            optim = training.optim_step(adam)  # queued right behind the gradient pass
            output = fwd_bwd.result()
            optim.result()
            # The summed loss over the batch, divided by the number of predicted tokens.
            tokens = sum(d.model_input.length for d in batch)
            curve.append(output.loss / tokens)
            elapsed = time.perf_counter() - started
            print(f"step {step:3d}  loss/token {curve[-1]:.4f}  ({elapsed * 1000:.0f} ms)")

        print(f"loss curve {sparkline(curve)}")
        print(f"loss/token first {curve[0]:.4f} last {curve[-1]:.4f}")


if __name__ == "__main__":
    main()
