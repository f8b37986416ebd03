"""Model and training endpoints in both wire formats, ordering and dedupe (protocol.md 3.2, 7.4, 8)."""

from __future__ import annotations

import numpy as np
import pytest

from tinkex._wire.proto_codec import encode_forward_backward_request
from tinkex.server.runner import ServerHandle
from tinkex.server.testing import PROTOBUF, RawClient, json_datum, text_datum

PHRASE = list(b"local tinker")


def _logprobs(api: RawClient, model_id: str, seq_id: int) -> np.ndarray:
    out = api.forward_output(
        api.submit_forward_backward(model_id, seq_id, [text_datum(PHRASE)], forward_only=True)
    )
    return np.asarray(out.loss_fn_outputs[0]["logprobs"])


def test_create_model_and_get_info(api: RawClient) -> None:
    # covers TRN-01, TRN-11
    session_id = api.session()
    model_id = api.create_model(session_id, rank=4)
    assert model_id == f"{session_id}:train:0"
    info = api.ok("get_info", {"model_id": model_id, "type": "get_info"})
    assert info["model_data"]["tokenizer_id"] == "local/byte-260"
    assert info["model_data"]["model_name"] == "local/byte-tiny"
    assert (info["is_lora"], info["lora_rank"]) == (True, 4)
    assert api.http.get(f"/api/v1/sessions/{session_id}").json()["training_run_ids"] == [model_id]
    assert api.http.get(f"/api/v1/training_runs/{model_id}").json()["lora_rank"] == 4


def test_forward_backward_protobuf_and_json_agree(api: RawClient) -> None:
    # covers TRN-03, TRN-04; same seed + same requests -> bit-identical results
    session_id = api.session()
    proto_model = api.create_model(session_id, 0, seed=7)
    json_model = api.create_model(session_id, 1, seed=7)
    proto_out = api.forward_output(api.submit_forward_backward(proto_model, 1, [text_datum(PHRASE)] * 2))
    assert proto_out.loss_fn_output_type == "ArrayRecord"
    assert len(proto_out.loss_fn_outputs) == 2
    assert set(proto_out.loss_fn_outputs[0]) == {"logprobs", "elementwise_loss"}

    legacy = api.ok(
        "forward_backward",
        {
            "model_id": json_model,
            "seq_id": 1,
            "forward_backward_input": {"data": [json_datum(PHRASE)] * 2, "loss_fn": "cross_entropy"},
        },
    )
    json_out = api.result(legacy)
    assert json_out["metrics"] == proto_out.metrics
    first = json_out["loss_fn_outputs"][0]["logprobs"]
    assert first["dtype"] == "float32" and first["shape"] == [len(PHRASE) - 1]
    np.testing.assert_array_equal(
        np.asarray(first["data"], np.float32), proto_out.loss_fn_outputs[0]["logprobs"]
    )
    # the same result may also be fetched as protobuf by a client that asks for it
    assert PROTOBUF in api.poll(legacy["request_id"], protobuf=True).headers["content-type"]


def test_zstd_body_and_legacy_forward_endpoint(api: RawClient) -> None:
    import zstandard

    model_id = api.create_model(api.session())
    body = encode_forward_backward_request(model_id, 1, "cross_entropy", {}, [text_datum(PHRASE)], True)
    response = api.http.post(
        "/api/v1/forward_backward",
        content=zstandard.ZstdCompressor().compress(body),
        headers={"content-type": PROTOBUF, "content-encoding": "zstd"},
    )
    assert response.status_code == 200, response.text
    zstd_out = api.forward_output(response.json())
    legacy = api.result(
        api.ok(
            "forward",
            {
                "model_id": model_id,
                "seq_id": 2,
                "forward_input": {"data": [json_datum(PHRASE)], "loss_fn": "cross_entropy"},
            },
        )
    )
    np.testing.assert_array_equal(
        np.asarray(legacy["loss_fn_outputs"][0]["logprobs"]["data"], np.float32),
        zstd_out.loss_fn_outputs[0]["logprobs"],
    )


def test_training_lowers_the_loss(api: RawClient) -> None:
    # covers TRN-06
    model_id = api.create_model(api.session())
    losses = []
    seq = 0
    for _ in range(4):
        out = api.forward_output(api.submit_forward_backward(model_id, seq + 1, [text_datum(PHRASE)]))
        metrics = api.optim_step(model_id, seq + 2)["metrics"]
        assert metrics["learning_rate:mean"] == pytest.approx(3e-3)
        losses.append(out.metrics["loss:sum"])
        seq += 2
    assert losses[-1] < losses[0]


def test_repeated_seq_id_returns_the_original_future_and_applies_once(
    api: RawClient, local_server: ServerHandle
) -> None:
    # covers TRN-02: a retried request (same model_id, seq_id) is never applied twice
    session_id = api.session()
    once, twice = api.create_model(session_id, 0, seed=3), api.create_model(session_id, 1, seed=3)
    for model_id in (once, twice):
        api.forward_output(api.submit_forward_backward(model_id, 1, [text_datum(PHRASE)]))
    first = api.ok("optim_step", {"model_id": once, "seq_id": 2, "adam_params": {"learning_rate": 1e-2}})
    repeat = api.ok("optim_step", {"model_id": once, "seq_id": 2, "adam_params": {"learning_rate": 1e-2}})
    assert repeat["request_id"] == first["request_id"]
    api.result(first)
    api.optim_step(twice, 2, learning_rate=1e-2)
    np.testing.assert_array_equal(_logprobs(api, once, 3), _logprobs(api, twice, 3))
    assert local_server.faults is not None
    assert local_server.faults.stats()["dedupe_hits"] >= 1

    # the protobuf path dedupes the same way
    fb = api.submit_forward_backward(once, 4, [text_datum(PHRASE)])
    assert api.submit_forward_backward(once, 4, [text_datum(PHRASE)])["request_id"] == fb["request_id"]


def test_idempotency_key_dedupes_requests_without_seq_id(api: RawClient) -> None:
    model_id = api.create_model(api.session())
    headers = {"x-idempotency-key": "stainless-python-retry-abc"}
    body = {"model_id": model_id, "adam_params": {"learning_rate": 1e-3}}
    first = api.ok("optim_step", body, headers=headers)
    assert api.ok("optim_step", body, headers=headers)["request_id"] == first["request_id"]
    assert api.ok("optim_step", body)["request_id"] != first["request_id"]


def test_unload_model(api: RawClient) -> None:
    # covers TRN-12
    model_id = api.create_model(api.session())
    assert api.result(api.ok("unload_model", {"model_id": model_id})) == {
        "model_id": model_id,
        "type": "unload_model",
    }
    response = api.post("get_info", {"model_id": model_id})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("model_id:")
