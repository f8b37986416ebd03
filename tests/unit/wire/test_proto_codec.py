"""The protobuf codec (protocol.md section 8), including byte-level agreement with the official SDK."""

from __future__ import annotations

import numpy as np
import pytest
from tinker_proto import tinker_public_pb2 as pb

from tinkex._wire.proto_codec import (
    WireChunk,
    WireDatum,
    WireSampledSequence,
    WireTensor,
    compress_zstd,
    decode_forward_backward_output,
    decode_forward_backward_request,
    decode_sample_response,
    decompress_zstd,
    encode_forward_backward_output,
    encode_forward_backward_request,
    encode_sample_response,
)


def _datum(tokens: list[int]) -> WireDatum:
    n = len(tokens)
    return WireDatum(
        chunks=[WireChunk.text(tokens)],
        inputs={
            "target_tokens": WireTensor(np.arange(n, dtype=np.int64), "int64", (n,)),
            "weights": WireTensor(np.linspace(0, 1, n, dtype=np.float32), "float32", (n,)),
        },
    )


def test_request_round_trip_dense_and_config_maps() -> None:
    body = encode_forward_backward_request(
        "m:train:0", 3, "ppo", {"clip_low_threshold": 0.8, "loss_id": "abc"}, [_datum([1, 2, 3])], False
    )
    raw = pb.ForwardBackwardRequest.FromString(body)
    # numbers go to both maps, strings only to v2
    assert dict(raw.loss_fn_config) == {"clip_low_threshold": pytest.approx(0.8)}
    assert raw.loss_fn_config_v2["loss_id"].text == "abc"
    assert raw.data[0].model_input[0].encoded_text.tokens == np.array([1, 2, 3], "<i4").tobytes()

    decoded = decode_forward_backward_request(body)
    assert (decoded.model_id, decoded.seq_id, decoded.loss_fn, decoded.forward_only) == (
        "m:train:0",
        3,
        "ppo",
        False,
    )
    assert decoded.loss_fn_config == {"clip_low_threshold": pytest.approx(0.8), "loss_id": "abc"}
    datum = decoded.data[0]
    assert datum.chunks[0].kind == "encoded_text"
    np.testing.assert_array_equal(datum.chunks[0].tokens, [1, 2, 3])
    assert datum.inputs["target_tokens"].dtype == "int64"
    np.testing.assert_array_equal(datum.inputs["target_tokens"].to_dense(), [0, 1, 2])
    np.testing.assert_array_equal(datum.inputs["weights"].to_dense(), np.linspace(0, 1, 3, dtype=np.float32))


def test_request_legacy_only_config_and_v2_precedence() -> None:
    msg = pb.ForwardBackwardRequest(model_id="m", seq_id=1, loss_fn="dro")
    msg.loss_fn_config["beta"] = 0.5
    msg.loss_fn_config["other"] = 1.0
    msg.loss_fn_config_v2["other"].number = 2.0
    decoded = decode_forward_backward_request(msg.SerializeToString())
    assert decoded.loss_fn_config == {"beta": 0.5, "other": 2.0}


def test_request_sparse_tensor_and_other_chunks_round_trip() -> None:
    dense = np.array([[0, 5, 0], [0, 0, 0], [7, 0, 9]], dtype=np.int64)
    tensor = WireTensor(
        array=np.array([5, 7, 9], dtype=np.int64),
        dtype="int64",
        shape=(3, 3),
        sparse_crow=np.array([0, 1, 1, 3]),
        sparse_col=np.array([1, 0, 2]),
    )
    datum = WireDatum(
        chunks=[
            WireChunk.text([4]),
            WireChunk(kind="image", data=b"\x89PNG", format="png", expected_tokens=7),
            WireChunk(kind="dmel", data=b"\x00\x01"),
        ],
        inputs={"target_tokens": tensor},
    )
    decoded = decode_forward_backward_request(
        encode_forward_backward_request("m", 1, "ce", None, [datum], True)
    )
    got = decoded.data[0]
    assert decoded.forward_only is True
    assert got.inputs["target_tokens"].is_sparse
    np.testing.assert_array_equal(got.inputs["target_tokens"].to_dense(), dense)
    np.testing.assert_array_equal(got.inputs["target_tokens"].to_dense(pad=-1)[1], [-1, -1, -1])
    assert (got.chunks[1].kind, got.chunks[1].data, got.chunks[1].format, got.chunks[1].expected_tokens) == (
        "image",
        b"\x89PNG",
        "png",
        7,
    )
    assert (got.chunks[2].kind, got.chunks[2].data) == ("dmel", b"\x00\x01")


