"""Sampling sessions and asample in both result formats, back-pressure and cancel (protocol.md 3.4, 5.8, 7.3)."""

from __future__ import annotations

import numpy as np

from tinkex.server.runner import ServerHandle
from tinkex.server.testing import TEST_MODEL, RawClient, hold_worker, text_datum

PROMPT = {"chunks": [{"type": "encoded_text", "tokens": list(b"abc")}]}
GREEDY = {"max_tokens": 4, "temperature": 0.0, "seed": 1}


def test_base_model_sampling_session_protobuf_and_json(api: RawClient) -> None:
    # covers SMP-01, SMP-02, SMP-03
    session_id = api.session()
    created = api.ok(
        "create_sampling_session",
        {"session_id": session_id, "sampling_session_seq_id": 0, "base_model": TEST_MODEL},
    )
    sampler_id = created["sampling_session_id"]
    assert sampler_id == f"{session_id}:sample:0"
    assert api.http.get(f"/api/v1/samplers/{sampler_id}").json() == {
        "sampler_id": sampler_id,
        "base_model": TEST_MODEL,
    }
    body = {
        "sampling_session_id": sampler_id,
        "prompt": PROMPT,
        "sampling_params": GREEDY,
        "num_samples": 2,
        "prompt_logprobs": True,
        "topk_prompt_logprobs": 2,
    }
    future = api.ok("asample", body, headers={"x-tinker-sampling-backpressure": "1"})
    assert future["sample_sequence_ids"] == [f"{future['request_id']}:0", f"{future['request_id']}:1"]
    proto = api.sample_output(future)
    assert len(proto.sequences) == 2
    assert proto.sequences[0].tokens.size <= 4
    assert (
        proto.prompt_logprobs is not None
        and proto.prompt_logprobs[0] is None
        and len(proto.prompt_logprobs) == 3
    )
    assert proto.topk_prompt_logprobs is not None and proto.topk_prompt_logprobs[0] is None
    assert len(proto.topk_prompt_logprobs[1] or []) == 2

    legacy = api.result(future)  # same future, fetched without Accept: protobuf
    assert legacy["type"] == "sample"
    assert legacy["sequences"][0]["tokens"] == proto.sequences[0].tokens.tolist()
    assert legacy["prompt_logprobs"][0] is None
    np.testing.assert_allclose(legacy["prompt_logprobs"][1:], proto.prompt_logprobs[1:])


def test_sampling_from_a_saved_sampler_path_matches_the_snapshot(api: RawClient) -> None:
    session_id = api.session()
    model_id = api.create_model(session_id, seed=9)
    api.forward_output(api.submit_forward_backward(model_id, 1, [text_datum(list(b"abcabcabc"))]))
    api.optim_step(model_id, 2, learning_rate=2e-2)
    saved = api.result(
        api.ok(
            "save_weights_for_sampler",
            {"model_id": model_id, "path": "snap", "seq_id": 3, "sampling_session_seq_id": 1},
        )
    )
    from_path = api.ok(
        "create_sampling_session",
        {"session_id": session_id, "sampling_session_seq_id": 2, "model_path": saved["path"]},
    )
    assert (
        api.http.get(f"/api/v1/samplers/{from_path['sampling_session_id']}").json()["model_path"]
        == saved["path"]
    )
    body = {"prompt": PROMPT, "sampling_params": GREEDY, "num_samples": 1}
    snapshot = api.sample_output(
        api.ok("asample", {**body, "sampling_session_id": saved["sampling_session_id"]})
    )
    loaded = api.sample_output(
        api.ok("asample", {**body, "sampling_session_id": from_path["sampling_session_id"]})
    )
    direct = api.sample_output(api.ok("asample", {**body, "model_path": saved["path"]}))
    for other in (loaded, direct):
        np.testing.assert_array_equal(other.sequences[0].tokens, snapshot.sequences[0].tokens)
        np.testing.assert_array_equal(other.sequences[0].logprobs, snapshot.sequences[0].logprobs)
    # training after the snapshot does not change what the snapshot samples
    api.forward_output(api.submit_forward_backward(model_id, 4, [text_datum(list(b"zzzzzzzz"))]))
    api.optim_step(model_id, 5, learning_rate=5e-2)
    again = api.sample_output(
        api.ok("asample", {**body, "sampling_session_id": saved["sampling_session_id"]})
    )
    np.testing.assert_array_equal(again.sequences[0].logprobs, snapshot.sequences[0].logprobs)


def test_backpressure_429_and_cancel(api: RawClient, local_server: ServerHandle) -> None:
    # covers SMP-04
    body = {"base_model": TEST_MODEL, "prompt": PROMPT, "sampling_params": GREEDY}
    limit = local_server.context.config.sample_backpressure_queue
    with hold_worker(local_server):
        queued = [api.ok("asample", body) for _ in range(limit)]  # no header: always accepted
        refused = api.post("asample", body, headers={"x-tinker-sampling-backpressure": "1"})
        assert refused.status_code == 429
        assert int(refused.headers["retry-after-ms"]) > 0
        assert api.ok("cancel_future", {"request_id": queued[-1]["request_id"]}) == {}
    cancelled = api.poll(queued[-1]["request_id"]).json()
    assert cancelled["category"] == "user"
    assert api.sample_output(queued[0]).sequences
