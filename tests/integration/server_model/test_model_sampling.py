"""KV-cache sampling: seeds, greedy equivalences, stopping, logprob agreement with forward passes."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tinkex.server.model.catalog import BOS_ID, EOS_ID
from tinkex.server.model.engine import (
    AdamSettings,
    DatumArrays,
    Engine,
    LoraSettings,
    LoraWeights,
    SampledSeq,
    SampleRequestArrays,
    UserInputError,
)
from tinkex.server.model.sampling import apply_stop_strings

from ._helpers import text_datum

PROMPT = np.array([BOS_ID, *b"Once upon"], np.int32)


@pytest.fixture(scope="module")
def trained(tiny_engine: Engine) -> LoraWeights:
    """A non-trivial adapter (B != 0) so sampling exercises the LoRA path."""
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=2))
    for _ in range(2):
        tiny_engine.forward_backward(
            model, [text_datum(b"Once upon a time")], "cross_entropy", {}, forward_only=False
        )
        tiny_engine.optim_step(model, AdamSettings(learning_rate=1e-2))
    return tiny_engine.snapshot(model)


def _request(**overrides: object) -> SampleRequestArrays:
    base = SampleRequestArrays(
        prompt=PROMPT, num_samples=1, max_tokens=16, temperature=1.0, seed=11, stop_tokens=[]
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def test_same_seed_same_tokens_and_rows_differ(tiny_engine: Engine, trained: LoraWeights) -> None:
    # covers local-server.md §2.4 (seeded sampling; num_samples rows use seed + i)
    first = tiny_engine.sample(trained, _request(num_samples=4))
    again = tiny_engine.sample(trained, _request(num_samples=4))
    assert len(first.sequences) == 4
    for a, b in zip(first.sequences, again.sequences, strict=True):
        np.testing.assert_array_equal(a.tokens, b.tokens)
        np.testing.assert_array_equal(a.logprobs, b.logprobs)
    rows = {tuple(s.tokens.tolist()) for s in first.sequences}
    assert len(rows) > 1
    other_seed = tiny_engine.sample(trained, _request(num_samples=4, seed=12))
    # Row 0 of seed 12 draws with the same key as row 1 of seed 11.
    np.testing.assert_array_equal(other_seed.sequences[0].tokens, first.sequences[1].tokens)


def test_top_k_one_equals_greedy_equals_temperature_zero(tiny_engine: Engine, trained: LoraWeights) -> None:
    # covers local-server.md §2.4 (temperature 0 = greedy) and §3.4 (traced top-k)
    greedy = tiny_engine.sample(trained, _request(temperature=0.0)).sequences[0]
    top1 = tiny_engine.sample(trained, _request(temperature=1.3, top_k=1, seed=99)).sequences[0]
    nucleus = tiny_engine.sample(trained, _request(temperature=0.8, top_p=1e-6, seed=5)).sequences[0]
    np.testing.assert_array_equal(greedy.tokens, top1.tokens)
    np.testing.assert_array_equal(greedy.tokens, nucleus.tokens)
    np.testing.assert_allclose(greedy.logprobs, top1.logprobs, rtol=1e-6)
    assert greedy.stop_reason == "length" and greedy.tokens.size == 16


def test_stop_token_is_kept_and_reported(tiny_engine: Engine, trained: LoraWeights) -> None:
    # covers local-server.md §2.4 (stop token kept in output, stop_reason "stop"; max_tokens -> "length")
    free = tiny_engine.sample(trained, _request(temperature=0.0)).sequences[0]
    stop_token = int(free.tokens[3])
    first = int(np.argmax(free.tokens == stop_token))
    stopped = tiny_engine.sample(trained, _request(temperature=0.0, stop_tokens=[stop_token])).sequences[0]
    assert stopped.stop_reason == "stop"
    np.testing.assert_array_equal(stopped.tokens, free.tokens[: first + 1])
    short = tiny_engine.sample(trained, _request(temperature=0.0, max_tokens=5)).sequences[0]
    assert short.stop_reason == "length"
    np.testing.assert_array_equal(short.tokens, free.tokens[:5])


def test_default_stopping_is_eos(tiny_engine: Engine, trained: LoraWeights) -> None:
    # covers protocol.md §5.7 (stop omitted keeps EOS stopping; [] disables it)
    # Make EOS the greedy choice at step 3 by teaching it, then compare default vs disabled stopping.
    # The taught continuation has three distinct bytes (the untrained greedy output is often a run
    # of one byte, which leaves the positions hard to tell apart), at a learning rate that
    # converges steadily (3e-2 oscillated on some CPUs and EOS came early).
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=2))
    target = np.array([BOS_ID, *PROMPT[1:], *b" ab", EOS_ID], np.int32)
    datum = DatumArrays(tokens=target[:-1], inputs={"target_tokens": target[1:].astype(np.int64)})
    for _ in range(30):
        tiny_engine.forward_backward(model, [datum], "cross_entropy", {}, forward_only=False)
        tiny_engine.optim_step(model, AdamSettings(learning_rate=1e-2))
    weights = tiny_engine.snapshot(model)
    default = tiny_engine.sample(weights, _request(temperature=0.0, stop_tokens=None)).sequences[0]
    assert default.stop_reason == "stop" and int(default.tokens[-1]) == EOS_ID
    assert default.tokens.size == 4
    disabled = tiny_engine.sample(weights, _request(temperature=0.0, stop_tokens=[])).sequences[0]
    assert disabled.stop_reason == "length" and disabled.tokens.size == 16


def test_stop_string_truncates_after_completing_token(tiny_engine: Engine, trained: LoraWeights) -> None:
    # covers local-server.md §2.4 (stop strings: truncate after the token that completes the string)
    free = tiny_engine.sample(trained, _request(temperature=0.0)).sequences[0]
    ascii_positions = [i for i, t in enumerate(free.tokens.tolist()) if 32 <= t < 127]
    assert ascii_positions, "the greedy continuation should contain a printable byte"
    position = ascii_positions[0]
    stop = chr(int(free.tokens[position]))
    seq = tiny_engine.sample(trained, _request(temperature=0.0, stop_strings=[stop])).sequences[0]
    assert seq.stop_reason == "stop"
    np.testing.assert_array_equal(seq.tokens, free.tokens[: position + 1])
    np.testing.assert_array_equal(seq.logprobs, free.logprobs[: position + 1])


def test_stop_strings_spanning_tokens_and_multibyte_text() -> None:
    # covers local-server.md §2.4 (stop strings matched on decoded bytes)
    text = "ab é\n"  # é is two bytes: the string completes on its second byte
    tokens = np.array([*text.encode(), *b"zz"], np.int32)
    seq = SampledSeq(tokens=tokens, logprobs=np.arange(tokens.size, dtype=np.float32), stop_reason="length")
    cut = apply_stop_strings(seq, ["zz", " é"])
    assert cut.stop_reason == "stop"
    assert bytes(cut.tokens.tolist()).decode() == "ab é"
    np.testing.assert_array_equal(cut.logprobs, np.arange(5, dtype=np.float32))
    special = SampledSeq(
        tokens=np.array([97, EOS_ID, 98], np.int32), logprobs=np.zeros(3, np.float32), stop_reason="length"
    )
    assert apply_stop_strings(special, ["<|eos|>"]).tokens.tolist() == [97, EOS_ID]
    assert apply_stop_strings(seq, ["absent"]) is seq


def test_sample_and_prompt_logprobs_equal_forward_logprobs(tiny_engine: Engine, trained: LoraWeights) -> None:
    # covers local-server.md §2.4 (raw logprobs match forward; prompt_logprobs with NaN first)
    result = tiny_engine.sample(trained, _request(temperature=1.0, prompt_logprobs=True))
    seq = result.sequences[0]
    full = np.concatenate([PROMPT, seq.tokens])
    datum = DatumArrays(tokens=full[:-1], inputs={"target_tokens": full[1:].astype(np.int64)})
    model = tiny_engine.create_model(trained.lora)
    model.params = trained.params
    forward = tiny_engine.forward_backward(model, [datum], "cross_entropy", {}, forward_only=True).outputs[0]
    np.testing.assert_allclose(seq.logprobs, forward["logprobs"][PROMPT.size - 1 :], rtol=1e-4, atol=1e-4)
    assert result.prompt_logprobs is not None and result.prompt_logprobs.shape == PROMPT.shape
    assert np.isnan(result.prompt_logprobs[0])
    np.testing.assert_allclose(
        result.prompt_logprobs[1:], forward["logprobs"][: PROMPT.size - 1], rtol=1e-4, atol=1e-4
    )


def test_topk_prompt_logprobs_rank_the_full_distribution(tiny_engine: Engine, trained: LoraWeights) -> None:
    # covers protocol.md §5.8 (topk_prompt_logprobs per prompt position)
    result = tiny_engine.sample(
        trained, _request(max_tokens=1, prompt_logprobs=True, topk_prompt_logprobs=260)
    )
    assert result.topk_prompt_logprobs is not None and result.prompt_logprobs is not None
    ids, values = result.topk_prompt_logprobs
    assert ids.shape == values.shape == (PROMPT.size, 260)
    assert np.all(np.isnan(values[0]))
    assert np.all(np.diff(values[1:], axis=1) <= 0)
    np.testing.assert_allclose(np.exp(values[1:]).sum(axis=1), 1.0, rtol=1e-4)
    for pos in range(1, PROMPT.size):
        assert values[pos][ids[pos] == PROMPT[pos]][0] == result.prompt_logprobs[pos]
    top3 = tiny_engine.sample(trained, _request(max_tokens=1, topk_prompt_logprobs=3))
    assert top3.prompt_logprobs is None and top3.topk_prompt_logprobs is not None
    np.testing.assert_array_equal(top3.topk_prompt_logprobs[0][1:], ids[1:, :3])


def test_base_model_sampling_matches_a_fresh_adapter(tiny_engine: Engine) -> None:
    # covers local-server.md §5.6 (B = 0 adapter equals the base model; weights=None samples the base)
    fresh = tiny_engine.snapshot(tiny_engine.create_model(LoraSettings(rank=4, seed=2)))
    base = tiny_engine.sample(None, _request(temperature=0.0)).sequences[0]
    adapted = tiny_engine.sample(fresh, _request(temperature=0.0)).sequences[0]
    np.testing.assert_array_equal(base.tokens, adapted.tokens)
    np.testing.assert_allclose(base.logprobs, adapted.logprobs, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"prompt": np.array([], np.int32)}, "prompt"),
        ({"prompt": np.array([1, 300], np.int32)}, "prompt"),
        ({"max_tokens": 0}, "max_tokens"),
        ({"max_tokens": 600}, "max_context"),
        ({"temperature": -1.0}, "temperature"),
        ({"top_p": 0.0}, "top_p"),
        ({"top_k": -5}, "top_k"),
        ({"num_samples": 0}, "num_samples"),
        ({"stop_tokens": [999]}, "stop"),
        ({"stop_strings": [""]}, "stop"),
    ],
)
def test_invalid_sampling_requests_name_the_field(
    tiny_engine: Engine, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(UserInputError, match=field):
        tiny_engine.sample(None, _request(**overrides))