def test_request_widens_int32_and_bfloat16_inputs() -> None:
    msg = pb.ForwardBackwardRequest(model_id="m", seq_id=1, loss_fn="cross_entropy")
    datum = msg.data.add()
    datum.loss_fn_inputs["target_tokens"].dense = np.array([1, 2], "<i4").tobytes()
    datum.loss_fn_inputs["target_tokens"].dtype = pb.DTYPE_INT32
    datum.loss_fn_inputs["target_tokens"].shape.append(2)
    bf16 = (np.array([1.5, -2.0], np.float32).view(np.uint32) >> 16).astype("<u2")
    datum.loss_fn_inputs["weights"].dense = bf16.tobytes()
    datum.loss_fn_inputs["weights"].dtype = pb.DTYPE_BFLOAT16
    decoded = decode_forward_backward_request(msg.SerializeToString()).data[0].inputs
    assert decoded["target_tokens"].array.dtype == np.int64
    assert decoded["weights"].dtype == "float32"
    np.testing.assert_array_equal(decoded["weights"].to_dense(), [1.5, -2.0])
    assert decoded["weights"].shape == (2,)  # no shape on the wire -> 1-D


def test_output_round_trip_with_trailing_shape() -> None:
    outputs = [
        {"logprobs": np.array([-1.0, -2.0], np.float32), "ids": np.arange(6, dtype=np.int64).reshape(2, 3)},
        {"logprobs": np.array([-3.0], np.float32), "ids": np.arange(3, dtype=np.int64).reshape(1, 3)},
    ]
    body = encode_forward_backward_output("ArrayRecord", outputs, {"loss:sum": 6.0})
    kind, decoded, metrics = decode_forward_backward_output(body)
    assert kind == "ArrayRecord"
    assert metrics == {"loss:sum": 6.0}
    assert len(decoded) == 2
    np.testing.assert_array_equal(decoded[1]["logprobs"], [-3.0])
    assert decoded[0]["ids"].shape == (2, 3)
    record = pb.ForwardBackwardOutput.FromString(body).loss_fn_outputs[0]
    # byte offsets, num_datums + 1 entries
    np.testing.assert_array_equal(np.frombuffer(record.fields["logprobs"].offsets, "<i8"), [0, 8, 12])


def test_output_decoding_rules_multiple_records_fallback_and_widening() -> None:
    msg = pb.ForwardBackwardOutput(loss_fn_output_type="tinker.types:ArrayRecord")
    first = msg.loss_fn_outputs.add()  # num_datums unset: fall back to the offsets count
    bf16 = (np.array([0.5, 0.25], np.float32).view(np.uint32) >> 16).astype("<u2")
    first.fields["logprobs"].data = bf16.tobytes()
    first.fields["logprobs"].offsets = np.array([0, 2, 4], "<i8").tobytes()
    first.fields["logprobs"].dtype = pb.DTYPE_BFLOAT16
    second = msg.loss_fn_outputs.add(num_datums=1)
    second.fields["logprobs"].data = np.array([7], "<i4").tobytes()
    second.fields["logprobs"].offsets = np.array([0, 4], "<i8").tobytes()
    second.fields["logprobs"].dtype = pb.DTYPE_INT32
    kind, outputs, _ = decode_forward_backward_output(msg.SerializeToString())
    assert kind == "ArrayRecord"
    assert [o["logprobs"].tolist() for o in outputs] == [[0.5], [0.25], [7]]
    assert outputs[2]["logprobs"].dtype == np.int64
    assert (
        decode_forward_backward_output(pb.ForwardBackwardOutput().SerializeToString()).loss_fn_outputs == []
    )


def test_sample_response_round_trip_and_sentinels() -> None:
    ids = np.array([[0, 0], [5, 9], [3, 0]], np.int32)
    lps = np.array([[np.nan, np.nan], [-0.1, -2.0], [-0.5, np.nan]], np.float32)
    body = encode_sample_response(
        [
            WireSampledSequence(np.array([1, 2], np.int32), np.array([-0.5, -1.0], np.float32), "length"),
            WireSampledSequence(np.array([258], np.int32), None, "stop"),
        ],
        prompt_logprobs=np.array([np.nan, -1.25, -2.5], np.float32),
        topk_prompt_logprobs=(ids, lps),
    )
    decoded = decode_sample_response(body)
    assert [s.stop_reason for s in decoded.sequences] == ["length", "stop"]
    assert decoded.sequences[0].tokens.tolist() == [1, 2]
    assert decoded.sequences[1].logprobs is None
    assert decoded.prompt_logprobs == [None, -1.25, -2.5]
    assert decoded.topk_prompt_logprobs == [None, [(5, pytest.approx(-0.1)), (9, -2.0)], [(3, -0.5)]]


def test_sample_response_absent_topk_and_default_stop_reason() -> None:
    msg = pb.SampleResponse()
    msg.sequences.add(tokens=np.array([4], "<i4").tobytes())
    msg.topk_prompt_logprobs.k = 0
    msg.topk_prompt_logprobs.length = 3
    decoded = decode_sample_response(msg.SerializeToString())
    assert decoded.sequences[0].stop_reason == "stop"
    assert decoded.topk_prompt_logprobs is None
    assert decoded.prompt_logprobs is None


def test_zstd_round_trip_including_streamed_frames() -> None:
    body = encode_forward_backward_request("m", 1, "cross_entropy", {}, [_datum(list(range(50)))], False)
    assert decompress_zstd(compress_zstd(body)) == body
    import zstandard

    streamed = zstandard.ZstdCompressor().compressobj()
    frame = streamed.compress(body) + streamed.flush()  # no content size in the frame header
    assert decompress_zstd(frame) == body
