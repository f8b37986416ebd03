"""The JSON forward_backward body writer against the reference: ``convert.datum_json`` dicts
serialized by the HTTP layer's ``encode_json`` (the previous JSON path).

Bodies are compared after parsing, numbers by value with their sign (so -0.0 differs from 0):
the writer may send a whole-number float tensor as floats where the reference sends ints (the
decision is per role, not per tensor), so float32 tensors compare as float32 values (what the
receiver reads), other numbers as floats, and ints beyond 2**53 exactly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tinkex._http.client import encode_json
from tinkex._training_ops import encode_chunk
from tinkex._wire import convert
from tinkex._wire.json_body import forward_backward_json
from tinkex.errors import TinkexValidationError
from tinkex.types import (
    Datum,
    EncodedTextChunk,
    ImageAssetPointerChunk,
    ImageChunk,
    ModelInput,
    TensorData,
)

_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reference(data: Sequence[Datum], config: Mapping[str, float | str] | None, forward_only: bool) -> bytes:
    inner: dict[str, Any] = {"data": [convert.datum_json(d) for d in data], "loss_fn": "ppo"}
    if config:
        inner["loss_fn_config"] = dict(config)
    key = "forward_input" if forward_only else "forward_backward_input"
    return encode_json({key: inner, "model_id": "s:train:0", "seq_id": 7})


def _canon(value: Any) -> Any:
    if isinstance(value, dict):
        if value.get("dtype") == "float32":  # the receiver reads these numbers as float32
            data = [None if v is None else repr(np.float32(v)) for v in value["data"]]
            return {**{k: _canon(v) for k, v in value.items()}, "data": data}
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canon(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and abs(value) > 2**53:
        return value
    return repr(float(value))  # keeps the sign of zero; 1 and 1.0 agree


def _assert_same_body(
    data: Sequence[Datum], config: Mapping[str, float | str] | None = None, forward_only: bool = False
) -> bytes:
    body = forward_backward_json("s:train:0", 7, "ppo", config, data, forward_only)
    assert _canon(orjson.loads(body)) == _canon(orjson.loads(_reference(data, config, forward_only)))
    assert _canon(json.loads(body)) == _canon(orjson.loads(body))  # valid for the stdlib parser too
    return body


def _datum(tokens: Any, **inputs: Any) -> Datum:
    return Datum(model_input=ModelInput.from_ints(tokens), loss_fn_inputs=inputs)


def test_benchmark_shaped_batch_matches_the_reference() -> None:
    # covers the JSON request body (protocol §8.1 legacy form): small ids and 0/1 weights
    rng = np.random.default_rng(0)
    data = [
        _datum(
            rng.integers(0, 250, 64), target_tokens=rng.integers(0, 250, 64), weights=np.ones(64, np.float32)
        )
        for _ in range(5)
    ]
    body = _assert_same_body(data)
    assert b'"weights":{"data":[1,1,' in body  # whole floats go out as ints


@pytest.mark.parametrize(
    "values",
    [
        [0, 9, 3],  # the 2-byte slots
        [0, 10, 999],  # the 4-byte slots
        [-99, 5, 999],
        [-100, 5],  # below the tables: orjson
        [0, 1000],  # above the tables: orjson
        [2**63 - 1, -(2**63), 0],
    ],
)
def test_integer_values_at_the_table_boundaries(values: list[int]) -> None:
    # covers the JSON request body: every value range gives the reference's numbers
    tokens = [abs(v) if v != -(2**63) else 0 for v in values]
    data = [
        _datum(tokens, target_tokens=np.array(values, np.int64), mask=np.array(values[::-1], np.int64)),
        _datum([1], target_tokens=np.array([4], np.int64), mask=np.array([], np.int64)),
    ]
    _assert_same_body(data)
    _assert_same_body(data[:1])


@pytest.mark.parametrize(
    "weights",
    [
        [0.5, 1.0],
        [-0.0, 1.0],
        [np.nan, 1.0],
        [np.inf, 2.0],
        [-np.inf, 0.0],
        [3e38, 1.0],
        [2.0**62, -(2.0**63)],
        [-99.0, 999.0, 4.0],
        [1000.0, -100.0],
    ],
)
def test_float_tensors_keep_their_values(weights: list[float]) -> None:
    # covers the JSON request body: -0.0, NaN (sent as null, as before), inf, fractions, huge values
    data = [
        _datum([1, 2], weights=np.array(weights, np.float32)),
        _datum([3], weights=np.ones(3, np.float32)),
    ]
    body = _assert_same_body(data)
    if any(np.signbit(w) and w == 0 for w in weights):
        assert b"-0.0" in body


def test_whole_floats_are_decided_per_role() -> None:
    # covers the documented difference: one fractional tensor keeps its whole role as floats
    data = [
        _datum([1], weights=np.array([1.0, 0.0], np.float32)),
        _datum([2], weights=np.array([0.5], np.float32)),
    ]
    parsed = orjson.loads(_assert_same_body(data))
    rows = parsed["forward_backward_input"]["data"]
    assert [type(v) for v in rows[0]["loss_fn_inputs"]["weights"]["data"]] == [float, float]
    assert rows[1]["loss_fn_inputs"]["weights"]["data"] == [0.5]


def test_chunks_shapes_sparse_tensors_and_mixed_roles() -> None:
    # covers TYP-09/TYP-10 tensors and multi-chunk model inputs in the JSON body
    image = ImageChunk(data=b"\x89PNG fake", format="png", expected_tokens=3)
    pointer = ImageAssetPointerChunk(format="jpeg", location="s3://bucket/cat.jpg", expected_tokens=2)
    sparse = TensorData(
        data=[1.5, 2.0],
        dtype="float32",
        shape=[2, 3],
        sparse_crow_indices=[0, 1, 2],
        sparse_col_indices=[0, 2],
    )
    data = [
        Datum(
            model_input=ModelInput(
                chunks=[
                    EncodedTextChunk(tokens=np.array([5, 1000, 7], np.int32)),
                    image,
                    EncodedTextChunk(tokens=[]),
                    pointer,
                    EncodedTextChunk(tokens=np.array([3, 4], np.uint16)),
                ]
            ),
            loss_fn_inputs={
                "target_tokens": TensorData.from_numpy(np.arange(6).reshape(2, 3)),
                "advantages": sparse,
                "mask": np.array([1, 0], np.int64),
            },
        ),
        Datum(model_input=ModelInput.empty(), loss_fn_inputs={"mask": np.array([0.0, 1.0], np.float32)}),
        Datum(model_input=ModelInput.from_ints([]), loss_fn_inputs={}),
    ]
    _assert_same_body(data)


@pytest.mark.parametrize("forward_only", [False, True])
@pytest.mark.parametrize("config", [None, {}, {"clip_low_threshold": 0.8, "mode": "x"}])
def test_config_and_operation_key(forward_only: bool, config: Mapping[str, float | str] | None) -> None:
    # covers TRN forward / forward_backward bodies with and without loss_fn_config
    body = _assert_same_body([_datum([1, 2, 3], weights=[1.0, 1.0, 0.0])], config, forward_only)
    assert orjson.loads(body).keys() == {
        "forward_input" if forward_only else "forward_backward_input",
        "model_id",
        "seq_id",
    }


_INT_RANGES = st.sampled_from([(0, 9), (0, 999), (-99, 999), (-100, 5000), (0, 2**40), (-(2**63), 2**63 - 1)])


@st.composite
def _int_arrays(draw: st.DrawFn) -> np.ndarray:
    low, high = draw(_INT_RANGES)
    return np.array(draw(st.lists(st.integers(low, high), max_size=12)), np.int64)


_FLOATS = st.one_of(
    st.sampled_from([0.0, 1.0, -0.0, 0.25, 999.0, -99.0, 1e20, float("nan"), float("inf")]),
    st.floats(width=32, allow_nan=True, allow_infinity=True),
)


@st.composite
def _datums(draw: st.DrawFn) -> Datum:
    tokens = [np.abs(draw(_int_arrays())) for _ in range(draw(st.integers(0, 3)))]
    inputs: dict[str, Any] = {}
    if draw(st.booleans()):
        inputs["target_tokens"] = draw(_int_arrays())
    if draw(st.booleans()):
        inputs["weights"] = np.array(draw(st.lists(_FLOATS, max_size=12)), np.float32)
    if draw(st.booleans()):
        inputs["mask"] = np.array(draw(st.lists(st.sampled_from([0.0, 1.0]), max_size=8)), np.float32)
    chunks = [EncodedTextChunk(tokens=np.where(t < 0, 0, t)) for t in tokens]
    return Datum(model_input=ModelInput(chunks=chunks), loss_fn_inputs=inputs)


@_SETTINGS
@given(st.lists(_datums(), min_size=1, max_size=6), st.booleans())
def test_random_batches_match_the_reference(data: list[Datum], forward_only: bool) -> None:
    # covers the JSON request body over random value ranges, sizes and missing inputs
    _assert_same_body(data, forward_only=forward_only)


def test_numpy_datums_reach_the_json_body_without_list_conversions(monkeypatch: pytest.MonkeyPatch) -> None:
    # covers the issue-8 rule: arrays are never turned into Python lists on the way out
    rng = np.random.default_rng(1)
    data = [
        _datum(
            rng.integers(0, 250, 64),
            target_tokens=rng.integers(0, 200_000, 64),
            weights=rng.random(64).astype(np.float32),
        )
        for _ in range(3)
    ]
    expected = _reference(data, None, False)

    def refuse(self: object) -> None:
        raise AssertionError("a list view was built")

    monkeypatch.setattr(EncodedTextChunk, "tokens", property(refuse))
    monkeypatch.setattr(TensorData, "data", property(refuse))
    monkeypatch.setattr(TensorData, "tolist", refuse)
    body = forward_backward_json("s:train:0", 7, "ppo", None, data, False)
    assert orjson.loads(body) == orjson.loads(expected)


def test_encode_chunk_sends_the_json_body_as_content() -> None:
    # covers the training client's JSON wire format: the bytes go to the HTTP layer as they are
    data = [_datum([1, 2], weights=[1.0, 0.0])]
    operation, kwargs = encode_chunk(
        model_id="s:train:0",
        seq_id=7,
        chunk=data,
        loss_fn="ppo",
        loss_fn_config=None,
        forward_only=True,
        wire_format="json",
        compress=False,
    )
    assert operation == "forward"
    assert kwargs.keys() == {"content", "content_type"} and kwargs["content_type"] == "application/json"
    assert isinstance(kwargs["content"], bytes)
    assert orjson.loads(kwargs["content"]) == orjson.loads(_reference(data, None, True))


def test_a_value_orjson_cannot_write_is_a_validation_error_on_body() -> None:
    # covers bad input naming its field: as encode_json reports it
    with pytest.raises(TinkexValidationError) as caught:
        forward_backward_json("s:train:0", 7, "ppo", {"x": 2**70}, [_datum([1])], False)
    assert caught.value.field == "body"
