"""Adapter and optimizer files of a checkpoint, in the PEFT LoRA layout other tools read.

A checkpoint directory holds, at its top level:

* ``adapter_model.safetensors``: the LoRA tensors under PEFT names (``peft_format``); its
  safetensors metadata also carries what only this server needs back (architecture, LoRA seed
  and flags, step) under ``tinkex.checkpoint``;
* ``adapter_config.json``: PEFT's config (``peft_type`` LORA, ``r``, ``lora_alpha``,
  ``target_modules``, ``base_model_name_or_path``);
* ``optimizer.safetensors`` (training checkpoints saved with the optimizer): the AdamW state's
  leaves in optax order.

Checkpoints of the first layout (``engine/adapter.npz``) still load (``checkpoint_legacy``).
The caller makes the write atomic (staging directory + rename).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

import jax.numpy as jnp
import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save_file

from . import checkpoint_legacy, peft_format
from .api_types import LoraSettings, UserInputError
from .catalog import ModelSpec
from .transformer import LORA_ALPHA, LoraParams

ADAPTER_FILE: Final = "adapter_model.safetensors"
CONFIG_FILE: Final = "adapter_config.json"
OPTIMIZER_FILE: Final = "optimizer.safetensors"
FACTS_KEY: Final = "tinkex.checkpoint"
FORMAT: Final = "tinkex-local-lora/2"


def lora_to_dict(lora: LoraSettings) -> dict[str, Any]:
    return {
        "rank": lora.rank,
        "alpha": LORA_ALPHA,
        "seed": lora.seed,
        "train_attn": lora.train_attn,
        "train_mlp": lora.train_mlp,
        "train_unembed": lora.train_unembed,
    }


def write_checkpoint(
    directory: Path,
    spec: ModelSpec,
    lora: LoraSettings,
    params: LoraParams,
    step: int,
    kind: str,
    optimizer_arrays: dict[str, np.ndarray] | None = None,
) -> int:
    """Write the files and return the number of bytes written."""
    directory.mkdir(parents=True, exist_ok=True)
    facts = {
        "format": FORMAT,
        "kind": kind,
        "arch": spec.arch(),
        "base_model": spec.name,
        "lora": lora_to_dict(lora),
        "step": step,
        "has_optimizer": optimizer_arrays is not None,
    }
    # "format": "pt" is what PEFT and transformers expect in the metadata of an adapter file.
    metadata = {"format": "pt", FACTS_KEY: json.dumps(facts, sort_keys=True)}
    paths = [directory / ADAPTER_FILE, directory / CONFIG_FILE]
    pairs = {name: {part: np.asarray(array) for part, array in pair.items()} for name, pair in params.items()}
    save_file(peft_format.to_peft(pairs), str(paths[0]), metadata=metadata)
    config = peft_format.adapter_config(spec.name, lora.rank, int(LORA_ALPHA), list(params))
    paths[1].write_text(json.dumps(config, indent=2, sort_keys=True))
    if optimizer_arrays is not None:
        paths.append(directory / OPTIMIZER_FILE)
        arrays = {key: np.asarray(value, order="C") for key, value in optimizer_arrays.items()}
        # safetensors stores a 0-d array (AdamW's step count) as shape [1]; the metadata lists
        # those keys so reading gives back exactly the shapes that were saved.
        scalars = sorted(key for key, value in arrays.items() if value.ndim == 0)
        optimizer_facts = {"format": FORMAT, "scalars": scalars}
        save_file(arrays, str(paths[-1]), metadata={FACTS_KEY: json.dumps(optimizer_facts)})
    return sum(p.stat().st_size for p in paths)


def read_meta(directory: Path, spec: ModelSpec) -> dict[str, Any]:
    """What the checkpoint says about itself; refuses checkpoints made for another architecture."""
    if checkpoint_legacy.is_legacy(directory):
        meta = checkpoint_legacy.read_facts(directory)
    else:
        meta = _read_facts(directory)
    if meta.get("arch") != spec.arch():
        raise UserInputError(
            f"checkpoint was made for base model {meta.get('base_model')!r} with a different architecture; "
            f"this model is {spec.name!r}"
        )
    return meta


def _read_facts(directory: Path) -> dict[str, Any]:
    path = directory / ADAPTER_FILE
    if not path.is_file():
        raise UserInputError(
            f"checkpoint at {directory.name!r} has no {ADAPTER_FILE}; it is not a local checkpoint"
        )
    with safe_open(str(path), framework="numpy") as handle:
        metadata = handle.metadata() or {}
    try:
        facts: dict[str, Any] = json.loads(metadata[FACTS_KEY])
    except (KeyError, ValueError):
        raise UserInputError(
            f"{ADAPTER_FILE} carries no {FACTS_KEY} metadata; it was not saved by tinkex"
        ) from None
    if facts.get("format") != FORMAT:
        raise UserInputError(f"checkpoint format {facts.get('format')!r} is not {FORMAT!r}")
    return facts


def lora_from_meta(meta: dict[str, Any]) -> LoraSettings:
    saved = meta["lora"]
    return LoraSettings(
        rank=int(saved["rank"]),
        seed=int(saved["seed"]),
        train_attn=bool(saved["train_attn"]),
        train_mlp=bool(saved["train_mlp"]),
        train_unembed=bool(saved["train_unembed"]),
    )


def read_adapter(directory: Path, expected_shapes: dict[str, tuple[int, int]], rank: int) -> LoraParams:
    """The adapter, checking every matrix against the expected (in, out) layout at ``rank``."""
    if checkpoint_legacy.is_legacy(directory):
        pairs = checkpoint_legacy.read_pairs(directory)
        if set(pairs) != set(expected_shapes):
            raise UserInputError("checkpoint adapter targets do not match the LoRA settings (train_* flags)")
        for name, (fan_in, fan_out) in expected_shapes.items():
            pair = pairs[name]
            if (
                set(pair) != {"a", "b"}
                or pair["a"].shape != (fan_in, rank)
                or pair["b"].shape != (rank, fan_out)
            ):
                raise UserInputError(f"checkpoint adapter {name!r} does not have rank {rank}")
    else:
        pairs = peft_format.from_peft(load_file(str(directory / ADAPTER_FILE)), expected_shapes, rank)
    return {name: {part: jnp.asarray(array) for part, array in pair.items()} for name, pair in pairs.items()}


def read_optimizer(directory: Path) -> dict[str, np.ndarray]:
    if checkpoint_legacy.is_legacy(directory):
        arrays = checkpoint_legacy.read_optimizer(directory)
    else:
        arrays = _read_optimizer_file(directory / OPTIMIZER_FILE)
    if arrays is None:
        raise UserInputError("checkpoint has no optimizer state; load it without the optimizer")
    return arrays


def _read_optimizer_file(path: Path) -> dict[str, np.ndarray] | None:
    if not path.is_file():
        return None
    with safe_open(str(path), framework="numpy") as handle:
        facts = json.loads((handle.metadata() or {}).get(FACTS_KEY, "{}"))
    arrays = load_file(str(path))
    for key in facts.get("scalars", []):
        if key in arrays and arrays[key].size == 1:
            arrays[key] = arrays[key].reshape(())
    return arrays
