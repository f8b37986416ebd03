"""Checkpoints use the PEFT LoRA layout (issue #15): read back with the ``safetensors`` package,
every tensor has a PEFT name and the shape the model's adapters imply, and the split QKV adapters
reproduce the fused one exactly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from safetensors import safe_open

from tinkex.server.model import peft_format
from tinkex.server.model.api_types import UserInputError
from tinkex.server.model.engine import Engine, LoraSettings, TrainableModel
from tinkex.server.model.transformer import LORA_ALPHA, MLP_RATIO

RANK = 4


def _trained_like(engine: Engine, lora: LoraSettings) -> TrainableModel:
    """A model whose B matrices are non-zero, so the tensors carry real values."""
    model = engine.create_model(lora)
    rng = np.random.default_rng(7)
    model.params = {
        name: {"a": pair["a"], "b": rng.normal(0, 0.01, size=pair["b"].shape).astype(np.float32)}
        for name, pair in model.params.items()
    }
    return model


def _expected_shapes(engine: Engine, lora: LoraSettings) -> dict[str, tuple[int, ...]]:
    """PEFT name -> shape, from the model's dimensions (not from the code under test)."""
    d, hidden, vocab = engine.spec.d_model, MLP_RATIO * engine.spec.d_model, engine.spec.vocab_size
    shapes: dict[str, tuple[int, ...]] = {}

    def module(path: str, fan_in: int, fan_out: int) -> None:
        shapes[f"base_model.model.{path}.lora_A.weight"] = (RANK, fan_in)
        shapes[f"base_model.model.{path}.lora_B.weight"] = (fan_out, RANK)

    for layer in range(engine.spec.n_layers):
        if lora.train_attn:
            for name in ("q_proj", "k_proj", "v_proj", "o_proj"):
                module(f"model.layers.{layer}.self_attn.{name}", d, d)
        if lora.train_mlp:
            module(f"model.layers.{layer}.mlp.up_proj", d, hidden)
            module(f"model.layers.{layer}.mlp.down_proj", hidden, d)
    if lora.train_unembed:
        module("lm_head", d, vocab)
    return shapes


@pytest.mark.parametrize(
    "flags",
    [{}, {"train_mlp": False, "train_unembed": False}, {"train_attn": False}],
    ids=["all", "attention-only", "no-attention"],
)
def test_adapter_tensors_have_peft_names_and_the_model_shapes(
    tiny_engine: Engine, tmp_path: Path, flags: dict[str, bool]
) -> None:
    lora = LoraSettings(rank=RANK, seed=1, **flags)
    model = _trained_like(tiny_engine, lora)
    tiny_engine.save(model, tmp_path, with_optimizer=True)
    with safe_open(str(tmp_path / "adapter_model.safetensors"), framework="numpy") as adapter:
        names = adapter.keys()  # safe_open handles are not iterable
        shapes = {key: tuple(adapter.get_slice(key).get_shape()) for key in names}
        assert adapter.metadata()["format"] == "pt"
    assert shapes == _expected_shapes(tiny_engine, lora)

    config = json.loads((tmp_path / "adapter_config.json").read_text())
    assert config["peft_type"] == "LORA" and config["r"] == RANK and config["lora_alpha"] == LORA_ALPHA
    assert config["base_model_name_or_path"] == "local/byte-tiny"
    modules_in_keys = {key.split(".lora_")[0].rsplit(".", 1)[-1] for key in shapes}
    assert sorted(config["target_modules"]) == sorted(modules_in_keys)

    with safe_open(str(tmp_path / "optimizer.safetensors"), framework="numpy") as optimizer:
        assert len(list(optimizer.keys())) > 0


def test_split_qkv_adapters_reproduce_the_fused_update(tiny_engine: Engine, tmp_path: Path) -> None:
    model = _trained_like(tiny_engine, LoraSettings(rank=RANK, seed=2))
    tiny_engine.save(model, tmp_path, with_optimizer=False)
    d = tiny_engine.spec.d_model
    a, b = (np.asarray(model.params["layers.1.qkv"][part]) for part in ("a", "b"))
    with safe_open(str(tmp_path / "adapter_model.safetensors"), framework="numpy") as adapter:
        for index, name in enumerate(("q_proj", "k_proj", "v_proj")):
            prefix = f"base_model.model.model.layers.1.self_attn.{name}"
            lora_a, lora_b = (
                adapter.get_tensor(f"{prefix}.lora_A.weight"),
                adapter.get_tensor(f"{prefix}.lora_B.weight"),
            )
            # PEFT computes B @ A @ x; the local model x @ a @ b, whose output slice is this projection.
            np.testing.assert_array_equal(lora_b @ lora_a, (a @ b[:, index * d : (index + 1) * d]).T)


def test_loading_refuses_qkv_adapters_that_cannot_be_fused(tiny_engine: Engine) -> None:
    lora = LoraSettings(rank=RANK, seed=3, train_mlp=False, train_unembed=False)
    model = _trained_like(tiny_engine, lora)
    pairs = {name: {k: np.asarray(v) for k, v in pair.items()} for name, pair in model.params.items()}
    tensors = peft_format.to_peft(pairs)
    shapes = {name: (pair["a"].shape[0], pair["b"].shape[1]) for name, pair in pairs.items()}
    restored = peft_format.from_peft(tensors, shapes, RANK)
    for name in pairs:
        np.testing.assert_array_equal(restored[name]["a"], pairs[name]["a"])
        np.testing.assert_array_equal(restored[name]["b"], pairs[name]["b"])
    tensors["base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight"] += 1.0
    with pytest.raises(UserInputError, match="q/k/v lora_A differ"):
        peft_format.from_peft(tensors, shapes, RANK)
    del tensors["base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight"]
    with pytest.raises(UserInputError, match="do not match the LoRA settings"):
        peft_format.from_peft(tensors, shapes, RANK)
