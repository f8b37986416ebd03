"""ModelInput, chunks and Datum loss_fn_inputs coercion."""

from __future__ import annotations

import numpy as np
import pytest

from tinkex.types import (
    Datum,
    EncodedTextChunk,
    ImageAssetPointerChunk,
    ImageChunk,
    ModelInput,
    PromptProvenanceSpan,
    SampledProvenanceSpan,
    TensorData,
    TinkexValidationError,
)

OBSERVED_MODEL_INPUT = {"chunks": [{"tokens": [1, 2, 3], "type": "encoded_text"}]}  # protocol §5.1


def test_from_ints_to_ints_and_json() -> None:  # covers TYP-01, TYP-02, TYP-06
    mi = ModelInput.from_ints([1, 2, 3])
    assert mi.to_ints() == [1, 2, 3]
    assert mi.length == 3
    assert mi.to_dict() == OBSERVED_MODEL_INPUT
    assert ModelInput.from_dict(OBSERVED_MODEL_INPUT) == mi
    assert ModelInput.model_validate_json(mi.model_dump_json()) == mi


def test_numpy_tokens_are_recorded_and_exposed_as_list() -> None:  # covers TYP-06 (issue 8)
    arr = np.arange(5, dtype=np.int32)
    chunk = ModelInput.from_ints(arr).chunks[0]
    arr[:] = 9  # the caller reuses its buffer: the chunk keeps the values it was built with
    assert isinstance(chunk, EncodedTextChunk)
    assert chunk.tokens_np.tolist() == [0, 1, 2, 3, 4] and not chunk.tokens_np.flags.writeable
    assert chunk.tokens == [0, 1, 2, 3, 4]
    assert chunk == EncodedTextChunk(tokens=[0, 1, 2, 3, 4])
    assert chunk.to_dict() == {"tokens": [0, 1, 2, 3, 4], "type": "encoded_text"}


def test_tokens_must_be_integers() -> None:
    with pytest.raises(TinkexValidationError, match="tokens"):
        EncodedTextChunk(tokens=[1, "a"])  # type: ignore[list-item]
    with pytest.raises(TinkexValidationError, match="tokens"):
        EncodedTextChunk(tokens=np.zeros(3))


def test_to_ints_raises_on_image() -> None:  # covers TYP-02
    mi = ModelInput(
        chunks=[EncodedTextChunk(tokens=[1]), ImageChunk(data=b"x", format="png", expected_tokens=4)]
    )
    assert mi.length == 5
    with pytest.raises(ValueError, match="EncodedTextChunk"):
        mi.to_ints()


def test_image_length_needs_expected_tokens() -> None:  # covers TYP-04, TYP-07, TYP-08
    with pytest.raises(ValueError, match="expected_tokens"):
        _ = ImageChunk(data=b"x", format="png").length
    with pytest.raises(ValueError, match="expected_tokens"):
        _ = ImageAssetPointerChunk(location="s3://x", format="jpeg").length
    with pytest.raises(TinkexValidationError, match="format"):
        ImageChunk(data=b"x", format="gif")  # type: ignore[arg-type]


def test_image_chunk_base64_round_trip() -> None:  # covers TYP-07
    chunk = ImageChunk(data=b"\x89PNG", format="png")
    dumped = chunk.to_dict()
    assert dumped == {"data": "iVBORw==", "format": "png", "type": "image"}
    assert ImageChunk.from_dict(dumped) == chunk
    pointer = ImageAssetPointerChunk(location="gs://b/i.png", format="png", expected_tokens=7)
    assert ModelInput.from_dict({"chunks": [pointer.to_dict()]}).chunks == [pointer]


def test_incremental_builders_return_new_inputs() -> None:  # covers TYP-05
    empty = ModelInput.empty()
    grown = empty.append_int(5).append(EncodedTextChunk(tokens=[6, 7]))
    assert empty.chunks == []
    assert grown.to_ints() == [5, 6, 7]
    assert len(grown.chunks) == 2  # official: append_int adds a one-token chunk


