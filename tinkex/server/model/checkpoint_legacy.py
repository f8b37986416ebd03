"""Reading the first checkpoint layout (``engine/adapter.npz``), so checkpoints saved by older servers load.

That layout kept the engine's files one level down, ``<checkpoint>/engine/``: ``adapter.npz``
with the local fused-QKV keys ``<target>.a`` / ``<target>.b``, ``optimizer.npz`` with the optax
leaves ``opt.0000``..., and ``meta.json`` with the architecture, LoRA settings and step. Nothing
writes it any more.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

import numpy as np

from .api_types import UserInputError

LEGACY_DIR: Final = "engine"
ADAPTER_FILE: Final = "adapter.npz"
OPTIMIZER_FILE: Final = "optimizer.npz"
META_FILE: Final = "meta.json"
FORMAT: Final = "tinkex-local-lora/1"


def is_legacy(checkpoint_dir: Path) -> bool:
    return (checkpoint_dir / LEGACY_DIR / ADAPTER_FILE).is_file()


def read_facts(checkpoint_dir: Path) -> dict[str, Any]:
    """The old meta.json: ``{"format", "arch", "lora": {...}, "step", ...}``."""
    meta_path = checkpoint_dir / LEGACY_DIR / META_FILE
    if not meta_path.is_file():
        raise UserInputError(f"checkpoint at {checkpoint_dir.name!r} has no {LEGACY_DIR}/{META_FILE}")
    meta: dict[str, Any] = json.loads(meta_path.read_text())
    if meta.get("format") != FORMAT:
        raise UserInputError(f"checkpoint format {meta.get('format')!r} is not {FORMAT!r}")
    return meta


def read_pairs(checkpoint_dir: Path) -> dict[str, dict[str, np.ndarray]]:
    """``{target: {"a": [in, r], "b": [r, out]}}`` exactly as stored."""
    with np.load(checkpoint_dir / LEGACY_DIR / ADAPTER_FILE) as archive:
        flat = {key: archive[key] for key in archive.files}
    pairs: dict[str, dict[str, np.ndarray]] = {}
    for key, array in flat.items():
        target, _, part = key.rpartition(".")
        if part not in ("a", "b") or not target:
            raise UserInputError(f"checkpoint adapter holds an unknown array {key!r}")
        pairs.setdefault(target, {})[part] = array
    return pairs


def read_optimizer(checkpoint_dir: Path) -> dict[str, np.ndarray] | None:
    path = checkpoint_dir / LEGACY_DIR / OPTIMIZER_FILE
    if not path.is_file():
        return None
    with np.load(path) as archive:
        return {key: archive[key] for key in archive.files}
