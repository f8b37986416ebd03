"""stable_reinforce by provenance: sampler logprobs recorded with record_stability_info (protocol.md 5.4)."""

from __future__ import annotations

from typing import Any

import numpy as np

from tinkex._wire.proto_codec import encode_forward_backward_request
from tinkex._wire.wire_types import WireChunk, WireDatum, WireSpan, WireTensor
from tinkex.server.testing import PROTOBUF, TEST_MODEL, RawClient

PROMPT = list(b"abcd")


def _sampled(api: RawClient, session_id: str, *, record: bool) -> tuple[str, np.ndarray, np.ndarray]:
    """(sequence id, sampled tokens, their logprobs) of one sample in ``session_id``."""
    sampler_id = api.ok(
        "create_sampling_session",
        {"session_id": session_id, "sampling_session_seq_id": int(record), "base_model": TEST_MODEL},
    )["sampling_session_id"]
    body: dict[str, Any] = {
        "sampling_session_id": sampler_id,
        "prompt": {"chunks": [{"type": "encoded_text", "tokens": PROMPT}]},
        "sampling_params": {"max_tokens": 5, "temperature": 1.0, "seed": 7},
        "record_stability_info": record,
    }
    future = api.ok("asample", body)
    sequence = api.sample_output(future).sequences[0]
    tokens = np.asarray(sequence.tokens, np.int64)
    return future["sample_sequence_ids"][0], tokens, np.asarray(sequence.logprobs, np.float32)


def _datum(sequence_id: str, sampled: np.ndarray, *, cover: int | None = None) -> WireDatum:
    full = np.concatenate([np.asarray(PROMPT, np.int64), sampled])
    n_prompt, k = len(PROMPT) - 1, sampled.size
    advantages = np.array([0.0] * n_prompt + [1.0] * k, np.float32)
    return WireDatum(
        chunks=[WireChunk.text(full[:-1])],
        inputs={
            "target_tokens": WireTensor(full[1:], "int64", (full.size - 1,)),
            "advantages": WireTensor(advantages, "float32", (advantages.size,)),
        },
        model_input_spans=(
            WireSpan("prompt_tokens", sequence_id, 0, len(PROMPT)),
            WireSpan("sampled_tokens", sequence_id, 0, k - 1),
        ),
        loss_fn_input_spans=(
            WireSpan("prompt_tokens", sequence_id, 1, n_prompt),
            WireSpan("sampled_tokens", sequence_id, 0, k if cover is None else cover),
        ),
    )


def _submit(api: RawClient, model_id: str, seq_id: int, datum: WireDatum) -> Any:
    body = encode_forward_backward_request(
        model_id, seq_id, "stable_reinforce", {"kl_coeff": 0.2}, [datum], True
    )
    return api.http.post("/api/v1/forward_backward", content=body, headers={"content-type": PROTOBUF})


def test_recorded_logprobs_fill_in_for_the_missing_input(api: RawClient) -> None:
    # covers protocol.md 5.4 (stable_reinforce with sequence_id provenance and record_stability_info)
    session_id = api.session()
    sequence_id, tokens, sampler_lp = _sampled(api, session_id, record=True)
    model_id = api.create_model(session_id, 0, rank=4)
    reply = _submit(api, model_id, 1, _datum(sequence_id, tokens))
    assert reply.status_code == 200, reply.text
    out = api.forward_output(reply.json())
    lp = np.asarray(out.loss_fn_outputs[0]["logprobs"], np.float64)
    n_prompt = len(PROMPT) - 1
    q = np.concatenate([np.zeros(n_prompt), sampler_lp])
    sampled = np.concatenate([np.zeros(n_prompt), np.ones(tokens.size)])
    adv = sampled
    r = np.exp(lp - q)
    expected = -np.minimum(r, 2.0) * lp * adv + 0.2 * sampled * ((r - 1) - np.log(r))
    np.testing.assert_allclose(out.loss_fn_outputs[0]["elementwise_loss"], expected, rtol=2e-5, atol=2e-6)


def test_only_recorded_sequences_of_the_same_session_can_be_named(api: RawClient) -> None:
    # covers protocol.md 5.4 (provenance works only within one session, for recorded sequences)
    session_id = api.session()
    unrecorded, tokens, _ = _sampled(api, session_id, record=False)
    recorded, recorded_tokens, _ = _sampled(api, session_id, record=True)
    model_id = api.create_model(session_id, 0, rank=4)
    refused = _submit(api, model_id, 1, _datum(unrecorded, tokens))
    assert refused.status_code == 400 and "record_stability_info" in refused.json()["detail"]
    miscounted = _submit(api, model_id, 2, _datum(recorded, recorded_tokens, cover=recorded_tokens.size - 1))
    assert miscounted.status_code == 400 and "target_tokens" in miscounted.json()["detail"]

    other_model = api.create_model(api.session(), 0, rank=4)
    elsewhere = _submit(api, other_model, 1, _datum(recorded, recorded_tokens))
    assert elsewhere.status_code == 400 and "sequence_id" in elsewhere.json()["detail"]
