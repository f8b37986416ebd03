"""Adapter and optimizer files: ``adapter.npz`` (+ ``optimizer.npz``) and ``meta.json`` in one directory.

npz needs only numpy and stores float32 bit-exactly; the caller makes the write atomic (temp dir + rename).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jax.numpy as jnp
import numpy as np

from .api_types import LoraSettings, UserInputError
from .catalog import ModelSpec
from .transformer import LORA_ALPHA, LoraParams

ADAPTER_FILE = "adapter.npz"
OPTIMIZER_FILE = "optimizer.npz"
META_FILE = "meta.json"
FORMAT = "tinkex-local-lora/1"


def lora_to_dict(lora: LoraSettings) -> dict[str, Any]:
    return {
        "rank": lora.rank,
        "alpha": LORA_ALPHA,
        "seed": lora.seed,
        "train_attn": lora.train_attn,
        "train_mlp": lora.train_mlp,
        "train_unembed": lora.train_unembed,
    }


def _save_npz(path: Path, arrays: dict[str, Any]) -> None:
    # Typed as Any: numpy's stub lets **kwargs collide with ``allow_pickle: bool``.
    np.savez(path, allow_pickle=False, **arrays)


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
    flat = {
        f"{name}.{part}": np.asarray(array) for name, pair in params.items() for part, array in pair.items()
    }
    paths = [directory / ADAPTER_FILE]
    _save_npz(paths[0], flat)
    if optimizer_arrays is not None:
        paths.append(directory / OPTIMIZER_FILE)
        _save_npz(paths[-1], optimizer_arrays)
    meta = {
        "format": FORMAT,
        "kind": kind,
        "arch": spec.arch(),
        "base_model": spec.name,
        "lora": lora_to_dict(lora),
        "step": step,
        "has_optimizer": optimizer_arrays is not None,
    }
    paths.append(directory / META_FILE)
    paths[-1].write_text(json.dumps(meta, indent=2, sort_keys=True))
    return sum(p.stat().st_size for p in paths)


def read_meta(directory: Path, spec: ModelSpec) -> dict[str, Any]:
    """Load meta.json and refuse checkpoints made for another architecture."""
    meta_path = directory / META_FILE
    if not meta_path.is_file():
        raise UserInputError(
            f"checkpoint at {directory.name!r} has no {META_FILE}; it is not a local checkpoint"
        )
    meta: dict[str, Any] = json.loads(meta_path.read_text())
    if meta.get("format") != FORMAT:
        raise UserInputError(f"checkpoint format {meta.get('format')!r} is not {FORMAT!r}")
    if meta.get("arch") != spec.arch():
        raise UserInputError(
            f"checkpoint was made for base model {meta.get('base_model')!r} with a different architecture; "
            f"this model is {spec.name!r}"
        )
    return meta


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
    """Read adapter.npz, checking every matrix against the expected (in, out) layout at ``rank``."""
    with np.load(directory / ADAPTER_FILE) as archive:
        flat = {key: archive[key] for key in archive.files}
    expected_keys = {f"{name}.{part}" for name in expected_shapes for part in ("a", "b")}
    if set(flat) != expected_keys:
        raise UserInputError("checkpoint adapter targets do not match the LoRA settings (train_* flags)")
    params: LoraParams = {}
    for name, (fan_in, fan_out) in expected_shapes.items():
        a, b = flat[f"{name}.a"], flat[f"{name}.b"]
        if a.shape != (fan_in, rank) or b.shape != (rank, fan_out):
            raise UserInputError(f"checkpoint adapter {name!r} does not have rank {rank}")
        params[name] = {"a": jnp.asarray(a), "b": jnp.asarray(b)}
    return params


def read_optimizer(directory: Path) -> dict[str, np.ndarray]:
    path = directory / OPTIMIZER_FILE
    if not path.is_file():
        raise UserInputError("checkpoint has no optimizer state; load it without the optimizer")
    with np.load(path) as archive:
        return {key: archive[key] for key in archive.files}
