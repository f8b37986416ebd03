"""Custom loss plus structured regularizers: train with forward_backward_custom, report each term.

The loss is computed here, in JAX, on the per-token logprobs of a forward pass; its gradient
goes back to the server as the weights of a cross-entropy backward pass (protocol §5.4). The
loss is a weighted negative log-likelihood plus two regularizers:

* ``kl``      - KL to the untrained model's logprobs (kept in ``loss_fn_inputs``, never sent),
* ``entropy`` - the target tokens' share of the entropy, minimised.

Every few steps the regularizer pipeline re-evaluates the terms on the step's logprobs and
prints each contribution and gradient norm. Runs offline: it starts the local server unless
TINKER_BASE_URL points at another one (needs the ``jax`` and ``server`` extras).

    python examples/custom_loss_regularizers.py [--steps 12] [--model local/byte-tiny]
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from contextlib import ExitStack
from typing import Any

import numpy as np
from _local import BOS, EOS, open_service_client

from tinkex import types
from tinkex.regularizers import RegularizerSpec, builtins, compose_loss, run_pipeline

PHRASES = ["Custom losses run locally.", "Regularizers keep training tame."]


def phrase_datum(text: str) -> types.Datum:
    tokens = [BOS, *text.encode("utf-8"), EOS]
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )


def weighted_nll(data: Sequence[types.Datum], logprobs: Sequence[Any]) -> tuple[Any, dict[str, Any]]:
    """Mean over data of -Σ w·logp / Σ w, written with jax.numpy so it is jitted."""
    import jax.numpy as jnp

    per_datum = [
        -jnp.sum(d.loss_fn_inputs["weights"].to_jax() * lp) / jnp.sum(d.loss_fn_inputs["weights"].to_jax())
        for d, lp in zip(data, logprobs, strict=True)
    ]
    nll = sum(per_datum) / len(per_datum)
    return nll, {"nll": nll}


def with_reference(data: Sequence[types.Datum], reference: Sequence[np.ndarray]) -> list[types.Datum]:
    """Attach the reference logprobs as a local-only loss input."""
    return [
        types.Datum(model_input=d.model_input, loss_fn_inputs={**d.loss_fn_inputs, "reference_logprobs": ref})
        for d, ref in zip(data, reference, strict=True)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--model", default="local/byte-tiny")
    parser.add_argument("--learning-rate", type=float, default=5e-3)
    parser.add_argument("--report-every", type=int, default=4)
    args = parser.parse_args()

    regularizers = [
        RegularizerSpec(
            fn=builtins.kl_divergence(reference_field="reference_logprobs"), weight=0.005, name="kl"
        ),
        RegularizerSpec(fn=builtins.entropy(mode="minimize"), weight=0.01, name="entropy"),
    ]
    loss_fn = compose_loss(weighted_nll, regularizers)

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        training = service.create_lora_training_client(base_model=args.model, rank=8, seed=0).result()

        plain = [phrase_datum(p) for p in PHRASES]
        initial = training.forward(plain, "cross_entropy").result()
        data = with_reference(plain, [out["logprobs"].to_numpy() for out in initial.loss_fn_outputs])

        losses: list[float] = []
        nlls: list[float] = []
        for step in range(1, args.steps + 1):
            fwd_bwd = training.forward_backward_custom(data, loss_fn)
            optim = training.optim_step(types.AdamParams(learning_rate=args.learning_rate))
            result = fwd_bwd.result()
            optim.result()
            m = result.metrics
            losses.append(m["loss:sum"])
            nlls.append(m["nll"])
            print(
                f"step {step:2d}  loss {m['loss:sum']:.4f}  nll {m['nll']:.4f}  "
                f"kl {m['kl/contribution']:.5f}  entropy {m['entropy/contribution']:.5f}  "
                f"surrogate {m['surrogate_loss:sum']:.4f}"
            )
            if step % args.report_every == 0 or step == args.steps:
                logprobs = [out["logprobs"].to_numpy() for out in result.loss_fn_outputs]
                report = run_pipeline(data, logprobs, weighted_nll, regularizers, track_grad_norms=True)
                print(
                    f"  base      value {report.base_loss.value:.4f}  grad_norm {report.base_loss.grad_norm:.4f}"
                )
                for name, reg in report.regularizers.items():
                    print(
                        f"  {name:<9} value {reg.value:.4f}  weight {reg.weight:g}  contribution "
                        f"{reg.contribution:.5f}  grad_norm {reg.grad_norm:.4f}  weighted {reg.grad_norm_weighted:.5f}"
                    )
                print(f"  total     loss {report.loss_total:.4f}  grad_norm {report.total_grad_norm:.4f}")
        print(
            f"loss first {losses[0]:.4f} last {losses[-1]:.4f} ({100 * (1 - losses[-1] / losses[0]):.0f} % lower)"
        )
        print(f"nll first {nlls[0]:.4f} last {nlls[-1]:.4f}")


if __name__ == "__main__":
    main()
