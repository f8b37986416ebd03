"""Gradient accumulation, AdamW steps, forward-only passes, snapshots, LoRA flags and determinism."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from tinkex.server.model.engine import AdamSettings, Engine, LoraSettings, TrainableModel, UserInputError

from ._helpers import text_datum

DATA = [text_datum(b"first datum"), text_datum(b"the second one")]


def _leaves(tree: object) -> list[np.ndarray]:
    return [np.asarray(x) for x in jax.tree_util.tree_leaves(tree)]


def _assert_trees_equal(a: object, b: object) -> None:
    for x, y in zip(_leaves(a), _leaves(b), strict=True):
        np.testing.assert_array_equal(x, y)


def _train(engine: Engine, model: TrainableModel, steps: int) -> list[float]:
    losses = []
    for _ in range(steps):
        out = engine.forward_backward(model, DATA, "cross_entropy", {}, forward_only=False)
        engine.optim_step(model, AdamSettings(learning_rate=1e-2))
        losses.append(out.metrics["loss:sum"])
    return losses


def test_two_calls_then_step_equals_one_call_with_both(tiny_engine: Engine) -> None:
    # covers local-server.md §2.2 (gradients are summed across forward_backward calls until optim_step)
    lora = LoraSettings(rank=4, seed=1)
    split, joined = tiny_engine.create_model(lora), tiny_engine.create_model(lora)
    for datum in DATA:
        tiny_engine.forward_backward(split, [datum], "cross_entropy", {}, forward_only=False)
    tiny_engine.forward_backward(joined, DATA, "cross_entropy", {}, forward_only=False)
    # One datum per call runs the 1-row program, both together the 8-row one: XLA may sum in
    # another order, a float32 difference of ~1e-6 on gradients of order 1.
    for x, y in zip(_leaves(split.grads), _leaves(joined.grads), strict=True):
        np.testing.assert_allclose(x, y, rtol=1e-4, atol=1e-5)
    adam = AdamSettings(learning_rate=1e-3)
    norm_split = tiny_engine.optim_step(split, adam)["grad_norm:mean"]
    norm_joined = tiny_engine.optim_step(joined, adam)["grad_norm:mean"]
    assert norm_split == pytest.approx(norm_joined, rel=1e-5)
    for x, y in zip(_leaves(split.params), _leaves(joined.params), strict=True):
        np.testing.assert_allclose(x, y, rtol=1e-4, atol=1e-6)
    assert split.grads is None and split.step == 1


def test_forward_only_leaves_gradients_untouched(tiny_engine: Engine) -> None:
    # covers local-server.md §2.2 (forward runs the same computation without gradients)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    tiny_engine.forward_backward(model, DATA, "cross_entropy", {}, forward_only=True)
    assert model.grads is None
    trained = tiny_engine.forward_backward(model, DATA, "cross_entropy", {}, forward_only=False)
    before = _leaves(model.grads)
    forward = tiny_engine.forward_backward(model, DATA, "cross_entropy", {}, forward_only=True)
    for x, y in zip(before, _leaves(model.grads), strict=True):
        np.testing.assert_array_equal(x, y)
    assert forward.metrics["loss:sum"] == trained.metrics["loss:sum"]


def test_optim_step_matches_optax_adamw_with_decay_and_clipping(tiny_engine: Engine) -> None:
    # covers local-server.md §2.3 (AdamParams: decoupled weight decay, grad_clip_norm, metrics)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    _train(tiny_engine, model, 1)  # non-zero B and a warm optimizer state
    tiny_engine.forward_backward(model, DATA, "cross_entropy", {}, forward_only=False)
    params, state, grads = model.params, model.opt_state, model.grads
    adam = AdamSettings(
        learning_rate=2e-3, beta1=0.8, beta2=0.9, eps=1e-8, weight_decay=0.1, grad_clip_norm=0.5
    )
    reference = optax.chain(
        optax.clip_by_global_norm(0.5), optax.adamw(2e-3, b1=0.8, b2=0.9, eps=1e-8, weight_decay=0.1)
    )
    updates, _ = reference.update(grads, state, params)
    expected = optax.apply_updates(params, updates)
    metrics = tiny_engine.optim_step(model, adam)
    assert metrics["grad_norm:mean"] == pytest.approx(float(optax.tree.norm(grads)), rel=1e-5)
    assert metrics["grad_norm:mean"] > 0.5  # clipping was active
    assert metrics["learning_rate:mean"] == pytest.approx(2e-3)
    for x, y in zip(_leaves(model.params), _leaves(expected), strict=True):
        np.testing.assert_allclose(x, y, rtol=1e-5, atol=1e-7)


def test_clipping_bounds_the_update(tiny_engine: Engine) -> None:
    # covers local-server.md §2.3 (global-norm clipping; 0 = off)
    # With eps = 1 the first Adam update is lr * g / (|g| + 1), so its norm is at most lr * |g_clipped|.
    lr, clip = 1e-2, 1e-3
    clipped, free = (tiny_engine.create_model(LoraSettings(rank=4, seed=1)) for _ in range(2))
    start = _leaves(clipped.params)
    for model, clip_norm in ((clipped, clip), (free, 0.0)):
        tiny_engine.forward_backward(model, DATA, "cross_entropy", {}, forward_only=False)
        norm = tiny_engine.optim_step(
            model, AdamSettings(learning_rate=lr, eps=1.0, grad_clip_norm=clip_norm)
        )["grad_norm:mean"]
        assert norm > 100 * clip
    moved = np.sqrt(
        sum(float(np.sum((a - b) ** 2)) for a, b in zip(_leaves(clipped.params), start, strict=True))
    )
    moved_free = np.sqrt(
        sum(float(np.sum((a - b) ** 2)) for a, b in zip(_leaves(free.params), start, strict=True))
    )
    assert 0 < moved <= lr * clip * 1.0001
    assert moved_free > 10 * moved


def test_weight_decay_without_gradients_shrinks_parameters(tiny_engine: Engine) -> None:
    # covers local-server.md §2.3 (decoupled weight decay; optim_step with nothing accumulated)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    before = _leaves(model.params)
    metrics = tiny_engine.optim_step(model, AdamSettings(learning_rate=0.1, weight_decay=0.5))
    assert metrics["grad_norm:mean"] == 0.0
    for old, new in zip(before, _leaves(model.params), strict=True):
        np.testing.assert_allclose(new, old * (1 - 0.1 * 0.5), rtol=1e-6, atol=1e-7)


def test_snapshot_is_unaffected_by_later_training(tiny_engine: Engine) -> None:
    # covers local-server.md §2.4 (a sampler created from saved weights sees a snapshot)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    _train(tiny_engine, model, 1)
    snap = tiny_engine.snapshot(model)
    frozen = _leaves(snap.params)
    _train(tiny_engine, model, 2)
    for x, y in zip(frozen, _leaves(snap.params), strict=True):
        np.testing.assert_array_equal(x, y)
    assert snap.step == 1 and model.step == 3
    assert any(not np.array_equal(x, y) for x, y in zip(frozen, _leaves(model.params), strict=True))


def test_same_calls_give_bit_identical_results(tiny_engine: Engine) -> None:
    # covers local-server.md §5.6 (determinism)
    runs = []
    for _ in range(2):
        model = tiny_engine.create_model(LoraSettings(rank=4, seed=5))
        runs.append((_train(tiny_engine, model, 3), model))
    assert runs[0][0] == runs[1][0]
    assert runs[0][0][-1] < runs[0][0][0]
    _assert_trees_equal(runs[0][1].params, runs[1][1].params)
    _assert_trees_equal(runs[0][1].opt_state, runs[1][1].opt_state)


def test_fresh_adapter_computes_the_base_model(tiny_engine: Engine) -> None:
    # covers local-server.md §5.6 (LoRA init: B = 0, so a fresh adapter equals the base model)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=9))
    assert all(np.all(np.asarray(p["b"]) == 0) for p in model.params.values())
    assert set(model.params) == {
        *(f"layers.{i}.{t}" for i in range(2) for t in ("qkv", "attn_out", "mlp_in", "mlp_out")),
        "unembed",
    }
    other = tiny_engine.create_model(LoraSettings(rank=4, seed=10))
    assert not np.array_equal(
        np.asarray(model.params["unembed"]["a"]), np.asarray(other.params["unembed"]["a"])
    )
    a = tiny_engine.forward_backward(model, DATA, "cross_entropy", {}, forward_only=True)
    b = tiny_engine.forward_backward(other, DATA, "cross_entropy", {}, forward_only=True)
    for x, y in zip(a.outputs, b.outputs, strict=True):
        np.testing.assert_allclose(x["logprobs"], y["logprobs"], rtol=1e-6, atol=1e-6)


def test_lora_flags_select_the_adapted_matrices(tiny_engine: Engine) -> None:
    # covers local-server.md §5.6 (train_attn / train_mlp / train_unembed honoured)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1, train_mlp=False, train_unembed=False))
    assert set(model.params) == {"layers.0.qkv", "layers.0.attn_out", "layers.1.qkv", "layers.1.attn_out"}
    head_before = np.asarray(tiny_engine.base["head"]).copy()
    _train(tiny_engine, model, 1)
    assert "unembed" not in model.params
    np.testing.assert_array_equal(np.asarray(tiny_engine.base["head"]), head_before)
    # Every adapted matrix learned (B starts at zero, so it is B that moves on the first step).
    assert all(np.any(np.asarray(pair["b"]) != 0) for pair in model.params.values())


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"rank": 0}, "lora_config.rank"),
        ({"rank": 65}, "lora_config.rank"),
        ({"rank": 4, "train_attn": False, "train_mlp": False, "train_unembed": False}, "train_attn"),
    ],
)
def test_invalid_lora_settings_are_user_errors(kwargs: dict[str, int | bool], field: str) -> None:
    # covers local-server.md §5.9 (adapter rank <= 64) and protocol.md §5.6 (one train_* must be true)
    with pytest.raises(UserInputError, match=field):
        LoraSettings(seed=0, **kwargs)  # type: ignore[arg-type]


def test_optimizer_hyperparameters_are_validated(tiny_engine: Engine) -> None:
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    with pytest.raises(UserInputError, match=r"adam_params\.beta2"):
        tiny_engine.optim_step(model, AdamSettings(beta2=1.0))
    with pytest.raises(UserInputError, match=r"adam_params\.learning_rate"):
        tiny_engine.optim_step(model, AdamSettings(learning_rate=-1.0))
    assert model.step == 0
    assert jnp.all(model.params["unembed"]["b"] == 0)
