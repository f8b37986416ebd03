"""SamplingClient against the local server: sample options, logprobs, determinism, ids."""

from __future__ import annotations

import numpy as np
import pytest

import tinkex
from tinkex import types

from ._helpers import MODEL, text_datum, tokens_of

PROMPT = types.ModelInput.from_ints(tokens_of("once upon")[:6])


@pytest.fixture
def sampler(training_client: tinkex.TrainingClient) -> tinkex.SamplingClient:
    """A sampler over the fresh model's current weights (so forward logprobs are comparable)."""
    return training_client.save_weights_and_get_sampling_client().result(timeout=120)


def test_sample_num_samples_logprobs_and_sequence_ids(sampler: tinkex.SamplingClient) -> None:
    # covers SMP-02
    params = types.SamplingParams(max_tokens=5, temperature=1.0, seed=11, stop=[])
    response = sampler.sample(PROMPT, num_samples=3, sampling_params=params).result(timeout=120)
    assert len(response.sequences) == 3
    ids = [seq.sequence_id for seq in response.sequences]
    assert all(isinstance(i, str) and i for i in ids) and len(set(ids)) == 3
    for seq in response.sequences:
        assert len(seq.tokens) == 5
        assert seq.stop_reason == "length"
        assert seq.logprobs is not None and len(seq.logprobs) == 5
        assert all(lp <= 0 for lp in seq.logprobs)
    assert response.prompt_logprobs is None  # not asked for


def test_sample_seed_is_deterministic(sampler: tinkex.SamplingClient) -> None:
    # covers SMP-02 (seeded sampling)
    params = types.SamplingParams(max_tokens=6, temperature=1.0, seed=1234, stop=[])
    first = sampler.sample(PROMPT, 2, params).result(timeout=120)
    second = sampler.sample(PROMPT, 2, params).result(timeout=120)
    assert [s.tokens for s in first.sequences] == [s.tokens for s in second.sequences]
    other = types.SamplingParams(max_tokens=6, temperature=1.0, seed=4321, stop=[])
    third = sampler.sample(PROMPT, 2, other).result(timeout=120)
    assert [s.tokens for s in third.sequences] != [s.tokens for s in first.sequences]


def test_sample_stops_on_a_stop_token(sampler: tinkex.SamplingClient) -> None:
    # covers SMP-02 (stop sequences)
    greedy = types.SamplingParams(max_tokens=6, temperature=0.0, stop=[])
    tokens = list(sampler.sample(PROMPT, 1, greedy).result(timeout=120).sequences[0].tokens)
    stop_token = tokens[2]
    first_at = tokens.index(stop_token)
    stopped_params = types.SamplingParams(max_tokens=6, temperature=0.0, stop=[stop_token])
    stopped = sampler.sample(PROMPT, 1, stopped_params).result(timeout=120).sequences[0]
    assert stopped.stop_reason == "stop"
    assert list(stopped.tokens) == tokens[: first_at + 1]


def test_prompt_logprobs_and_compute_logprobs_equal_forward(
    training_client: tinkex.TrainingClient, sampler: tinkex.SamplingClient
) -> None:
    # covers SMP-02 (include_prompt_logprobs), SMP-03, TRN-04
    tokens = tokens_of("logprob check")
    prompt = types.ModelInput.from_ints(tokens)
    computed = sampler.compute_logprobs(prompt).result(timeout=120)
    assert len(computed) == len(tokens) and computed[0] is None

    sampled = sampler.sample(
        prompt, 1, types.SamplingParams(max_tokens=1), include_prompt_logprobs=True
    ).result(timeout=120)
    assert sampled.prompt_logprobs == pytest.approx(computed)

    forward = training_client.forward([text_datum("logprob check")], "cross_entropy").result(timeout=120)
    expected = forward.loss_fn_outputs[0]["logprobs"].to_numpy()
    np.testing.assert_allclose(np.asarray(computed[1:], dtype=np.float32), expected, rtol=1e-4, atol=1e-4)


async def test_sample_and_compute_logprobs_async(sampler: tinkex.SamplingClient) -> None:
    # covers SMP-02, SMP-03 (async twins; the future is awaitable too)
    params = types.SamplingParams(max_tokens=4, temperature=0.0, stop=[])
    response = await sampler.sample_async(PROMPT, 1, params)
    again = await sampler.sample(PROMPT, 1, params)
    assert list(response.sequences[0].tokens) == list(again.sequences[0].tokens)
    logprobs = await sampler.compute_logprobs_async(PROMPT)
    assert logprobs == pytest.approx(await sampler.compute_logprobs(PROMPT))


def test_sample_rejects_bad_arguments(sampler: tinkex.SamplingClient) -> None:
    # covers SMP-02 (client-side validation names the field)
    params = types.SamplingParams(max_tokens=2)
    with pytest.raises(tinkex.TinkexValidationError, match="prompt"):
        sampler.sample([1, 2, 3], 1, params)  # type: ignore[arg-type]
    with pytest.raises(tinkex.TinkexValidationError, match="num_samples"):
        sampler.sample(PROMPT, 0, params)


def test_base_model_sampler_and_tokenizer(service_client: tinkex.ServiceClient) -> None:
    # covers SMP-01, LATER-32 (SamplingClient.get_tokenizer)
    sampler = service_client.create_sampling_client(base_model=MODEL).result(timeout=120)
    response = sampler.sample(PROMPT, 1, types.SamplingParams(max_tokens=3, stop=[])).result(timeout=120)
    assert len(response.sequences[0].tokens) == 3
    tokenizer = sampler.get_tokenizer()
    assert tokenizer.decode(list(b"ok")) == "ok"
