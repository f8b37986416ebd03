"""Property-based bad input for the public data types (covers TYP-01, TYP-09, TYP-10, TYP-11,
TYP-12, TYP-13, TYP-14, TYP-30).

Every constructor is fed hypothesis-generated junk. The only outcomes allowed are a valid
object or a ``TinkexValidationError`` whose ``field`` names the argument that was wrong: no
``TypeError``/``ValueError``/``OverflowError`` from deep inside, no silently changed value.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pytest
from hypothesis import given, strategies as st

from tinkex import types as T
from tinkex.errors import TinkexValidationError

from ._inputs import DETERMINISTIC, junk, junk_arrays, record_tally, tally

pytestmark = pytest.mark.usefixtures("record_tally")
__all__ = ["record_tally"]

INT64_MAX = 2**63 - 1


def _attempt(kind: str, build: Any, allowed_fields: set[str]) -> Any:
    """Build, or check the rejection names one of ``allowed_fields``; count both outcomes."""
    tally("type inputs tried")
    try:
        value = build()
    except TinkexValidationError as error:
        tally("type inputs rejected")
        # The field is a path into the value ("tokens[0]", "loss_fn_inputs.weights"): its first
        # name is the argument that was wrong.
        field = error.field or ""
        assert any(field == name or field.startswith((f"{name}.", f"{name}[")) for name in allowed_fields), (
            f"{kind}: field {error.field!r} for {error}"
        )
        return None
    return value


token_lists = st.lists(st.one_of(junk, st.integers(min_value=-5, max_value=300)), max_size=6)


@DETERMINISTIC
@given(tokens=st.one_of(token_lists, junk, junk_arrays))
def test_model_input_from_ints(tokens: Any) -> None:  # covers TYP-01, TYP-02
    built = _attempt("ModelInput.from_ints", lambda: T.ModelInput.from_ints(tokens), {"tokens"})
    if built is not None:
        ints = built.to_ints()
        assert all(type(t) is int for t in ints), ints
        # Ids a list cannot be checked for cheaply at construction are refused where they are
        # encoded (tokens_np), naming the field; every id that passes fits the wire.
        try:
            encoded = built.chunks[0].tokens_np
        except TinkexValidationError as error:
            assert error.field == "tokens", error
        else:
            assert all(0 <= t <= INT64_MAX for t in encoded.tolist())


def test_model_input_rejects_out_of_range_token_ids() -> None:  # covers TYP-01
    # Arrays are checked at construction (vectorized); lists where they are encoded.
    for bad in (np.array([-3]), np.array([2**64 - 1], dtype=np.uint64)):
        with pytest.raises(TinkexValidationError, match=r"token ids") as info:
            T.ModelInput.from_ints(bad)
        assert info.value.field == "tokens"
    for bad_list in ([-1], [2**63]):
        chunk = T.EncodedTextChunk(tokens=bad_list)
        with pytest.raises(TinkexValidationError, match=r"token ids") as info:
            chunk.tokens_np  # noqa: B018 (the encoders' read)
        assert info.value.field == "tokens"


LOSS_KEYS = st.sampled_from(["target_tokens", "weights", "advantages", "logprobs", "mask", "", "1"])


@DETERMINISTIC
@given(
    key=LOSS_KEYS,
    value=st.one_of(junk, junk_arrays, st.lists(st.lists(st.integers(0, 9), max_size=3), max_size=3)),
)
def test_datum_loss_fn_inputs(key: str, value: Any) -> None:  # covers TYP-12, TYP-13
    model_input = T.ModelInput.from_ints([1, 2, 3])
    built = _attempt(
        "Datum",
        lambda: T.Datum(model_input=model_input, loss_fn_inputs={key: value}),
        {f"loss_fn_inputs.{key}"},
    )
    if built is not None:
        tensor = built.loss_fn_inputs[key]
        assert tensor.dtype in ("int64", "float32")
        assert tensor.to_numpy().dtype in (np.int64, np.float32)


@DETERMINISTIC
@given(model_input=junk, loss_fn_inputs=junk)
def test_datum_containers(model_input: Any, loss_fn_inputs: Any) -> None:  # covers TYP-12
    _attempt(
        "Datum",
        lambda: T.Datum(model_input=model_input, loss_fn_inputs=loss_fn_inputs),
        {
            "model_input",
            "loss_fn_inputs",
            *(map(str, loss_fn_inputs) if isinstance(loss_fn_inputs, dict) else ()),
        },
    )


TENSOR_FIELDS = {"data", "dtype", "shape", "sparse_crow_indices", "sparse_col_indices"}


@DETERMINISTIC
@given(
    data=st.one_of(junk, junk_arrays, st.lists(st.floats(), max_size=4)),
    dtype=st.one_of(st.sampled_from(["int64", "float32", "int32", "bfloat16", ""]), junk),
    shape=st.one_of(st.none(), junk, st.lists(st.integers(-3, 5), max_size=3)),
)
def test_tensor_data_dense(data: Any, dtype: Any, shape: Any) -> None:  # covers TYP-09, TYP-10, TYP-11
    built = _attempt("TensorData", lambda: T.TensorData(data=data, dtype=dtype, shape=shape), TENSOR_FIELDS)
    if built is not None:
        array = built.to_numpy()
        assert built.shape is None or list(array.shape) == built.shape
        if built.dtype == "int64":
            assert array.dtype == np.int64


@DETERMINISTIC
@given(
    crow=st.one_of(junk, st.lists(st.integers(-2, 4), max_size=4)),
    col=st.one_of(junk, st.lists(st.integers(-2, 4), max_size=4)),
    shape=st.one_of(junk, st.lists(st.integers(-1, 3), min_size=2, max_size=2)),
)
def test_tensor_data_sparse_indices(crow: Any, col: Any, shape: Any) -> None:  # covers TYP-10
    built = _attempt(
        "TensorData CSR",
        lambda: T.TensorData(
            data=[1.0, 2.0], dtype="float32", shape=shape, sparse_crow_indices=crow, sparse_col_indices=col
        ),
        TENSOR_FIELDS,
    )
    if built is not None and built.sparse_crow_indices is not None:
        # a CSR the validator let through densifies to its shape without an IndexError
        assert list(built.to_numpy().shape) == built.shape


SAMPLING_FIELDS = ["max_tokens", "seed", "stop", "temperature", "top_k", "top_p"]


@DETERMINISTIC
@given(field=st.sampled_from(SAMPLING_FIELDS), value=junk)
def test_sampling_params(field: str, value: Any) -> None:  # covers TYP-30
    built = _attempt("SamplingParams", lambda: T.SamplingParams(**{field: value}), {field})
    if built is not None:
        built.model_dump_json()  # whatever is accepted can be sent


ADAM_FIELDS = ["learning_rate", "beta1", "beta2", "eps", "weight_decay", "grad_clip_norm"]


@DETERMINISTIC
@given(field=st.sampled_from(ADAM_FIELDS), value=junk)
def test_adam_params(field: str, value: Any) -> None:  # covers TYP-22
    built = _attempt("AdamParams", lambda: T.AdamParams(**{field: value}), {field})
    if built is not None:
        assert np.isfinite(getattr(built, field))


@DETERMINISTIC
@given(field=st.sampled_from(["rank", "seed", "train_unembed", "train_mlp", "train_attn"]), value=junk)
def test_lora_config(field: str, value: Any) -> None:  # covers TYP-23
    kwargs: dict[str, Any] = {"rank": 4, field: value}
    built = _attempt("LoraConfig", lambda: T.LoraConfig(**kwargs), {field})
    if built is not None:
        built.model_dump_json()
        assert all(
            isinstance(getattr(built, flag), bool) for flag in ("train_unembed", "train_mlp", "train_attn")
        )


segments = st.one_of(
    st.sampled_from(["", ".", "..", "run-1:train:0", "weights", "sampler_weights", "x y", "a\x00b", "é"]),
    st.text(max_size=6),
)


@DETERMINISTIC
@given(
    path=st.one_of(
        junk,
        st.builds(lambda parts: "tinker://" + "/".join(parts), st.lists(segments, min_size=0, max_size=5)),
    )
)
def test_parsed_checkpoint_tinker_path(path: Any) -> None:  # covers TYP-14
    parsed = _attempt(
        "ParsedCheckpointTinkerPath",
        lambda: T.ParsedCheckpointTinkerPath.from_tinker_path(path),
        {"tinker_path"},
    )
    if parsed is not None:
        for part in (parsed.training_run_id, parsed.checkpoint_name):
            assert part not in ("", ".", "..") and part.isprintable()


def test_tally_counts_every_kind(record_tally: Counter[str]) -> None:
    # Not vacuous: the properties above really produced both outcomes.
    assert record_tally["type inputs tried"] > record_tally["type inputs rejected"] > 0
