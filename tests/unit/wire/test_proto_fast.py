"""The hand-framed forward_backward encoder against the generated protobuf message (the reference).

Equality is message equality after parsing: the same fields with the same values, whatever
the byte order of map entries.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinker_proto import tinker_public_pb2 as pb

from tinkex._wire import convert, proto_fast
from tinkex._wire.proto_codec import (
    WireChunk,
    WireDatum,
    WireTensor,
    decode_forward_backward_request,
    encode_forward_backward_request,
)
from tinkex.errors import TinkexValidationError
from tinkex.types import (
    Datum,
    EncodedTextChunk,
    ImageChunk,
    ModelInput,
    PromptProvenanceSpan,
    SampledProvenanceSpan,
    TensorData,
)

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_tokens = st.lists(st.integers(0, 2**31 - 1), max_size=12).map(lambda v: np.array(v, dtype=np.int64))
_floats = st.floats(-1e6, 1e6, allow_nan=False, width=32)


@st.composite
def _tensor(draw: st.DrawFn) -> WireTensor:
    dtype = draw(st.sampled_from(["int64", "float32"]))
    if draw(st.booleans()):  # CSR
        rows, cols = draw(st.integers(0, 3)), draw(st.integers(1, 4))
        counts = [draw(st.integers(0, cols)) for _ in range(rows)]
        crow = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        col = np.array([c for n in counts for c in range(n)], dtype=np.int64)
        values = np.arange(col.size, dtype=dtype)
        return WireTensor(values, dtype, (rows, cols), crow, col)
    values = np.array(
        draw(st.lists(_floats if dtype == "float32" else st.integers(-(2**40), 2**40), max_size=10))
    )
    return WireTensor(values.astype(dtype), dtype, (values.size,))


_chunk = st.one_of(
    _tokens.map(WireChunk.text),
    st.builds(
        lambda data, fmt, n: WireChunk(kind="image", data=data, format=fmt, expected_tokens=n),
        st.binary(max_size=8),
        st.sampled_from(["png", "jpeg", ""]),
        st.sampled_from([None, 0, 1, 300]),
    ),
    st.binary(max_size=8).map(lambda data: WireChunk(kind="dmel", data=data)),
)
_datum = st.builds(
    WireDatum,
    chunks=st.lists(_chunk, max_size=3),
    inputs=st.dictionaries(
        st.sampled_from(["target_tokens", "weights", "advantages", "é"]), _tensor(), max_size=3
    ),
)
_config = st.dictionaries(
    st.text(max_size=6),
    st.one_of(st.floats(allow_nan=False), st.integers(-5, 5), st.text(max_size=5)),
    max_size=3,
)


@_SETTINGS
@given(
    model_id=st.text(max_size=12),
    seq_id=st.integers(-(2**31), 2**31 - 1),
    loss_fn=st.sampled_from(["cross_entropy", "ppo", ""]),
    config=_config,
    data=st.lists(_datum, max_size=4),
    forward_only=st.booleans(),
)
def test_fast_bytes_parse_to_the_generated_message(
    model_id: str,
    seq_id: int,
    loss_fn: str,
    config: dict[str, float | str],
    data: list[WireDatum],
    forward_only: bool,
) -> None:
    # covers the protobuf request encoding (protocol §8.2)
    slow = encode_forward_backward_request(model_id, seq_id, loss_fn, config, data, forward_only)
    fast = proto_fast.encode_forward_backward_request(model_id, seq_id, loss_fn, config, data, forward_only)
    assert pb.ForwardBackwardRequest.FromString(fast) == pb.ForwardBackwardRequest.FromString(slow)


def _reference(datums: list[Datum], config: dict[str, float | str] | None) -> pb.ForwardBackwardRequest:
    """The message built field by field with the generated classes, from the public types."""
    msg = pb.ForwardBackwardRequest(model_id="s:train:0", seq_id=7, loss_fn="ppo")
    for key, value in (config or {}).items():
        if isinstance(value, str):
            msg.loss_fn_config_v2[key].text = value
        else:
            msg.loss_fn_config[key] = float(value)
            msg.loss_fn_config_v2[key].number = float(value)
    for datum in datums:
        out = msg.data.add()
        for chunk in datum.model_input.chunks:
            if isinstance(chunk, EncodedTextChunk):
                out.model_input.add().encoded_text.tokens = np.asarray(chunk.tokens, "<i4").tobytes()
            else:
                assert isinstance(chunk, ImageChunk)
                image = out.model_input.add().image
                image.data, image.format = chunk.data, chunk.format
                if chunk.expected_tokens is not None:
                    image.expected_tokens = chunk.expected_tokens
        for name, tensor in datum.loss_fn_inputs.items():
            target = out.loss_fn_inputs[name]
            target.dtype = pb.DTYPE_INT64 if tensor.dtype == "int64" else pb.DTYPE_FLOAT32
            target.shape.extend(tensor.shape or [len(tensor.data)])
            values = np.asarray(tensor.data, "<i8" if tensor.dtype == "int64" else "<f4").tobytes()
            if tensor.sparse_crow_indices is None:
                target.dense = values
            else:
                target.sparse_csr.values = values
                target.sparse_csr.crow_indices = np.asarray(tensor.sparse_crow_indices, "<i8").tobytes()
                target.sparse_csr.col_indices = np.asarray(tensor.sparse_col_indices, "<i8").tobytes()
        for spans, field in (
            (datum.model_input_spans, out.model_input_spans),
            (datum.loss_fn_input_spans, out.loss_fn_input_spans),
        ):
            for span in spans or []:
                arm = (
                    field.add().prompt_tokens
                    if isinstance(span, PromptProvenanceSpan)
                    else field.add().sampled_tokens
                )
                arm.sequence_id, arm.offset, arm.length = span.sequence_id, span.offset, span.length
    return msg


@st.composite
def _public_datum(draw: st.DrawFn) -> Datum:
    n = draw(st.integers(1, 16))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    chunks: list[EncodedTextChunk | ImageChunk] = [EncodedTextChunk(tokens=rng.integers(0, 50_000, n))]
    if draw(st.booleans()):
        chunks.append(ImageChunk(data=b"\x89PNG", format="png", expected_tokens=3))
    weights = rng.random((1, n)).astype(np.float32) * (rng.random((1, n)) < 0.3)
    inputs = {
        "target_tokens": TensorData.from_numpy(rng.integers(0, 50_000, n)),
        "weights": TensorData.from_numpy_sparse(weights)
        if draw(st.booleans())
        else TensorData.from_numpy(weights),
    }
    datum = Datum(model_input=ModelInput(chunks=chunks), loss_fn_inputs=inputs)
    if draw(st.booleans()):
        datum = datum.with_provenance(
            [PromptProvenanceSpan(sequence_id="p", offset=0, length=datum.model_input.length)],
            [SampledProvenanceSpan(sequence_id="s", offset=2, length=n)],
        )
    return datum


@_SETTINGS
@given(datums=st.lists(_public_datum(), min_size=1, max_size=4), config=st.none() | _config)
def test_client_encoder_matches_the_message_built_from_the_types(
    datums: list[Datum], config: dict[str, float | str] | None
) -> None:
    # covers the protobuf request encoding incl. provenance spans (protocol §5.3, §8.2)
    fast = convert.forward_backward_request_proto("s:train:0", 7, "ppo", config, datums, False)
    assert pb.ForwardBackwardRequest.FromString(fast) == _reference(datums, config)


def test_numpy_datums_reach_the_wire_without_list_conversions(monkeypatch: pytest.MonkeyPatch) -> None:
    # covers the issue-8 rule: arrays are never turned into Python lists on the way out
    rng = np.random.default_rng(0)
    datums = [
        Datum(
            model_input=ModelInput.from_ints(rng.integers(0, 250, 64)),
            loss_fn_inputs={"target_tokens": rng.integers(0, 250, 64), "weights": np.ones(64, np.float32)},
        )
        for _ in range(3)
    ]

    def refuse(self: object) -> None:
        raise AssertionError("a list view was built")

    monkeypatch.setattr(EncodedTextChunk, "tokens", property(refuse))
    monkeypatch.setattr(TensorData, "data", property(refuse))
    monkeypatch.setattr(TensorData, "tolist", refuse)
    body = convert.forward_backward_request_proto("m", 1, "cross_entropy", None, datums, False)
    json_body = [convert.datum_json(d) for d in datums]
    decoded = decode_forward_backward_request(body)
    for datum, raw, as_json in zip(datums, decoded.data, json_body, strict=True):
        np.testing.assert_array_equal(raw.chunks[0].tokens, datum.model_input.chunks[0].tokens_np)
        np.testing.assert_array_equal(raw.inputs["weights"].to_dense(), np.ones(64))
        assert isinstance(as_json["model_input"]["chunks"][0]["tokens"], np.ndarray)
        assert isinstance(as_json["loss_fn_inputs"]["target_tokens"]["data"], np.ndarray)


def test_json_sends_whole_float_arrays_as_integers_and_keeps_exact_values() -> None:
    # covers the JSON request body (protocol §8.1 legacy form): same numbers, cheaper text
    import orjson

    ones = convert.datum_json(
        Datum(
            model_input=ModelInput.from_ints([1, 2]),
            loss_fn_inputs={"weights": np.array([1.0, 0.0], np.float32)},
        )
    )
    assert (
        orjson.dumps(ones["loss_fn_inputs"]["weights"]["data"], option=orjson.OPT_SERIALIZE_NUMPY) == b"[1,0]"
    )
    for special in ([0.5, 1.0], [-0.0, 1.0], [np.nan, 1.0], [np.inf, 2.0], [3e38, 1.0]):
        datum = Datum(
            model_input=ModelInput.from_ints([1]), loss_fn_inputs={"weights": np.array(special, np.float32)}
        )
        values = convert.datum_json(datum)["loss_fn_inputs"]["weights"]["data"]
        assert values.dtype == np.float32
        np.testing.assert_array_equal(values.view(np.int32), np.array(special, np.float32).view(np.int32))


def test_token_ids_wider_than_int32_are_refused_by_the_protobuf_encoder() -> None:
    # covers bad input naming its field: the protobuf wire packs token ids as int32
    datum = Datum(
        model_input=ModelInput.from_ints([1, 2**31]), loss_fn_inputs={"target_tokens": np.array([1, 2])}
    )
    with pytest.raises(TinkexValidationError, match="int32") as caught:
        convert.forward_backward_request_proto("m", 1, "cross_entropy", None, [datum], False)
    assert caught.value.field == "model_input.chunks"


def test_seq_id_outside_int32_is_refused() -> None:
    with pytest.raises(ValueError, match="seq_id"):
        proto_fast.encode_forward_backward_request("m", 2**31, "cross_entropy", None, [], False)


def test_official_sdk_parses_our_bytes_into_its_own_message(tmp_path: Path) -> None:
    # covers interoperability: the official SDK's parser and converter agree with our bytes
    rng = np.random.default_rng(3)
    arrays = {f"tokens{i}": rng.integers(0, 50_000, 5 + i) for i in range(3)}
    arrays |= {f"weights{i}": rng.random(5 + i).astype(np.float32) for i in range(3)}
    datums = [
        Datum(
            model_input=ModelInput.from_ints(arrays[f"tokens{i}"]),
            loss_fn_inputs={
                "target_tokens": arrays[f"tokens{i}"][::-1].copy(),
                "weights": arrays[f"weights{i}"],
            },
        )
        for i in range(3)
    ]
    np.savez(tmp_path / "arrays.npz", **arrays)
    config = {"clip_low_threshold": 0.8, "tag": "x"}
    (tmp_path / "ours.bin").write_bytes(
        convert.forward_backward_request_proto("s:train:0", 4, "ppo", config, datums, False)
    )
    script = """
        import pathlib, sys
        import numpy as np
        import tinker
        from tinker.proto import tinker_public_pb2 as official_pb
        from tinker.proto.request_conv import forward_backward_request_to_proto
        from tinker.types import ForwardBackwardInput, ForwardBackwardRequest
        folder = pathlib.Path(sys.argv[1])
        arrays = np.load(folder / "arrays.npz")
        data = [
            tinker.Datum(
                model_input=tinker.ModelInput.from_ints(arrays[f"tokens{i}"].tolist()),
                loss_fn_inputs={
                    "target_tokens": tinker.TensorData.from_numpy(arrays[f"tokens{i}"][::-1].copy()),
                    "weights": tinker.TensorData.from_numpy(arrays[f"weights{i}"]),
                },
            )
            for i in range(3)
        ]
        request = ForwardBackwardRequest(
            forward_backward_input=ForwardBackwardInput(
                data=data, loss_fn="ppo", loss_fn_config={"clip_low_threshold": 0.8, "tag": "x"}
            ),
            model_id="s:train:0",
            seq_id=4,
        )
        expected = forward_backward_request_to_proto(request)
        ours = official_pb.ForwardBackwardRequest.FromString((folder / "ours.bin").read_bytes())
        assert ours == expected, (ours, expected)
        """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
