"""The PEFT LoRA layout of the local adapters: tensor names, shapes and ``adapter_config.json``.

The local transformer names its adapted matrices ``layers.<i>.qkv`` (fused query/key/value),
``layers.<i>.attn_out``, ``layers.<i>.mlp_in``, ``layers.<i>.mlp_out`` and ``unembed``, and
stores each adapter as ``a`` [in, r] and ``b`` [r, out] (``x @ a @ b``). PEFT names modules the
way a Hugging Face causal LM does and stores ``lora_A.weight`` [r, in] and ``lora_B.weight``
[out, r] (``B @ A @ x``), so saving transposes, and the fused QKV adapter becomes separate
q/k/v adapters that share ``lora_A`` (the same low-rank input, a slice of ``b`` each).
Loading fuses them again, which is exact only when the three ``lora_A`` are equal.
"""

from __future__ import annotations

import re
from typing import Any, Final

import numpy as np

from .api_types import UserInputError

PEFT_PREFIX: Final = "base_model.model."
QKV_PARTS: Final = ("q_proj", "k_proj", "v_proj")
# Local target -> the module path PEFT keys use (a Llama-style causal LM layout).
_LAYER_TARGETS: Final = {
    "attn_out": "self_attn.o_proj",
    "mlp_in": "mlp.up_proj",
    "mlp_out": "mlp.down_proj",
}
_UNEMBED_MODULE: Final = "lm_head"
_LAYER_NAME = re.compile(r"layers\.(\d+)\.(\w+)")

Arrays = dict[str, np.ndarray]
AdapterPairs = dict[str, dict[str, np.ndarray]]


def _module_paths(target: str) -> list[str]:
    """The PEFT module path(s) of one local target (three for the fused QKV matrix)."""
    if target == "unembed":
        return [_UNEMBED_MODULE]
    match = _LAYER_NAME.fullmatch(target)
    if match is None:
        raise ValueError(f"unknown LoRA target {target!r}")
    layer, part = match.groups()
    if part == "qkv":
        return [f"model.layers.{layer}.self_attn.{name}" for name in QKV_PARTS]
    return [f"model.layers.{layer}.{_LAYER_TARGETS[part]}"]


def _keys(module: str) -> tuple[str, str]:
    return f"{PEFT_PREFIX}{module}.lora_A.weight", f"{PEFT_PREFIX}{module}.lora_B.weight"


def target_modules(targets: list[str]) -> list[str]:
    """The distinct module names (last path part) PEFT's ``target_modules`` lists, sorted."""
    return sorted({path.rsplit(".", 1)[-1] for target in targets for path in _module_paths(target)})


def to_peft(pairs: AdapterPairs) -> Arrays:
    """Local ``{target: {"a", "b"}}`` -> PEFT tensors (contiguous float32, ready for safetensors)."""
    tensors: Arrays = {}
    for target, pair in pairs.items():
        a, b = np.asarray(pair["a"]), np.asarray(pair["b"])
        modules = _module_paths(target)
        outputs = np.split(b, len(modules), axis=1)  # the fused QKV output splits into q, k, v
        for module, b_part in zip(modules, outputs, strict=True):
            key_a, key_b = _keys(module)
            tensors[key_a] = np.ascontiguousarray(a.T)
            tensors[key_b] = np.ascontiguousarray(b_part.T)
    return tensors


def from_peft(tensors: Arrays, expected_shapes: dict[str, tuple[int, int]], rank: int) -> AdapterPairs:
    """PEFT tensors -> local pairs, checked against the (in, out) of every expected target at ``rank``."""
    expected_keys = {
        key for target in expected_shapes for module in _module_paths(target) for key in _keys(module)
    }
    if set(tensors) != expected_keys:
        missing, unexpected = sorted(expected_keys - set(tensors)), sorted(set(tensors) - expected_keys)
        raise UserInputError(
            "checkpoint adapter tensors do not match the LoRA settings (train_* flags): "
            f"missing {missing[:3]}, unexpected {unexpected[:3]}"
        )
    pairs: AdapterPairs = {}
    for target, (fan_in, fan_out) in expected_shapes.items():
        modules = _module_paths(target)
        a_parts = [tensors[_keys(module)[0]] for module in modules]
        b_parts = [tensors[_keys(module)[1]] for module in modules]
        part_out = fan_out // len(modules)
        if any(a.shape != (rank, fan_in) for a in a_parts) or any(
            b.shape != (part_out, rank) for b in b_parts
        ):
            raise UserInputError(
                f"checkpoint adapter {target!r} does not have rank {rank} and this model's shape"
            )
        if any(not np.array_equal(a_parts[0], a) for a in a_parts[1:]):
            raise UserInputError(
                f"checkpoint adapter {target!r}: q/k/v lora_A differ, but this model fuses them into one adapter"
            )
        pairs[target] = {
            "a": np.ascontiguousarray(a_parts[0].T),
            "b": np.ascontiguousarray(np.concatenate([b.T for b in b_parts], axis=1)),
        }
    return pairs


def adapter_config(base_model: str, rank: int, alpha: float, targets: list[str]) -> dict[str, Any]:
    """A PEFT ``adapter_config.json`` for these adapters (peft_type LORA, no dropout, no bias)."""
    return {
        "peft_type": "LORA",
        "task_type": "CAUSAL_LM",
        "base_model_name_or_path": base_model,
        "r": rank,
        "lora_alpha": alpha,
        "lora_dropout": 0.0,
        "target_modules": target_modules(targets),
        "bias": "none",
        "fan_in_fan_out": False,
        "use_rslora": False,
        "init_lora_weights": True,
        "inference_mode": True,
        "modules_to_save": None,
    }
