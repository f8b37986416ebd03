"""SamplingClient pickles, into this process and into a spawned one, where it samples (issue 17).

The official SDK documents ``SamplingClient`` as picklable (its multiprocess rollouts pass the
client to worker processes); the future that ``save_weights_and_get_sampling_client`` returns
pickles as the client it resolves to, with its deprecation warning. No other official client
defines pickling.
"""

from __future__ import annotations

import multiprocessing
import pickle

import httpx
import pytest

import tinkex
from tinkex import types

from ._helpers import MODEL, tokens_of

pytestmark = pytest.mark.server

PROMPT = tokens_of("pickled samplers")[:6]
GREEDY = types.SamplingParams(max_tokens=5, temperature=0.0)


def _greedy_tokens(client: tinkex.SamplingClient) -> list[int]:
    """Run in the spawned worker: sample with the client it was handed."""
    response = client.sample(types.ModelInput.from_ints(PROMPT), 1, GREEDY).result(timeout=120)
    return list(response.sequences[0].tokens)


def _first_seq_id(client: tinkex.SamplingClient) -> int:
    return client._next_seq_id()


def test_sampling_client_round_trips_through_pickle(training_client: tinkex.TrainingClient) -> None:
    # covers SMP-01 (picklable SamplingClient, official parity)
    sampler = training_client.save_weights_and_get_sampling_client().result(timeout=120)
    copy = pickle.loads(pickle.dumps(sampler))
    assert isinstance(copy, tinkex.SamplingClient) and copy is not sampler
    assert copy.sampling_session_id == sampler.sampling_session_id
    assert copy.get_base_model() == sampler.get_base_model() == MODEL
    assert _greedy_tokens(copy) == _greedy_tokens(sampler)
    # Copies number their requests apart from the original (protocol §7.4 clone ids).
    assert _first_seq_id(copy) >= 1_000_000_000 > _first_seq_id(sampler)
    # Copies made in one process share one holder (one set of connection pools).
    assert pickle.loads(pickle.dumps(sampler)).holder is copy.holder


def test_record_stability_info_survives_pickling(training_client: tinkex.TrainingClient) -> None:
    sampler = training_client.save_weights_and_get_sampling_client(record_stability_info=True).result(
        timeout=120
    )
    assert pickle.loads(pickle.dumps(sampler))._record_stability_info is True


def test_a_pickled_sampling_client_samples_in_a_spawned_process(
    training_client: tinkex.TrainingClient,
) -> None:
    # covers SMP-01 (multiprocessing with spawn: the child has none of the parent's state)
    sampler = training_client.save_weights_and_get_sampling_client().result(timeout=120)
    expected = _greedy_tokens(sampler)
    future = training_client.save_weights_and_get_sampling_client()  # the backcompat future
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        assert pool.apply(_greedy_tokens, (sampler,)) == expected
        with pytest.warns(FutureWarning, match="future"):
            payload = pickle.dumps(future)  # pickles as the client it resolves to
        from_future = pool.apply(_greedy_tokens, (pickle.loads(payload),))
    assert len(from_future) == len(expected)


def test_a_client_with_an_unpicklable_http_client_says_what_to_do(local_server: object) -> None:
    service = tinkex.ServiceClient(
        base_url=local_server.base_url,  # type: ignore[attr-defined]
        api_key="tml-pickle-test-0123456789",
        http_client=httpx.AsyncClient(),
    )
    try:
        sampler = tinkex.SamplingClient(service.holder, sampling_session_id="s", base_model=MODEL)
        with pytest.raises(TypeError, match="get_sampler_handle"):
            pickle.dumps(sampler)
    finally:
        service.close().result(timeout=30)
