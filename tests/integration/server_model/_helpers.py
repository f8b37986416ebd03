"""Small builders shared by the engine tests."""

from __future__ import annotations

import numpy as np

from tinkex.server.model.catalog import BOS_ID
from tinkex.server.model.engine import DatumArrays


def text_datum(text: bytes, *, weights: np.ndarray | None = None, **extra: np.ndarray) -> DatumArrays:
    """BOS + bytes, shifted by one: inputs = seq[:-1], targets = seq[1:]."""
    seq = np.array([BOS_ID, *text], np.int32)
    inputs: dict[str, np.ndarray] = {"target_tokens": seq[1:].astype(np.int64)}
    if weights is not None:
        inputs["weights"] = weights.astype(np.float32)
    inputs.update(extra)
    return DatumArrays(tokens=seq[:-1], inputs=inputs)
