"""The local server's adapters open in PEFT itself (dev-only: ``peft`` and ``torch`` come with the
dev extra). ``LoraConfig.from_pretrained`` parses the config, and PEFT loads the tensors into a
model with the same module layout without a missing or unexpected key, computing the same update."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tinkex.server.model.engine import Engine, LoraSettings
from tinkex.server.model.transformer import LORA_ALPHA, MLP_RATIO

if TYPE_CHECKING:
    from torch import nn

RANK = 4


def _torch_twin(d: int, layers: int, vocab: int) -> nn.Module:
    """Linear layers named the way the adapter names them (no compute needed here)."""
    from torch import nn

    def linear(fan_in: int, fan_out: int) -> nn.Linear:
        return nn.Linear(fan_in, fan_out, bias=False)

    def layer() -> nn.Module:
        block = nn.Module()
        block.self_attn = nn.Module()
        for name in ("q_proj", "k_proj", "v_proj", "o_proj"):
            setattr(block.self_attn, name, linear(d, d))
        block.mlp = nn.Module()
        block.mlp.up_proj = linear(d, MLP_RATIO * d)
        block.mlp.down_proj = linear(MLP_RATIO * d, d)
        return block

    model = nn.Module()
    model.model = nn.Module()
    model.model.layers = nn.ModuleList([layer() for _ in range(layers)])
    model.lm_head = linear(d, vocab)
    return model


def test_peft_reads_the_config_and_loads_the_adapter(tiny_engine: Engine, tmp_path: Path) -> None:
    # Imported here, not at the top: torch and peft take seconds to import, and every pytest-xdist
    # worker imports each test module while collecting, though only one runs this test.
    import peft
    import torch

    model = tiny_engine.create_model(LoraSettings(rank=RANK, seed=5))
    rng = np.random.default_rng(0)
    model.params = {
        name: {"a": pair["a"], "b": rng.normal(0, 0.01, size=pair["b"].shape).astype(np.float32)}
        for name, pair in model.params.items()
    }
    tiny_engine.save(model, tmp_path, with_optimizer=False)

    config = peft.LoraConfig.from_pretrained(str(tmp_path))
    assert config.peft_type == peft.PeftType.LORA and config.r == RANK and config.lora_alpha == LORA_ALPHA
    assert config.base_model_name_or_path == "local/byte-tiny"
    assert set(config.target_modules) == {
        "q_proj",
        "k_proj",
        "v_proj",
        "o_proj",
        "up_proj",
        "down_proj",
        "lm_head",
    }

    spec = tiny_engine.spec
    config.task_type = None  # the twin is a plain module, not a transformers model
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PEFT notes it re-points base_model_name_or_path
        wrapped = peft.get_peft_model(_torch_twin(spec.d_model, spec.n_layers, spec.vocab_size), config)
    loaded = peft.set_peft_model_state_dict(wrapped, peft.utils.load_peft_weights(str(tmp_path)))
    assert loaded.unexpected_keys == []
    assert [key for key in loaded.missing_keys if "lora_" in key] == []

    d = spec.d_model
    a, b = (np.asarray(model.params["layers.0.qkv"][part]) for part in ("a", "b"))
    v_proj = wrapped.base_model.model.model.layers[0].self_attn.v_proj
    with torch.no_grad():
        delta = (v_proj.lora_B["default"].weight @ v_proj.lora_A["default"].weight) * v_proj.scaling[
            "default"
        ]
    ours = (a @ b[:, 2 * d : 3 * d]) * (LORA_ALPHA / RANK)
    np.testing.assert_allclose(delta.numpy().T, ours, rtol=1e-6, atol=1e-8)
