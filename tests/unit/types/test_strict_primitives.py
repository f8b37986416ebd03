"""Strict primitives on requests and responses, open response enums, kept unknown fields.

A wrong primitive (``"false"`` for a bool, ``"big"`` for an int, an unknown value of a closed
request enum) raises ``ValidationError`` naming the field path, whether the value reaches the
type through its constructor, ``from_dict`` or ``model_validate``. That error is at once a
``ValueError`` (what code written for pydantic catches) and a ``TinkexValidationError``. The
server may grow: unknown response fields are kept and response enums are open.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import tinkex.types as types
from tinkex.errors import TinkexValidationError
from tinkex.types.behaviour.errors import ValidationError, format_loc

_CHUNK = {"type": "encoded_text", "tokens": [1, 2]}
_PROMPT = {"chunks": [_CHUNK]}
_DATUM = {"model_input": _PROMPT}


def _raises(build: Callable[[], Any]) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        build()
    error = info.value
    assert isinstance(error, ValueError) and isinstance(error, TinkexValidationError)
    return error


def _with(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


# (what is built, the error type, the path it names)
WRONG_PRIMITIVES: dict[str, tuple[Callable[[], Any], str, str]] = {
    # ---- requests, through the constructor
    "bool given as text": (
        lambda: types.SampleRequest(
            prompt=types.ModelInput.from_ints([1]),
            sampling_params=types.SamplingParams(),
            prompt_logprobs="false",
        ),
        "bool_type",
        "prompt_logprobs",
    ),
    "int given as text": (lambda: types.SamplingParams(max_tokens="big"), "int_type", "max_tokens"),
    "bool given for an int": (lambda: types.SamplingParams(max_tokens=True), "int_type", "max_tokens"),
    "int with a fraction": (lambda: types.SamplingParams(max_tokens=2.5), "int_from_float", "max_tokens"),
    "float given as text": (lambda: types.SamplingParams(temperature="0.5"), "float_type", "temperature"),
    "str given as int": (
        lambda: types.CreateModelRequest(session_id=5, model_seq_id=1, base_model="m"),
        "string_type",
        "session_id",
    ),
    "token given as text, nested": (
        lambda: types.ModelInput(chunks=[{"type": "encoded_text", "tokens": [1, "2"]}]),
        "int_type",
        "chunks[0].tokens[1]",
    ),
    "unknown loss_fn": (
        lambda: types.ForwardBackwardInput(data=[], loss_fn="crossentropy"),
        "literal_error",
        "loss_fn",
    ),
    "unknown image format": (
        lambda: types.ImageChunk(data=b"png", format="gif", expected_tokens=1),
        "literal_error",
        "format",
    ),
    "unknown tensor dtype": (
        lambda: types.TensorData(data=[1.0], dtype="float16"),
        "literal_error",
        "dtype",
    ),
    "NaN in a request": (lambda: types.AdamParams(learning_rate=math.nan), "finite_number", "learning_rate"),
    "boolean array as a loss input": (
        lambda: types.Datum(
            model_input=types.ModelInput.from_ints([1]), loss_fn_inputs={"weights": np.array([True])}
        ),
        "array_dtype",
        "loss_fn_inputs.weights",
    ),
    # ---- requests, from JSON
    "token given as text, from_dict": (
        lambda: types.ForwardBackwardInput.from_dict(
            {
                "data": [{"model_input": {"chunks": [{"type": "encoded_text", "tokens": [1, "x"]}]}}],
                "loss_fn": "ppo",
            }
        ),
        "int_type",
        "data[0].model_input.chunks[0].tokens[1]",
    ),
    "unknown loss_fn, from_dict": (
        lambda: types.ForwardBackwardInput.from_dict({"data": [], "loss_fn": "crossentropy"}),
        "literal_error",
        "loss_fn",
    ),
    "text in tensor values, model_validate": (
        lambda: types.Datum.model_validate(
            _with(_DATUM, loss_fn_inputs={"weights": {"data": ["x"], "dtype": "float32"}})
        ),
        "list_type",
        "loss_fn_inputs.weights.data",
    ),
    # ---- responses
    "queue_state given as a number": (
        lambda: types.TryAgainResponse.from_dict({"type": "try_again", "request_id": "r", "queue_state": 5}),
        "string_type",
        "queue_state",
    ),
    "bool given as text in a response": (
        lambda: types.WeightsInfoResponse.model_validate({"base_model": "m", "is_lora": "false"}),
        "bool_type",
        "is_lora",
    ),
    "metric given as text": (
        lambda: types.ForwardBackwardOutput.from_dict(
            {"loss_fn_output_type": "x", "loss_fn_outputs": [], "metrics": {"loss": "1.0"}}
        ),
        "float_type",
        "metrics.loss",
    ),
    "sampled token given as text": (
        lambda: types.SampleResponse.from_dict(
            {"type": "sample", "sequences": [{"stop_reason": "stop", "tokens": ["1"]}]}
        ),
        "int_type",
        "sequences[0].tokens[0]",
    ),
    "logprobs given as text": (
        lambda: types.ForwardBackwardOutput.from_dict(
            {
                "loss_fn_output_type": "x",
                "metrics": {},
                "loss_fn_outputs": [{"logprobs": {"data": ["a"], "dtype": "float32"}}],
            }
        ),
        "list_type",
        "loss_fn_outputs[0].logprobs.data",
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG_PRIMITIVES))
def test_wrong_primitive_names_the_field(case: str) -> None:
    build, kind, path = WRONG_PRIMITIVES[case]
    error = _raises(build)
    first = error.errors()[0]
    assert (first["type"], format_loc(first["loc"])) == (kind, path)
    assert error.field == path
    assert path in str(error)


def test_bad_plain_list_loss_input_names_its_key() -> None:
    error = _raises(
        lambda: types.Datum(model_input=types.ModelInput.from_ints([1]), loss_fn_inputs={"weights": ["a"]})
    )
    assert format_loc(error.errors()[0]["loc"]) == "loss_fn_inputs.weights.data"


def test_numbers_pydantic_accepts_as_ints_are_ints() -> None:
    # pydantic takes a whole float and numpy integers for an int field; so do the types.
    assert types.SamplingParams(max_tokens=2.0).max_tokens == 2
    seed = types.SamplingParams(seed=np.int64(3)).seed
    assert seed == 3 and type(seed) is int


def test_every_problem_is_listed_in_pydantic_form() -> None:
    error = _raises(lambda: types.TryAgainResponse.from_dict({}))
    assert error.error_count() == 2
    assert [(e["type"], e["loc"], e["msg"]) for e in error.errors()] == [
        ("missing", ("queue_state",), "Field required"),
        ("missing", ("request_id",), "Field required"),
    ]
    # pydantic's text, after the "[validation]" head every tinkex error's str() carries.
    assert error.message.startswith("2 validation errors for TryAgainResponse\nqueue_state\n  Field required")
    assert error.message in str(error)


def test_missing_required_field_from_dict() -> None:
    error = _raises(lambda: types.ForwardBackwardInput.from_dict({"loss_fn": "cross_entropy"}))
    assert [(e["type"], e["loc"]) for e in error.errors()] == [("missing", ("data",))]
    nested = _raises(lambda: types.ForwardBackwardInput.from_dict({"data": [{}], "loss_fn": "cross_entropy"}))
    assert [(e["type"], e["loc"]) for e in nested.errors()] == [("missing", ("data", 0, "model_input"))]


def test_extra_field_on_a_request_type_is_refused() -> None:
    error = _raises(lambda: types.AdamParams.from_dict({"learning_rate": 1e-3, "lr": 1e-3}))
    assert [(e["type"], e["loc"]) for e in error.errors()] == [("extra_forbidden", ("lr",))]
    nested = _raises(lambda: types.ModelInput.model_validate({"chunks": [_with(_CHUNK, tokenz=[1])]}))
    assert [(e["type"], e["loc"]) for e in nested.errors()] == [("extra_forbidden", ("chunks", 0, "tokenz"))]


def test_extra_keyword_on_a_request_constructor_is_a_validation_error() -> None:
    error = _raises(lambda: types.AdamParams(learning_rate=1e-3, lr=1e-3))
    assert [(e["type"], e["loc"]) for e in error.errors()] == [("extra_forbidden", ("lr",))]


# ---- what the server may add -------------------------------------------------------------


def test_unknown_response_fields_are_kept() -> None:
    wire = {
        "type": "try_again",
        "request_id": "r",
        "queue_state": "active",
        "eta_ms": 250,
        "hint": {"a": [1]},
    }
    reply = types.TryAgainResponse.from_dict(wire)
    assert reply.eta_ms == 250 and reply.hint == {"a": [1]}  # attribute access
    assert reply.model_extra == {"eta_ms": 250, "hint": {"a": [1]}}
    assert reply.to_dict() == wire
    assert types.TryAgainResponse.from_dict(reply.to_dict()) == reply
    assert reply.model_dump()["eta_ms"] == 250
    with pytest.raises(AttributeError):
        _ = reply.not_sent


def test_unknown_fields_are_kept_in_nested_responses() -> None:
    reply = types.SampleResponse.from_dict(
        {"type": "sample", "sequences": [{"stop_reason": "stop", "tokens": [1], "entropy": 0.5}]}
    )
    assert reply.sequences[0].model_extra == {"entropy": 0.5}
    assert reply.to_dict()["sequences"][0]["entropy"] == 0.5


@pytest.mark.parametrize(
    ("build", "field", "value"),
    [
        (lambda v: types.TryAgainResponse(request_id="r", queue_state=v), "queue_state", "paused_weather"),
        (lambda v: types.FutureTimeoutResponse.from_dict({"queue_state": v}), "queue_state", "draining"),
        (
            lambda v: types.SampledSequence.from_dict({"stop_reason": v, "tokens": [1]}),
            "stop_reason",
            "eos_token",
        ),
        (
            lambda v: types.Checkpoint.from_dict(
                {
                    "checkpoint_id": "c",
                    "checkpoint_type": v,
                    "time": "2025-01-01T00:00:00Z",
                    "tinker_path": "tinker://run/weights/c",
                    "public": False,
                }
            ),
            "checkpoint_type",
            "frozen",
        ),
        (lambda v: types.TraceExportResponse.from_dict({"status": v}), "status", "queued"),
    ],
    ids=["TryAgainResponse", "FutureTimeoutResponse", "SampledSequence", "Checkpoint", "TraceExportResponse"],
)
def test_response_enums_keep_unknown_values(build: Callable[[str], Any], field: str, value: str) -> None:
    reply = build(value)
    assert getattr(reply, field) == value
    assert reply.to_dict()[field] == value


def test_responses_keep_non_finite_numbers() -> None:
    # JSON from a server may not carry NaN, but a response built in Python may: it is not refused.
    reply = types.ForwardBackwardOutput(
        loss_fn_output_type="x", loss_fn_outputs=[], metrics={"loss": math.nan}
    )
    assert math.isnan(reply.metrics["loss"])
