"""End to end on the demo model: LoRA training memorises a phrase that greedy sampling then reproduces."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tinkex.server.model.catalog import BOS_ID, EOS_ID, MODEL_CATALOG
from tinkex.server.model.engine import AdamSettings, DatumArrays, Engine, LoraSettings, SampleRequestArrays

PHRASE = b"The quick brown fox jumps over the lazy dog."


def test_small_model_memorizes_phrase(compile_cache_dir: Path) -> None:
    # covers local-server.md §3.6 (memorize-and-sample-back demo, the quickstart's basis)
    engine = Engine(MODEL_CATALOG["local/byte-small"], compile_cache_dir=compile_cache_dir)
    model = engine.create_model(LoraSettings(rank=8, seed=0))
    seq = np.array([BOS_ID, *PHRASE, EOS_ID], np.int32)
    datum = DatumArrays(
        tokens=seq[:-1],
        inputs={"target_tokens": seq[1:].astype(np.int64), "weights": np.ones(seq.size - 1, np.float32)},
    )
    request = SampleRequestArrays(prompt=np.array([BOS_ID], np.int32), max_tokens=64, temperature=0.0)
    losses = []
    reproduced_at = None
    for step in range(1, 61):
        result = engine.forward_backward(model, [datum], "cross_entropy", {}, forward_only=False)
        engine.optim_step(model, AdamSettings(learning_rate=3e-3))
        losses.append(result.metrics["loss:sum"] / (seq.size - 1))
        if step % 10 == 0:
            sample = engine.sample(engine.snapshot(model), request).sequences[0]
            if sample.stop_reason == "stop" and sample.tokens.tolist() == [*PHRASE, EOS_ID]:
                reproduced_at = step
                break
    assert losses[0] > 4.0  # an untrained model is near ln(260) per token
    assert losses[-1] < 0.5 * losses[0]
    assert reproduced_at is not None, f"phrase not reproduced; per-token losses {losses[::10]}"
