"""The binary bodies of protocol.md section 8 round-trip through the compiled tinker_proto messages.

Packed numeric fields are little-endian arrays (numpy `.tobytes()` on a `<` dtype).
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import NDArray
from tinker_proto import tinker_public_pb2 as pb

LE_INT32 = np.dtype("<i4")
LE_INT64 = np.dtype("<i8")
LE_FLOAT32 = np.dtype("<f4")


def _forward_backward_request() -> pb.ForwardBackwardRequest:
    tokens = np.array([1, 2, 3, 70000], dtype=LE_INT32)
    targets = np.array([2, 3, 70000, 5], dtype=LE_INT64)
    weights = np.array([1.0, 1.0, 0.5, 0.0], dtype=LE_FLOAT32)
    datum = pb.Datum(
        model_input=[pb.Chunk(encoded_text=pb.EncodedTextChunk(tokens=tokens.tobytes()))],
        loss_fn_inputs={
            "target_tokens": pb.Tensor(dense=targets.tobytes(), dtype=pb.DTYPE_INT64, shape=[4]),
            "weights": pb.Tensor(dense=weights.tobytes(), dtype=pb.DTYPE_FLOAT32, shape=[4]),
        },
    )
    return pb.ForwardBackwardRequest(
        model_id="sess-1:train:0",
        seq_id=1,
        data=[datum],
        loss_fn="ppo",
        loss_fn_config={"clip_low_threshold": 0.8},
        loss_fn_config_v2={
            "clip_low_threshold": pb.LossConfigValue(number=0.8),
            "loss_id": pb.LossConfigValue(text="loss-0"),
        },
    )


def test_forward_backward_request_round_trips_with_packed_tokens() -> None:
    request = _forward_backward_request()
    decoded = pb.ForwardBackwardRequest.FromString(request.SerializeToString())

    assert decoded == request
    datum = decoded.data[0]
    tokens = np.frombuffer(datum.model_input[0].encoded_text.tokens, dtype=LE_INT32)
    np.testing.assert_array_equal(tokens, [1, 2, 3, 70000])
    target = datum.loss_fn_inputs["target_tokens"]
    assert (target.dtype, list(target.shape)) == (pb.DTYPE_INT64, [4])
    np.testing.assert_array_equal(np.frombuffer(target.dense, dtype=LE_INT64), [2, 3, 70000, 5])
    assert decoded.loss_fn_config_v2["loss_id"].WhichOneof("value") == "text"
    assert decoded.forward_only is False


def _batched(per_datum: list[NDArray[np.float32]], trailing_shape: list[int]) -> pb.BatchedTensor:
    """All datums' values back to back; offsets are int64 byte offsets, one more than datums."""
    sizes = [a.nbytes for a in per_datum]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(LE_INT64)
    data = b"".join(a.astype(LE_FLOAT32).tobytes() for a in per_datum)
    return pb.BatchedTensor(
        data=data, offsets=offsets.tobytes(), dtype=pb.DTYPE_FLOAT32, trailing_shape=trailing_shape
    )


def _unbatch(tensor: pb.BatchedTensor) -> list[NDArray[np.float32]]:
    offsets = np.frombuffer(tensor.offsets, dtype=LE_INT64)
    trailing = list(tensor.trailing_shape)
    out = []
    for start, end in itertools.pairwise(offsets):
        flat = np.frombuffer(tensor.data[start:end], dtype=LE_FLOAT32)
        out.append(flat.reshape([-1, *trailing]))
    return out


def test_forward_backward_output_with_two_array_records_decodes_to_the_same_arrays() -> None:
    first_chunk = [np.array([-0.5, -1.25], dtype=LE_FLOAT32), np.array([-2.0], dtype=LE_FLOAT32)]
    second_chunk = [np.array([[-0.1, -0.2], [-0.3, -0.4]], dtype=LE_FLOAT32)]
    output = pb.ForwardBackwardOutput(
        loss_fn_output_type="tinker_public:ArrayRecord",
        loss_fn_outputs=[
            pb.ArrayRecord(
                type_tag="ArrayRecord", fields={"logprobs": _batched(first_chunk, [])}, num_datums=2
            ),
            pb.ArrayRecord(
                type_tag="ArrayRecord", fields={"logprobs": _batched(second_chunk, [2])}, num_datums=1
            ),
        ],
        metrics={"loss:sum": 6.0},
    )

    decoded = pb.ForwardBackwardOutput.FromString(output.SerializeToString())

    assert decoded == output
    assert sum(r.num_datums for r in decoded.loss_fn_outputs) == 3
    arrays = [a for record in decoded.loss_fn_outputs for a in _unbatch(record.fields["logprobs"])]
    expected = first_chunk + second_chunk
    assert len(arrays) == len(expected)
    for got, want in zip(arrays, expected, strict=True):
        # per-datum shape = [elements / prod(trailing_shape), *trailing_shape] (protocol.md 8.3)
        assert got.shape == want.shape
        np.testing.assert_array_equal(got, want)
    assert dict(decoded.metrics) == {"loss:sum": 6.0}


def test_sample_response_round_trips_with_nan_prompt_logprobs() -> None:
    prompt_logprobs = np.array([np.nan, -1.5, -0.25], dtype=LE_FLOAT32)
    response = pb.SampleResponse(
        sequences=[
            pb.SampledSequence(
                stop_reason=pb.STOP_REASON_LENGTH,
                tokens=np.array([10, 11], dtype=LE_INT32).tobytes(),
                logprobs=np.array([-0.5, -1.0], dtype=LE_FLOAT32).tobytes(),
            ),
            pb.SampledSequence(tokens=np.array([12], dtype=LE_INT32).tobytes()),
        ],
        prompt_logprobs=prompt_logprobs.tobytes(),
        prompt_cache_hit_tokens=2,
    )
    decoded = pb.SampleResponse.FromString(response.SerializeToString())

    assert decoded.SerializeToString() == response.SerializeToString()
    assert decoded.sequences[1].stop_reason == pb.STOP_REASON_STOP  # proto3 default: unset means stop
    assert not decoded.sequences[1].HasField("logprobs")
    got = np.frombuffer(decoded.prompt_logprobs, dtype=LE_FLOAT32)
    assert np.isnan(got[0])
    np.testing.assert_array_equal(got[1:], prompt_logprobs[1:])
