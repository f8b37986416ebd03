"""gspo and stable_reinforce, the two losses added by the 0.38 LossFnType, against NumPy references.

Values are checked through the engine (real logprobs, padding, micro-batches); gradients with respect
to the learner logprobs are checked on ``elementwise_loss`` itself, where the stop-gradients of both
losses show: GSPO's token carries the sequence ratio's value but only its own logprob's gradient.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tinkex.server.model.engine import DatumArrays, Engine, LoraSettings
from tinkex.server.model.losses import LOSS_NAMES, elementwise_loss, resolve_loss

from ._helpers import text_datum

TEXTS = (b"hello world", b"tiny byte model!", b"abc")
GSPO_DEFAULTS = {"clip_low_threshold": 1.0 - 3e-4, "clip_high_threshold": 1.0 + 4e-4}
STABLE_DEFAULTS = {"clip_high_threshold": 2.0, "kl_coeff": 0.0}


def gspo_reference(
    lp: np.ndarray, q: np.ndarray, adv: np.ndarray, w: np.ndarray, mask: np.ndarray, cfg: dict[str, float]
) -> tuple[np.ndarray, np.ndarray]:
    """(elementwise loss, d loss / d lp) for one datum."""
    low, high = cfg["clip_low_threshold"], cfg["clip_high_threshold"]
    seq_ratio = np.exp(np.mean((lp - q)[mask != 0]))
    ratio = np.full_like(lp, seq_ratio)
    unclipped, clipped = ratio * adv, np.clip(ratio, low, high) * adv
    loss = -np.minimum(unclipped, clipped) * w
    # The unclipped branch carries d ratio_t / d lp_t = ratio_t; a clipped ratio carries nothing.
    takes_unclipped = (unclipped <= clipped) | ((ratio >= low) & (ratio <= high))
    grad = np.where(takes_unclipped, -ratio * adv * w, 0.0)
    return loss, grad


def stable_reinforce_reference(
    lp: np.ndarray, q: np.ndarray, adv: np.ndarray, w: np.ndarray, mask: np.ndarray, cfg: dict[str, float]
) -> tuple[np.ndarray, np.ndarray]:
    """The KL penalty applies where ``mask`` (sequence_ratio_mask: the sampled tokens) is non-zero."""
    high, kl = cfg["clip_high_threshold"], cfg["kl_coeff"] * (mask != 0)
    ratio = np.exp(lp - q)
    weight = np.minimum(ratio, high)
    loss = (-weight * lp * adv + kl * ((ratio - 1.0) - (lp - q))) * w
    grad = (-weight * adv + kl * (ratio - 1.0)) * w
    return loss, grad


def _batch(rng: np.random.Generator, *, with_mask: bool, spread: float) -> list[DatumArrays]:
    data = []
    for text in TEXTS:
        n = len(text)
        extra = {
            # Sampler logprobs near the learner's (about -5.5 for an untrained byte model), so ratios
            # fall both inside and outside the clip bands.
            "logprobs": rng.uniform(-5.6 - spread, -5.6 + spread, n).astype(np.float32),
            "advantages": rng.normal(0.0, 1.0, n).astype(np.float32),
        }
        if with_mask:
            mask = np.ones(n, np.float32)
            mask[: n // 3] = 0.0  # the "prompt" part is left out of the sequence ratio
            extra["sequence_ratio_mask"] = mask
        data.append(text_datum(text, weights=rng.choice([0.0, 1.0, 0.5], n), **extra))
    return data


GSPO_CASES = [
    ({}, False),
    ({}, True),
    ({"clip_low_threshold": 0.8, "clip_high_threshold": 1.2}, True),
]


@pytest.mark.parametrize(("config", "with_mask"), GSPO_CASES)
def test_gspo_matches_numpy_reference(tiny_engine: Engine, config: dict[str, float], with_mask: bool) -> None:
    # covers local-server.md §2.2 (every built-in loss of the official LossFnType: gspo)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    data = _batch(np.random.default_rng(11), with_mask=with_mask, spread=0.5)
    result = tiny_engine.forward_backward(model, data, "gspo", config, forward_only=True)
    cfg = {**GSPO_DEFAULTS, **config}
    total = 0.0
    for datum, out in zip(data, result.outputs, strict=True):
        inputs = datum.inputs
        lp = out["logprobs"].astype(np.float64)
        mask = inputs.get("sequence_ratio_mask", np.ones_like(lp))
        expected, _ = gspo_reference(
            lp, inputs["logprobs"], inputs["advantages"], inputs["weights"], mask, cfg
        )
        np.testing.assert_allclose(out["elementwise_loss"], expected, rtol=2e-5, atol=2e-6)
        total += float(expected.sum())
    assert result.metrics["loss:sum"] == pytest.approx(total, rel=1e-5, abs=1e-5)


@pytest.mark.parametrize("config", [{}, {"kl_coeff": 0.3}, {"clip_high_threshold": 1.1, "kl_coeff": 0.05}])
@pytest.mark.parametrize("with_mask", [False, True])
def test_stable_reinforce_matches_numpy_reference(
    tiny_engine: Engine, config: dict[str, float], with_mask: bool
) -> None:
    # covers local-server.md §2.2 (every built-in loss of the official LossFnType: stable_reinforce)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    data = _batch(np.random.default_rng(5), with_mask=with_mask, spread=1.0)
    result = tiny_engine.forward_backward(model, data, "stable_reinforce", config, forward_only=True)
    cfg = {**STABLE_DEFAULTS, **config}
    total = 0.0
    for datum, out in zip(data, result.outputs, strict=True):
        inputs = datum.inputs
        lp = out["logprobs"].astype(np.float64)
        mask = inputs.get("sequence_ratio_mask", np.ones_like(lp))
        expected, _ = stable_reinforce_reference(
            lp, inputs["logprobs"], inputs["advantages"], inputs["weights"], mask, cfg
        )
        np.testing.assert_allclose(out["elementwise_loss"], expected, rtol=2e-5, atol=2e-6)
        total += float(expected.sum())
    assert result.metrics["loss:sum"] == pytest.approx(total, rel=1e-5, abs=1e-5)


def _grad_case(rng: np.random.Generator, n: int = 12) -> dict[str, np.ndarray]:
    lp = rng.uniform(-3.0, -0.5, n)
    return {
        "lp": lp,
        "q": lp + rng.normal(0.0, 0.3, n),
        "adv": rng.normal(0.0, 1.0, n),
        "w": rng.choice([0.0, 1.0, 0.5], n),
        "mask": np.where(np.arange(n) < 3, 0.0, 1.0),
    }


def _jax_grad(
    loss_fn: str, config: dict[str, float], case: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    index, vector = resolve_loss(loss_fn, config)

    def total(lp: jax.Array) -> jax.Array:
        per_token = elementwise_loss(
            jnp.int32(index),
            jnp.asarray(vector),
            lp,
            jnp.asarray(case["q"], jnp.float32)[None],
            jnp.asarray(case["adv"], jnp.float32)[None],
            jnp.asarray(case["w"], jnp.float32)[None],
            jnp.asarray(case["mask"], jnp.float32)[None],
        )
        return jnp.sum(per_token), per_token

    grad, per_token = jax.grad(total, has_aux=True)(jnp.asarray(case["lp"], jnp.float32)[None])
    return np.asarray(per_token)[0], np.asarray(grad)[0]


@pytest.mark.parametrize("config", [{}, {"clip_low_threshold": 0.7, "clip_high_threshold": 1.3}])
def test_gspo_gradient_is_each_tokens_own_times_the_sequence_ratio(config: dict[str, float]) -> None:
    # covers local-server.md §2.2 (gspo stop-gradients: the sequence ratio's value, each token's own gradient)
    case = _grad_case(np.random.default_rng(2))
    values, grad = _jax_grad("gspo", config, case)
    expected_values, expected_grad = gspo_reference(
        case["lp"], case["q"], case["adv"], case["w"], case["mask"], {**GSPO_DEFAULTS, **config}
    )
    np.testing.assert_allclose(values, expected_values, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(grad, expected_grad, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("config", [{}, {"kl_coeff": 0.2, "clip_high_threshold": 1.05}])
def test_stable_reinforce_gradient_truncates_the_ratio_and_adds_the_penalty(config: dict[str, float]) -> None:
    # covers local-server.md §2.2 (stable_reinforce: stop-gradient truncated ratio, k3 penalty gradient kl*(r-1))
    case = _grad_case(np.random.default_rng(4))
    values, grad = _jax_grad("stable_reinforce", config, case)
    expected_values, expected_grad = stable_reinforce_reference(
        case["lp"], case["q"], case["adv"], case["w"], case["mask"], {**STABLE_DEFAULTS, **config}
    )
    np.testing.assert_allclose(values, expected_values, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(grad, expected_grad, rtol=1e-5, atol=1e-6)


def test_every_official_loss_name_but_custom_is_built_in() -> None:
    # covers local-server.md §2.2 (the official LossFnType literal, less the uploaded "custom" loss)
    official = ("cross_entropy", "importance_sampling", "ppo", "cispo", "dro", "gspo", "stable_reinforce")
    assert set(official) <= set(LOSS_NAMES)
