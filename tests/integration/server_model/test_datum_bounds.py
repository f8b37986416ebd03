"""Declared shapes are checked before anything is allocated for them (issue #15, bounded work):
a few bytes of sparse tensor cannot make the server build a gigabyte dense array."""

from __future__ import annotations

import numpy as np
import pytest

from tinkex._wire.proto_codec import WireChunk, WireDatum, WireTensor
from tinkex.server.datums import MAX_DATUMS_PER_REQUEST, MAX_REQUEST_ELEMENTS, datum_arrays
from tinkex.server.model.catalog import MODEL_CATALOG
from tinkex.server.validation import ApiError

SPEC = MODEL_CATALOG["local/byte-tiny"]
N = 8


def _sparse(shape: tuple[int, ...]) -> WireTensor:
    """One value at [0, 0]; the row index is sized for small shapes only (huge ones never get there)."""
    rows = shape[0] if len(shape) == 2 and 0 <= shape[0] <= 4096 else 1
    crow = np.ones(rows + 1, np.int64)
    crow[0] = 0
    return WireTensor(np.ones(1, np.float32), "float32", shape, crow, np.zeros(1, np.int64))


def _datum(**inputs: WireTensor) -> WireDatum:
    tokens = np.arange(N, dtype=np.int32)
    base = {"target_tokens": WireTensor(np.arange(N, dtype=np.int64), "int64", (N,))}
    return WireDatum(chunks=[WireChunk.text(tokens)], inputs={**base, **inputs})


def _refusal(datums: list[WireDatum]) -> str:
    with pytest.raises(ApiError) as caught:
        datum_arrays(datums, SPEC, "cross_entropy")
    assert caught.value.status == 400
    return caught.value.detail


@pytest.mark.parametrize(
    ("shape", "fragment"),
    [
        ((1, 250_000_000), "has a dimension above the model's max_context 512"),
        ((3, 10**10), "has a dimension above the model's max_context 512"),
        ((2**40,), "has a dimension above the model's max_context 512"),
        ((1, 2, 3), "must have 1 or 2 dimensions"),
        ((-1, 4), "must not hold negative sizes"),
    ],
)
def test_huge_or_malformed_declared_shapes_are_refused_before_densifying(
    shape: tuple[int, ...], fragment: str
) -> None:
    detail = _refusal([_datum(weights=_sparse(shape))])
    assert detail.startswith("data[0].loss_fn_inputs.weights.shape: ") and fragment in detail


def test_the_request_element_budget_bounds_many_legal_tensors() -> None:
    # Each tensor is legal alone ([512, 512]); the request as a whole is not.
    per_tensor = SPEC.max_context * SPEC.max_context
    count = MAX_REQUEST_ELEMENTS // per_tensor + 1
    datums = [_datum(weights=_sparse((SPEC.max_context, SPEC.max_context))) for _ in range(count)]
    assert "per request" in _refusal(datums)


def test_datum_count_and_token_count_are_bounded() -> None:
    assert "at most 256 datums" in _refusal([_datum()] * (MAX_DATUMS_PER_REQUEST + 1))
    long = WireDatum(chunks=[WireChunk.text(np.zeros(SPEC.max_context + 1, np.int32))], inputs={})
    assert "more than the model's max_context" in _refusal([long])


def test_a_dense_tensor_must_hold_its_declared_values() -> None:
    short = WireTensor(np.ones(3, np.float32), "float32", (N,))
    assert "does not match 3 values" in _refusal([_datum(weights=short)])


def test_legal_datums_still_densify() -> None:
    arrays = datum_arrays(
        [_datum(weights=WireTensor(np.ones(N, np.float32), "float32", (N,)))], SPEC, "cross_entropy"
    )
    assert arrays[0].tokens.shape == (N,) and arrays[0].inputs["weights"].shape == (N,)