def test_request_types_reject_unknown_fields() -> None:
    with pytest.raises(TinkexValidationError, match="Extra inputs are not permitted"):
        ModelInput.from_dict({"chunks": [], "extra": 1})


def test_datum_coerces_lists_by_key() -> None:  # covers TYP-12
    d = Datum(
        model_input=ModelInput.from_ints([1, 2]),
        loss_fn_inputs={
            "target_tokens": [2, 3],
            "weights": [1, 0],
            "advantages": [0.5, 1],
            "sequence_ratio_mask": [1],
        },
    )
    assert d.loss_fn_inputs["target_tokens"].dtype == "int64"
    assert d.loss_fn_inputs["weights"].dtype == "float32"
    assert d.loss_fn_inputs["weights"].data == [1.0, 0.0]
    assert d.loss_fn_inputs["advantages"].dtype == "float32"
    assert d.loss_fn_inputs["sequence_ratio_mask"].dtype == "float32"


def test_datum_unknown_list_key_names_allowed_keys() -> None:  # covers TYP-12
    with pytest.raises(TinkexValidationError) as info:
        Datum(model_input=ModelInput.from_ints([1]), loss_fn_inputs={"mask": [1, 0]})
    assert "mask" in str(info.value)
    assert "target_tokens" in str(info.value) and "clip_high_threshold" in str(info.value)


def test_datum_keeps_arrays_and_tensor_data_under_any_key() -> None:  # covers TYP-12
    arr = np.ones(3, dtype=np.float32)
    td = TensorData(data=[1, 2], dtype="int64")
    d = Datum(model_input=ModelInput.from_ints([1]), loss_fn_inputs={"custom": arr, "other": td})
    arr[:] = 7  # recorded at construction, as pydantic copies
    assert d.loss_fn_inputs["custom"].to_numpy().tolist() == [1.0, 1.0, 1.0]
    assert d.loss_fn_inputs["other"] is td  # an immutable TensorData is kept as it is


def test_datum_nested_lists_keep_shape_and_ragged_fail() -> None:  # covers TYP-12, D-08
    d = Datum(model_input=ModelInput.from_ints([1]), loss_fn_inputs={"weights": [[1, 2], [3, 4]]})
    assert d.loss_fn_inputs["weights"].shape == [2, 2]
    with pytest.raises(TinkexValidationError, match="rectangular"):
        Datum(model_input=ModelInput.from_ints([1]), loss_fn_inputs={"weights": [[1, 2], [3]]})
    with pytest.raises(TinkexValidationError, match="numbers"):
        Datum(model_input=ModelInput.from_ints([1]), loss_fn_inputs={"weights": ["a"]})


def test_datum_json_round_trip() -> None:  # covers TYP-12
    payload = {
        "model_input": OBSERVED_MODEL_INPUT,
        "loss_fn_inputs": {
            "target_tokens": {"data": [2, 3, 4], "dtype": "int64", "shape": [3]},
            "weights": {"data": [1.0, 1.0, 1.0], "dtype": "float32", "shape": [3]},
        },
    }
    d = Datum.from_dict(payload)
    assert d.to_dict() == payload
    assert Datum.model_validate(payload).model_dump(mode="json", exclude_none=True) == payload


def test_datum_provenance() -> None:
    d = Datum(model_input=ModelInput.from_ints([1, 2, 3]), loss_fn_inputs={"target_tokens": [2, 3, 4]})
    spans = [
        PromptProvenanceSpan(sequence_id="s", length=2),
        SampledProvenanceSpan(sequence_id="s", length=1),
    ]
    with_spans = d.with_provenance(model_input=spans, loss_fn_inputs=spans)
    assert with_spans.model_input_spans == spans
    assert "model_input_spans" not in with_spans.to_dict()  # carried only in protobuf
    with pytest.raises(TinkexValidationError, match="cover 2"):
        d.with_provenance(model_input=spans[:1], loss_fn_inputs=spans)
    with pytest.raises(TinkexValidationError, match="pair"):
        Datum(model_input=d.model_input, model_input_spans=spans)
    with pytest.raises(TinkexValidationError, match="length"):
        PromptProvenanceSpan(sequence_id="s", length=-1)
