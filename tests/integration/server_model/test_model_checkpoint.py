"""Checkpoint files: PEFT layout, bit-identical round trips, optimizer state, old npz checkpoints,
and refusal of mismatched adapters."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jax
import numpy as np
import pytest

from tinkex.server.model import checkpoint
from tinkex.server.model.engine import AdamSettings, Engine, LoraSettings, TrainableModel, UserInputError

from ._helpers import text_datum

DATA = [text_datum(b"save me"), text_datum(b"and restore me")]
ADAM = AdamSettings(learning_rate=1e-2, weight_decay=0.01)


def _leaves(tree: object) -> list[np.ndarray]:
    return [np.asarray(x) for x in jax.tree_util.tree_leaves(tree)]


def _assert_equal(a: object, b: object) -> None:
    left, right = _leaves(a), _leaves(b)
    assert len(left) == len(right)
    for x, y in zip(left, right, strict=True):
        assert x.dtype == y.dtype
        np.testing.assert_array_equal(x, y)


def _step(engine: Engine, model: TrainableModel) -> float:
    loss = engine.forward_backward(model, DATA, "cross_entropy", {}, forward_only=False).metrics["loss:sum"]
    engine.optim_step(model, ADAM)
    return loss


@pytest.fixture
def trained(tiny_engine: Engine) -> TrainableModel:
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=3))
    for _ in range(2):
        _step(tiny_engine, model)
    return model


def test_round_trip_with_optimizer_is_bit_identical(
    tiny_engine: Engine, trained: TrainableModel, tmp_path: Path
) -> None:
    # covers issue #15 (PEFT adapter + safetensors optimizer; load_state_with_optimizer)
    written = tiny_engine.save(trained, tmp_path / "ckpt", with_optimizer=True)
    files = sorted(p.name for p in (tmp_path / "ckpt").iterdir())
    assert files == ["adapter_config.json", "adapter_model.safetensors", "optimizer.safetensors"]
    assert written == sum(p.stat().st_size for p in (tmp_path / "ckpt").iterdir())
    meta = checkpoint.read_meta(tmp_path / "ckpt", tiny_engine.spec)
    assert meta["base_model"] == "local/byte-tiny" and meta["step"] == 2 and meta["lora"]["rank"] == 4
    restored = tiny_engine.load(tmp_path / "ckpt", with_optimizer=True)
    assert restored.lora == trained.lora and restored.step == 2 and restored.grads is None
    _assert_equal(restored.params, trained.params)
    _assert_equal(restored.opt_state, trained.opt_state)
    # Training continues identically from the restored state.
    assert _step(tiny_engine, restored) == _step(tiny_engine, trained)
    _assert_equal(restored.params, trained.params)


def test_load_without_optimizer_resets_moments_into_existing_model(
    tiny_engine: Engine, trained: TrainableModel, tmp_path: Path
) -> None:
    # covers local-server.md §5.4 (load_state without optimizer; adapter-only save)
    tiny_engine.save(trained, tmp_path / "weights", with_optimizer=False)
    assert not (tmp_path / "weights" / "optimizer.safetensors").exists()
    target = tiny_engine.create_model(LoraSettings(rank=4, seed=3))
    tiny_engine.forward_backward(target, DATA, "cross_entropy", {}, forward_only=False)
    loaded = tiny_engine.load(tmp_path / "weights", with_optimizer=False, into=target)
    assert loaded is target and target.grads is None and target.step == 2
    _assert_equal(target.params, trained.params)
    _assert_equal(target.opt_state, tiny_engine.create_model(LoraSettings(rank=4, seed=3)).opt_state)
    with pytest.raises(UserInputError, match="optimizer"):
        tiny_engine.load(tmp_path / "weights", with_optimizer=True)


def test_mismatched_rank_flags_or_architecture_are_user_errors(
    tiny_engine: Engine, trained: TrainableModel, tmp_path: Path
) -> None:
    # covers local-server.md §5.4 (load_state checks architecture and rank; category "user")
    tiny_engine.save(trained, tmp_path / "ckpt", with_optimizer=True)
    with pytest.raises(UserInputError, match="rank"):
        tiny_engine.load(
            tmp_path / "ckpt",
            with_optimizer=True,
            into=tiny_engine.create_model(LoraSettings(rank=8, seed=3)),
        )
    other_flags = tiny_engine.create_model(LoraSettings(rank=4, seed=3, train_unembed=False))
    with pytest.raises(UserInputError, match="train_"):
        tiny_engine.load(tmp_path / "ckpt", with_optimizer=False, into=other_flags)
    other_arch = Engine(replace(tiny_engine.spec, seed=1))
    with pytest.raises(UserInputError, match="architecture"):
        other_arch.load(tmp_path / "ckpt", with_optimizer=True)
    with pytest.raises(UserInputError, match=r"adapter_model\.safetensors"):
        tiny_engine.load(tmp_path / "missing", with_optimizer=False)


def test_sampler_weights_round_trip(tiny_engine: Engine, trained: TrainableModel, tmp_path: Path) -> None:
    # covers issue #15 (sampler_weights/<name>: the same PEFT adapter files, no optimizer)
    snapshot = tiny_engine.snapshot(trained)
    tiny_engine.save_sampler_weights(snapshot, tmp_path / "sampler")
    assert sorted(p.name for p in (tmp_path / "sampler").iterdir()) == [
        "adapter_config.json",
        "adapter_model.safetensors",
    ]
    loaded = tiny_engine.load_sampler_weights(tmp_path / "sampler")
    assert (
        loaded.lora == snapshot.lora
        and loaded.step == snapshot.step
        and loaded.spec_name == "local/byte-tiny"
    )
    _assert_equal(loaded.params, snapshot.params)


def _write_legacy_checkpoint(
    directory: Path, engine: Engine, model: TrainableModel, *, optimizer: bool
) -> None:
    """The first layout, as servers before issue #15 wrote it (engine/adapter.npz, fused QKV keys)."""
    legacy = directory / "engine"
    legacy.mkdir(parents=True)
    flat = {
        f"{name}.{part}": np.asarray(a) for name, pair in model.params.items() for part, a in pair.items()
    }
    np.savez(legacy / "adapter.npz", **flat)
    if optimizer:
        leaves = jax.tree_util.tree_leaves(model.opt_state)
        np.savez(legacy / "optimizer.npz", **{f"opt.{i:04d}": np.asarray(x) for i, x in enumerate(leaves)})
    meta = {
        "format": "tinkex-local-lora/1",
        "kind": "training",
        "arch": engine.spec.arch(),
        "base_model": engine.spec.name,
        "lora": checkpoint.lora_to_dict(model.lora),
        "step": model.step,
        "has_optimizer": optimizer,
    }
    (legacy / "meta.json").write_text(json.dumps(meta))


def test_old_npz_checkpoints_still_load(tiny_engine: Engine, trained: TrainableModel, tmp_path: Path) -> None:
    # covers issue #15 (old npz checkpoints still load: training, with optimizer, and for sampling)
    _write_legacy_checkpoint(tmp_path / "old", tiny_engine, trained, optimizer=True)
    restored = tiny_engine.load(tmp_path / "old", with_optimizer=True)
    assert restored.lora == trained.lora and restored.step == trained.step
    _assert_equal(restored.params, trained.params)
    _assert_equal(restored.opt_state, trained.opt_state)
    sampler = tiny_engine.load_sampler_weights(tmp_path / "old")
    _assert_equal(sampler.params, trained.params)
    _write_legacy_checkpoint(tmp_path / "no-opt", tiny_engine, trained, optimizer=False)
    with pytest.raises(UserInputError, match="optimizer"):
        tiny_engine.load(tmp_path / "no-opt", with_optimizer=True)
