"""The zero-copy result reader (proto_read) against the generated-class decoder (the reference)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinker_proto import tinker_public_pb2 as pb

from tinkex._wire import convert, proto_read
from tinkex._wire.proto_codec import (
    WireSampledSequence,
    decode_forward_backward_output,
    decode_sample_response,
    encode_forward_backward_output,
    encode_sample_response,
)
from tinkex.errors import TinkexValidationError
from tinkex.types.sampling import TopkLogprobs

_SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def _outputs(draw: st.DrawFn) -> list[dict[str, np.ndarray]]:
    names = draw(st.lists(st.sampled_from(["logprobs", "elementwise_loss", "ids"]), unique=True, max_size=3))
    trailing = {name: draw(st.sampled_from([(), (2,), (1, 3)])) for name in names}
    dtypes = {name: draw(st.sampled_from([np.float32, np.int64, np.int32])) for name in names}
    outputs = []
    for _ in range(draw(st.integers(1, 4))):
        length = draw(st.integers(0, 5))
        outputs.append(
            {
                name: np.arange(length * int(np.prod(trailing[name])), dtype=dtypes[name]).reshape(
                    length, *trailing[name]
                )
                if trailing[name]
                else np.arange(length, dtype=dtypes[name])
                for name in names
            }
        )
    return outputs


@_SETTINGS
@given(
    outputs=_outputs(), metrics=st.dictionaries(st.text(max_size=5), st.floats(allow_nan=False), max_size=3)
)
def test_forward_backward_output_matches_the_reference_decoder(
    outputs: list[dict[str, np.ndarray]], metrics: dict[str, float]
) -> None:
    # covers the protobuf ForwardBackwardOutput (protocol §8.3)
    body = encode_forward_backward_output("tinker.types:ArrayRecord", outputs, metrics)
    fast, slow = proto_read.decode_forward_backward_output(body), decode_forward_backward_output(body)
    assert fast.loss_fn_output_type == slow.loss_fn_output_type == "ArrayRecord"
    assert fast.metrics == slow.metrics
    assert len(fast.loss_fn_outputs) == len(slow.loss_fn_outputs)
    for got, want in zip(fast.loss_fn_outputs, slow.loss_fn_outputs, strict=True):
        assert got.keys() == want.keys()
        for name in got:
            assert got[name].dtype == want[name].dtype and got[name].shape == want[name].shape
            np.testing.assert_array_equal(got[name], want[name])


def test_output_widening_unset_counts_and_views() -> None:
    # covers the protobuf ForwardBackwardOutput decoding rules (protocol §8.3)
    msg = pb.ForwardBackwardOutput(loss_fn_output_type="ArrayRecord")
    msg.metrics["loss:sum"] = 2.5
    first = msg.loss_fn_outputs.add()  # num_datums unset: the offsets say how many
    bf16 = (np.array([0.5, 0.25], np.float32).view(np.uint32) >> 16).astype("<u2")
    first.fields["logprobs"].data = bf16.tobytes()
    first.fields["logprobs"].offsets = np.array([0, 2, 4], "<i8").tobytes()
    first.fields["logprobs"].dtype = pb.DTYPE_BFLOAT16
    second = msg.loss_fn_outputs.add(num_datums=1)
    second.fields["logprobs"].data = np.array([7, 8], "<i4").tobytes()
    second.fields["logprobs"].offsets = np.array([0, 8], "<i8").tobytes()
    second.fields["logprobs"].dtype = pb.DTYPE_INT32
    third = msg.loss_fn_outputs.add(num_datums=1)
    third.fields["logprobs"].data = np.array([1.5], "<f4").tobytes()
    third.fields["logprobs"].offsets = np.array([0, 4], "<i8").tobytes()
    third.fields["logprobs"].dtype = pb.DTYPE_FLOAT32
    body = msg.SerializeToString()
    fast = proto_read.decode_forward_backward_output(body)
    assert [o["logprobs"].tolist() for o in fast.loss_fn_outputs] == [[0.5], [0.25], [7, 8], [1.5]]
    assert fast.loss_fn_outputs[2]["logprobs"].dtype == np.int64
    assert fast.metrics == {"loss:sum": 2.5}
    view = fast.loss_fn_outputs[3]["logprobs"]
    assert not view.flags.owndata and not view.flags.writeable  # a view of the body, not a copy


@pytest.mark.parametrize(
    "offsets",
    [[0, 4], [0, 6, 8], [0, 8, 4, 8], [4, 8]],
    ids=["short", "misaligned", "decreasing", "not-from-zero"],
)
def test_bad_offsets_are_refused(offsets: list[int]) -> None:
    msg = pb.ForwardBackwardOutput()
    record = msg.loss_fn_outputs.add()
    record.fields["logprobs"].data = np.zeros(2, "<f4").tobytes()
    record.fields["logprobs"].offsets = np.array(offsets, "<i8").tobytes()
    record.fields["logprobs"].dtype = pb.DTYPE_FLOAT32
    with pytest.raises(proto_read.ProtoDecodeError):
        proto_read.decode_forward_backward_output(msg.SerializeToString())


@st.composite
def _sequences(draw: st.DrawFn) -> list[WireSampledSequence]:
    sequences = []
    for _ in range(draw(st.integers(0, 3))):
        n = draw(st.integers(0, 6))
        sequences.append(
            WireSampledSequence(
                np.arange(n, dtype=np.int32),
                np.linspace(-1, 0, n, dtype=np.float32) if draw(st.booleans()) else None,
                draw(st.sampled_from(["stop", "length"])),
            )
        )
    return sequences


@_SETTINGS
@given(
    sequences=_sequences(),
    prompt=st.none() | st.lists(st.sampled_from([math.nan, -1.25, 0.0]), max_size=5),
    topk=st.booleans(),
    hits=st.integers(0, 1000),
)
def test_sample_response_matches_the_reference_decoder(
    sequences: list[WireSampledSequence], prompt: list[float] | None, topk: bool, hits: int
) -> None:
    # covers the protobuf SampleResponse (protocol §8.3)
    n = len(prompt or [])
    prompt_topk = (np.zeros((n, 2), np.int32) + 3, np.full((n, 2), -0.5, np.float32)) if topk and n else None
    body = encode_sample_response(
        sequences,
        prompt_logprobs=None if prompt is None else np.array(prompt, np.float32),
        topk_prompt_logprobs=prompt_topk,
        prompt_cache_hit_tokens=hits,
    )
    fast, slow = proto_read.decode_sample_response(body), decode_sample_response(body)
    assert fast.prompt_cache_hit_tokens == slow.prompt_cache_hit_tokens == hits
    for got, want in zip(fast.sequences, slow.sequences, strict=True):
        assert got.stop_reason == want.stop_reason
        np.testing.assert_array_equal(got.tokens, want.tokens)
        assert (got.logprobs is None) == (want.logprobs is None)
        if got.logprobs is not None:
            np.testing.assert_array_equal(got.logprobs, want.logprobs)
    if slow.prompt_logprobs is None:
        assert fast.prompt_logprobs is None
    else:
        assert fast.prompt_logprobs is not None
        assert [None if math.isnan(x) else x for x in fast.prompt_logprobs.tolist()] == slow.prompt_logprobs
    got_topk = (
        None if fast.topk_prompt_logprobs is None else TopkLogprobs(*fast.topk_prompt_logprobs).to_lists()
    )
    assert got_topk == slow.topk_prompt_logprobs


def test_sampled_topk_nan_cells_read_as_padding() -> None:
    # covers top-k sentinels (protocol §8.3): NaN written by another writer means "no entry"
    msg = pb.SampleResponse()
    seq = msg.sequences.add(tokens=np.array([4, 5], "<i4").tobytes())
    seq.topk_sampled_logprobs.token_ids = np.array([[9, 0], [0, 0]], "<i4").tobytes()
    seq.topk_sampled_logprobs.logprobs = np.array([[-0.5, np.nan], [np.nan, np.nan]], "<f4").tobytes()
    seq.topk_sampled_logprobs.k, seq.topk_sampled_logprobs.length = 2, 2
    response = convert.sample_response_from_proto(msg.SerializeToString(), ["s-1"])
    assert response.sequences[0].topk_logprobs == [[(9, -0.5)], None]
    assert response.sequences[0].sequence_id == "s-1"


def test_target_and_alt_tensors_reach_the_sample_response() -> None:
    # covers SampleResponse.target_prompt_logprobs / prompt_alt_tokens over protobuf (0.38)
    msg = pb.SampleResponse(prompt_logprobs=np.array([np.nan, -2.0], "<f4").tobytes())
    msg.sequences.add(stop_reason=pb.STOP_REASON_LENGTH, tokens=np.array([1], "<i4").tobytes())
    msg.target_prompt_logprobs.dense = np.array([-0.25, -0.75], "<f4").tobytes()
    msg.target_prompt_logprobs.dtype = pb.DTYPE_FLOAT32
    msg.prompt_alt_tokens.tokens.dense = np.array([[3, 4]], "<i8").tobytes()
    msg.prompt_alt_tokens.tokens.dtype = pb.DTYPE_INT64
    msg.prompt_alt_tokens.tokens.shape.extend([1, 2])
    msg.prompt_alt_tokens.logprobs.dense = np.array([[-1.0, -2.0]], "<f4").tobytes()
    msg.prompt_alt_tokens.logprobs.dtype = pb.DTYPE_FLOAT32
    msg.prompt_alt_tokens.logprobs.shape.extend([1, 2])
    response = convert.sample_response_from_proto(msg.SerializeToString())
    assert response.prompt_logprobs == [None, -2.0]
    assert response.sequences[0].stop_reason == "length" and response.sequences[0].tokens == [1]
    assert response.target_prompt_logprobs is not None
    assert response.target_prompt_logprobs.tolist() == [-0.25, -0.75]
    assert response.prompt_alt_tokens is not None
    assert response.prompt_alt_tokens.tokens.tolist() == [[3, 4]]
    assert response.prompt_alt_tokens.logprobs.tolist() == [[-1.0, -2.0]]


@pytest.mark.parametrize(
    "body", [b"\x0a\x05ab", b"\x0a", b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", b"\x0b"]
)
def test_malformed_bodies_raise_a_validation_error(body: bytes) -> None:
    # covers bad server replies: a clear error, never a crash deep in numpy
    with pytest.raises(TinkexValidationError, match="malformed protobuf"):
        convert.sample_response_from_proto(body)
    with pytest.raises(TinkexValidationError, match="malformed protobuf"):
        convert.forward_backward_output_from_proto(body)


def test_unknown_fields_are_skipped() -> None:
    body = encode_sample_response([WireSampledSequence(np.array([7], np.int32), None, "stop")])
    extra = (
        b"\x78\x05" + b"\x81\x01" + b"\x00" * 8 + b"\x8a\x01\x02hi" + b"\x8d\x01" + b"\x00" * 4
    )  # fields 15, 16, 17, 17
    decoded = proto_read.decode_sample_response(extra + body)
    assert decoded.sequences[0].tokens.tolist() == [7]
