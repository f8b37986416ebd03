"""Structured regularizers, offline: compose, compare parallel and sequential, inspect, export.

No server is needed: mock logprobs stand in for a forward pass. The loss is a weighted
negative log-likelihood plus L1, entropy and KL-to-a-reference regularizers and one async
regularizer (a coroutine, e.g. one that would ask another service). ``run_pipeline``
evaluates every term, in parallel threads or one after another (same numbers), reports each
term's value, weighted contribution and gradient norm, emits telemetry events for each, and
the whole report is written as JSON. Feature EX-05 (needs the ``jax`` extra).

    python examples/structured_regularizers.py [--tokens 32] [--json-out tmp/regularizers.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tinkex import telemetry, types
from tinkex.regularizers import RegularizerSpec, builtins, run_pipeline, telemetry as reg_telemetry


def mock_batch(
    rng: np.random.Generator, count: int, tokens: int
) -> tuple[list[types.Datum], list[np.ndarray]]:
    data, logprobs = [], []
    for _ in range(count):
        ids = rng.integers(0, 256, size=tokens).tolist()
        reference = np.log(rng.dirichlet(np.ones(tokens))).astype(np.float32)
        data.append(
            types.Datum(
                model_input=types.ModelInput.from_ints(ids),
                loss_fn_inputs={"weights": [1.0] * tokens, "reference_logprobs": reference},
            )
        )
        logprobs.append(reference + rng.normal(0, 0.3, size=tokens).astype(np.float32))
    return data, logprobs


def weighted_nll(data: Sequence[types.Datum], logprobs: Sequence[Any]) -> tuple[Any, dict[str, Any]]:
    import jax.numpy as jnp

    total = sum(
        -jnp.sum(d.loss_fn_inputs["weights"].to_jax() * lp) for d, lp in zip(data, logprobs, strict=True)
    )
    count = sum(float(d.loss_fn_inputs["weights"].to_numpy().sum()) for d in data)
    return total / count, {}


async def confidence_gap(data: Sequence[types.Datum], logprobs: Sequence[Any]) -> tuple[Any, dict[str, Any]]:
    """An async regularizer: awaited on a worker thread. A coroutine cannot be traced by
    ``jax.grad``, so it is for values only (no gradient norm, not for training)."""
    import jax.numpy as jnp

    await asyncio.sleep(0)  # stands in for an await on something else
    return jnp.mean(jnp.stack([jnp.max(lp) - jnp.min(lp) for lp in logprobs])), {}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--tokens", type=int, default=32)
    parser.add_argument("--json-out", default="tmp/regularizers.json")
    parser.add_argument("--model", help="ignored: this example needs no server (run_all.py passes it)")
    args = parser.parse_args()

    data, logprobs = mock_batch(np.random.default_rng(0), args.batch, args.tokens)
    specs = [
        RegularizerSpec(fn=builtins.l1(target="probs"), weight=0.01, name="l1"),
        RegularizerSpec(fn=builtins.entropy(mode="minimize"), weight=0.05, name="entropy"),
        RegularizerSpec(
            fn=builtins.kl_divergence(reference_field="reference_logprobs"), weight=0.5, name="kl"
        ),
    ]

    finished: list[str] = []
    handler = telemetry.subscribe(
        reg_telemetry.REGULARIZER_STOP, lambda _n, _m, meta: finished.append(str(meta["regularizer_name"]))
    )
    try:
        parallel = run_pipeline(data, logprobs, weighted_nll, specs, track_grad_norms=True, parallel=True)
        sequential = run_pipeline(data, logprobs, weighted_nll, specs, track_grad_norms=True, parallel=False)
        with_async = run_pipeline(
            data,
            logprobs,
            weighted_nll,
            [*specs, RegularizerSpec(fn=confidence_gap, weight=0.001, name="gap")],
        )
    finally:
        telemetry.unsubscribe(handler)

    print(f"base nll {parallel.base_loss.value:.4f}  grad_norm {parallel.base_loss.grad_norm:.4f}")
    for name, term in parallel.regularizers.items():
        print(
            f"{name:<15} value {term.value:9.4f}  weight {term.weight:<6g} contribution {term.contribution:.5f}"
            f"  grad_norm {term.grad_norm:.4f}"
        )
    print(f"total loss {parallel.loss_total:.4f}  total grad_norm {parallel.total_grad_norm:.4f}")
    same = abs(parallel.loss_total - sequential.loss_total) < 1e-5
    print(f"parallel and sequential agree: {same}")
    gap = with_async.regularizers["gap"]
    print(f"async regularizer gap: value {gap.value:.4f}  contribution {gap.contribution:.5f}")
    print(f"telemetry: {len(finished)} regularizer stop events ({', '.join(sorted(set(finished)))})")

    out = Path(args.json_out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(parallel.to_json(), encoding="utf-8")
    print(f"wrote {out} ({len(json.loads(out.read_text())['regularizers'])} regularizers)")


if __name__ == "__main__":
    main()
