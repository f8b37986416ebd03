"""Client mistakes get 4xx JSON naming the field, never a 500 (and never run)."""

from __future__ import annotations

from typing import Any

import pytest

from tinkex._wire.proto_codec import encode_forward_backward_request
from tinkex.server.runner import ServerHandle
from tinkex.server.testing import PROTOBUF, TEST_MODEL, RawClient, json_datum, text_datum


@pytest.fixture(scope="module")
def model_id(local_server: ServerHandle) -> str:
    api = RawClient(local_server.base_url)
    model = api.create_model(api.session())
    api.close()
    return model


def _fb(model_id: str, **changes: Any) -> dict[str, Any]:
    fb_input = {"data": [json_datum(list(b"abcd"))], "loss_fn": "cross_entropy", **changes.pop("input", {})}
    return {"model_id": model_id, "seq_id": 1, "forward_backward_input": fb_input, **changes}


CASES = [
    (
        "create_model",
        lambda m: {"session_id": m.split(":")[0], "model_seq_id": 99, "base_model": "gpt-5"},
        400,
        "base_model:",
    ),
    (
        "create_model",
        lambda m: {"session_id": m.split(":")[0], "model_seq_id": -1, "base_model": TEST_MODEL},
        400,
        "model_seq_id:",
    ),
    (
        "create_model",
        lambda m: {
            "session_id": m.split(":")[0],
            "model_seq_id": 98,
            "base_model": TEST_MODEL,
            "lora_config": {"rank": 0},
        },
        400,
        "lora_config.rank",
    ),
    ("forward_backward", lambda m: _fb("nope:train:0"), 404, "model_id:"),
    ("forward_backward", lambda m: _fb(m, seq_id=0), 400, "seq_id:"),
    ("forward_backward", lambda m: _fb(m, input={"loss_fn": "mystery"}), 400, "loss_fn"),
    ("forward_backward", lambda m: _fb(m, input={"loss_fn": "ppo"}), 400, "loss_fn_inputs.logprobs"),
    (
        "forward_backward",
        lambda m: _fb(m, input={"loss_fn_config": {"beta": 1.0}}),
        400,
        "loss_fn_config.beta",
    ),
    ("forward_backward", lambda m: _fb(m, input={"data": [json_datum([1, 2, 999])]}), 400, "data[0]"),
    ("forward_backward", lambda m: _fb(m, input={"data": []}), 400, "data:"),
    (
        "forward_backward",
        lambda m: _fb(m, input={"data": [{"model_input": {"chunks": [{"type": "image", "data": ""}]}}]}),
        400,
        "data[0].model_input.chunks[0]",
    ),
    (
        "optim_step",
        lambda m: {"model_id": m, "adam_params": {"learning_rate": -1}},
        400,
        "adam_params.learning_rate",
    ),
    ("optim_step", lambda m: {"model_id": m, "adam_params": {"beta1": "x"}}, 400, "adam_params.beta1"),
    ("save_weights", lambda m: {"model_id": m, "path": "../escape"}, 400, "path:"),
    ("load_weights", lambda m: {"model_id": m, "path": "tinker://x/weights/none"}, 404, "path:"),
    ("load_weights", lambda m: {"model_id": m, "path": "s3://bucket/x"}, 400, "path:"),
    (
        "asample",
        lambda m: {"base_model": TEST_MODEL, "prompt": {"chunks": [{"tokens": [300]}]}},
        400,
        "prompt",
    ),
    (
        "asample",
        lambda m: {"base_model": TEST_MODEL, "prompt": {"chunks": [{"tokens": [1]}]}, "num_samples": 1000},
        400,
        "num_samples:",
    ),
    (
        "asample",
        lambda m: {
            "base_model": TEST_MODEL,
            "prompt": {"chunks": [{"tokens": [1]}]},
            "sampling_params": {"top_p": 0},
        },
        400,
        "sampling_params.top_p",
    ),
    (
        "asample",
        lambda m: {
            "base_model": TEST_MODEL,
            "prompt": {"chunks": [{"tokens": [1]}]},
            "topk_sample_logprobs": 3,
        },
        400,
        "topk_sample_logprobs:",
    ),
    ("asample", lambda m: {"sampling_session_id": "nope"}, 404, "sampling_session_id:"),
    (
        "create_sampling_session",
        lambda m: {"session_id": m.split(":")[0], "sampling_session_seq_id": 50},
        400,
        "base_model:",
    ),
    ("get_info", lambda m: {}, 400, "model_id:"),
]


@pytest.mark.parametrize(("path", "make_body", "status", "field"), CASES)
def test_bad_json_input_names_the_field(
    api: RawClient, model_id: str, path: str, make_body: Any, status: int, field: str
) -> None:
    response = api.post(path, make_body(model_id))
    assert response.status_code == status, response.text
    assert field in response.json()["detail"]


def test_bad_protobuf_and_body_encodings(api: RawClient, model_id: str) -> None:
    for content, headers, field in [
        (b"\xff\x00garbage", {"content-type": PROTOBUF}, "body:"),
        (
            encode_forward_backward_request(model_id, 0, "cross_entropy", {}, [text_datum([1, 2, 3])], False),
            {"content-type": PROTOBUF},
            "seq_id:",
        ),
        (b"not zstd", {"content-type": PROTOBUF, "content-encoding": "zstd"}, "body:"),
        (b"{not json", {"content-type": "application/json"}, "body:"),
    ]:
        response = api.http.post("/api/v1/forward_backward", content=content, headers=headers)
        assert response.status_code == 400, response.text
        assert response.json()["detail"].startswith(field)


def test_unknown_json_fields_are_ignored(api: RawClient, model_id: str) -> None:
    reply = api.ok("get_info", {"model_id": model_id, "type": "get_info", "from_a_future_sdk": {"x": 1}})
    assert reply["model_id"] == model_id
