"""The five built-in losses: per-token values and the summed metric against a numpy reference.

The reference is computed from the logprobs the engine itself returns, so it checks the loss formulas,
the weight handling and the SUM reduction (local-server.md §2.2), not the transformer.
"""

from __future__ import annotations

import numpy as np
import pytest

from tinkex.server.model.engine import AdamSettings, DatumArrays, Engine, LoraSettings

from ._helpers import text_datum

TEXTS = (b"hello world", b"tiny byte model!", b"abc")


def _rl_batch(rng: np.random.Generator, *, with_weights: bool) -> list[DatumArrays]:
    data = []
    for text in TEXTS:
        n = len(text)
        extra = {
            "logprobs": rng.uniform(-6.0, -4.0, n).astype(np.float32),
            "advantages": rng.normal(0.0, 1.0, n).astype(np.float32),
        }
        weights = rng.choice([0.0, 1.0, 0.5], n) if with_weights else None
        data.append(text_datum(text, weights=weights, **extra))
    return data


def _reference(loss_fn: str, config: dict[str, float], lp: np.ndarray, datum: DatumArrays) -> np.ndarray:
    inputs = datum.inputs
    w = inputs.get("weights", np.ones_like(lp))
    if loss_fn == "cross_entropy":
        return -lp * w
    q, adv = inputs["logprobs"], inputs["advantages"]
    ratio = np.exp(lp - q)
    if loss_fn == "importance_sampling":
        return -ratio * adv * w
    if loss_fn == "ppo":
        low, high = config.get("clip_low_threshold", 0.8), config.get("clip_high_threshold", 1.2)
        return -np.minimum(ratio * adv, np.clip(ratio, low, high) * adv) * w
    if loss_fn == "cispo":
        low, high = config.get("clip_low_threshold", 0.0), config.get("clip_high_threshold", 4.0)
        return -np.clip(ratio, low, high) * lp * adv * w
    beta = config.get("beta", 0.05)
    return -(lp * adv - 0.5 * beta * (lp - q) ** 2) * w


CASES = [
    ("cross_entropy", {}),
    ("importance_sampling", {}),
    ("ppo", {}),
    ("ppo", {"clip_low_threshold": 0.5, "clip_high_threshold": 3.0}),
    ("cispo", {}),
    ("cispo", {"clip_low_threshold": 0.9, "clip_high_threshold": 1.1}),
    ("dro", {}),
    ("dro", {"beta": 0.7}),
]


@pytest.mark.parametrize(("loss_fn", "config"), CASES)
@pytest.mark.parametrize("with_weights", [False, True])
def test_elementwise_loss_and_sum_match_reference(
    tiny_engine: Engine, loss_fn: str, config: dict[str, float], with_weights: bool
) -> None:
    # covers local-server.md §2.2 (loss table, weights default to ones, SUM reduction)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    data = _rl_batch(np.random.default_rng(7), with_weights=with_weights)
    result = tiny_engine.forward_backward(model, data, loss_fn, config, forward_only=True)
    expected_total = 0.0
    for datum, out in zip(data, result.outputs, strict=True):
        assert out["logprobs"].shape == datum.tokens.shape and out["logprobs"].dtype == np.float32
        assert np.all(out["logprobs"] < 0)
        expected = _reference(loss_fn, config, out["logprobs"].astype(np.float64), datum)
        np.testing.assert_allclose(out["elementwise_loss"], expected, rtol=2e-5, atol=2e-6)
        expected_total += float(expected.sum())
    assert result.metrics["loss:sum"] == pytest.approx(expected_total, rel=1e-5, abs=1e-5)


def test_cross_entropy_accepts_negative_weights_and_sums_over_micro_batches(tiny_engine: Engine) -> None:
    # covers local-server.md §2.2 (arbitrary real weights for forward_backward_custom) and §3.4 (8-row chunks)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    rng = np.random.default_rng(3)
    data = [text_datum(TEXTS[i % 3], weights=rng.normal(0.0, 2.0, len(TEXTS[i % 3]))) for i in range(9)]
    result = tiny_engine.forward_backward(model, data, "cross_entropy", {}, forward_only=True)
    assert len(result.outputs) == 9
    expected = sum(
        float((-o["logprobs"] * d.inputs["weights"]).sum()) for d, o in zip(data, result.outputs, strict=True)
    )
    assert result.metrics["loss:sum"] == pytest.approx(expected, rel=1e-5)
    # The 9th datum ran alone (1-row shape) yet matches the same datum computed in the 8-row chunk.
    np.testing.assert_allclose(
        result.outputs[8]["logprobs"], result.outputs[5]["logprobs"], rtol=1e-5, atol=1e-6
    )


def _ratio_batch(tiny_engine: Engine, model_lora: LoraSettings, ratio_log: float) -> list[DatumArrays]:
    """A datum whose sampler logprobs sit ``ratio_log`` below the learner's, so r = exp(ratio_log)."""
    model = tiny_engine.create_model(model_lora)
    probe = text_datum(TEXTS[0])
    lp = tiny_engine.forward_backward(model, [probe], "cross_entropy", {}, forward_only=True).outputs[0][
        "logprobs"
    ]
    n = lp.size
    extra = {"logprobs": (lp - ratio_log).astype(np.float32), "advantages": np.ones(n, np.float32)}
    return [text_datum(TEXTS[0], **extra)]


def test_ppo_clipped_tokens_carry_no_gradient_but_cispo_does(tiny_engine: Engine) -> None:
    # covers local-server.md §2.2 (ppo min/clip; cispo stop-gradient of the clipped ratio times lp)
    lora = LoraSettings(rank=4, seed=1)
    data = _ratio_batch(tiny_engine, lora, ratio_log=1.0)  # r = e > 1.2 with A > 0: PPO is clipped
    ppo_model = tiny_engine.create_model(lora)
    out = tiny_engine.forward_backward(ppo_model, data, "ppo", {}, forward_only=False)
    np.testing.assert_allclose(out.outputs[0]["elementwise_loss"], -1.2, rtol=1e-5)
    assert tiny_engine.optim_step(ppo_model, AdamSettings())["grad_norm:mean"] == 0.0

    cispo_model = tiny_engine.create_model(lora)
    tiny_engine.forward_backward(cispo_model, data, "cispo", {"clip_high_threshold": 1.2}, forward_only=False)
    assert tiny_engine.optim_step(cispo_model, AdamSettings())["grad_norm:mean"] > 0.0
