"""TensorData: dtype rules, zero-copy numpy storage, CSR, conversions."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from tinkex.types import TensorData, TinkexValidationError, check_precision_loss, dtype_from_numpy


def test_from_numpy_records_the_values_and_shape() -> None:  # covers TYP-09
    arr = np.arange(6, dtype=np.int64).reshape(2, 3)
    td = TensorData.from_numpy(arr)
    arr[0, 0] = 99  # the caller's buffer changes later: the tensor keeps what it was given
    assert td.dtype == "int64"
    assert td.shape == [2, 3]
    assert td.to_numpy().tolist() == [[0, 1, 2], [3, 4, 5]]
    assert not td.to_numpy().flags.writeable  # immutable, like the type
    assert td.data == [0, 1, 2, 3, 4, 5]


def test_constructor_copies_and_reshapes() -> None:  # covers TYP-09
    flat = np.arange(4, dtype=np.float32)
    td = TensorData(data=flat, dtype="float32", shape=[2, 2])
    assert not np.shares_memory(td.to_numpy(), flat)
    assert td.to_numpy().shape == (2, 2)


@pytest.mark.parametrize(
    ("np_dtype", "wire"),
    [(np.int32, "int64"), (np.uint8, "int64"), (np.float64, "float32"), (np.float16, "float32")],
)
def test_dtype_widening_rules(np_dtype: type, wire: str) -> None:  # covers TYP-09, TYP-11
    td = TensorData.from_numpy(np.array([1, 2], dtype=np_dtype))
    assert td.dtype == wire
    assert td.to_numpy().dtype == np.dtype(wire)


def test_bfloat16_becomes_float32() -> None:  # covers TYP-09 (protocol §5.2)
    import ml_dtypes

    td = TensorData.from_numpy(np.array([1.5, 2.0], dtype=ml_dtypes.bfloat16))
    assert td.dtype == "float32"
    assert td.data == [1.5, 2.0]


@pytest.mark.parametrize("bad", [np.array([True]), np.array([1j])])
def test_bool_and_complex_are_rejected(bad: np.ndarray) -> None:  # covers TYP-09
    with pytest.raises(TinkexValidationError, match="not supported"):
        TensorData.from_numpy(bad)


def test_precision_helpers() -> None:  # covers TYP-11
    assert check_precision_loss(np.float64) is not None
    assert check_precision_loss(np.uint64) is not None
    assert check_precision_loss(np.float32) is None
    assert dtype_from_numpy(np.int16) == "int64"


def test_invalid_dtype_and_shape_name_the_field() -> None:
    with pytest.raises(TinkexValidationError, match="dtype"):
        TensorData(data=[1], dtype="int32")  # type: ignore[arg-type]
    with pytest.raises(TinkexValidationError, match="shape"):
        TensorData(data=[1, 2, 3], dtype="int64", shape=[2, 2])


def test_list_json_round_trip_and_tolist() -> None:  # covers TYP-10
    payload = {"data": [1.0, 2.0, 3.0, 4.0], "dtype": "float32", "shape": [2, 2]}
    td = TensorData.from_dict(payload)
    assert td.to_dict() == payload
    assert td.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert TensorData.model_validate(payload) == td
    scalar = TensorData.from_numpy(np.float32(3.0))
    assert scalar.tolist() == 3.0
    assert scalar.data == [3.0]


def test_to_dict_drops_absent_shape() -> None:
    assert TensorData(data=[1, 2], dtype="int64").to_dict() == {"data": [1, 2], "dtype": "int64"}


def test_sparse_csr_densifies_with_pad_value() -> None:  # covers protocol §5.2 CSR
    td = TensorData(
        data=[5, 7], dtype="int64", shape=[3, 3], sparse_crow_indices=[0, 1, 1, 2], sparse_col_indices=[2, 0]
    )
    assert td.to_numpy().tolist() == [[0, 0, 5], [0, 0, 0], [7, 0, 0]]
    assert td.to_numpy(pad_value=-1).tolist() == [[-1, -1, 5], [-1, -1, -1], [7, -1, -1]]
    assert td.data == [5, 7]
    assert TensorData.from_dict(td.to_dict()) == td


def test_from_numpy_sparse_only_when_smaller() -> None:
    mostly_pad = np.full((4, 5), -1, dtype=np.int64)
    mostly_pad[1, 3] = 9
    sparse = TensorData.from_numpy_sparse(mostly_pad, pad_value=-1)
    assert sparse.sparse_crow_indices == [0, 0, 1, 1, 1]
    assert sparse.sparse_col_indices == [3]
    np.testing.assert_array_equal(sparse.to_numpy(pad_value=-1), mostly_pad)
    dense = TensorData.from_numpy_sparse(np.ones((2, 2), dtype=np.int64))
    assert dense.sparse_crow_indices is None


def test_bad_csr_is_rejected() -> None:
    with pytest.raises(TinkexValidationError, match="sparse_crow_indices"):
        TensorData(data=[1], dtype="int64", shape=[2, 2], sparse_crow_indices=[0, 1], sparse_col_indices=[0])
    with pytest.raises(TinkexValidationError, match="sparse_col_indices"):
        TensorData(
            data=[1], dtype="int64", shape=[2, 2], sparse_crow_indices=[0, 1, 1], sparse_col_indices=[5]
        )
    with pytest.raises(TinkexValidationError, match="together"):
        TensorData(data=[1], dtype="int64", shape=[2, 2], sparse_crow_indices=[0, 1, 1])


def test_pad_value_must_be_an_integer() -> None:
    td = TensorData(data=[1], dtype="int64", shape=[1, 2], sparse_crow_indices=[0, 1], sparse_col_indices=[0])
    with pytest.raises(TypeError, match="pad_value"):
        td.to_numpy(pad_value=0.5)  # type: ignore[arg-type]


def test_jax_arrays_are_accepted_and_returned() -> None:  # covers TYP-09 (from_jax/to_jax)
    import jax.numpy as jnp

    td = TensorData.from_numpy(jnp.arange(3, dtype=jnp.int32))
    assert td.dtype == "int64" and td.data == [0, 1, 2]
    assert TensorData.from_jax(jnp.ones(2)).dtype == "float32"
    assert td.to_jax().tolist() == [0, 1, 2]


def test_torch_round_trip_keeps_values_and_wire_dtypes() -> None:  # covers TYP-09 (from_torch/to_torch)
    import torch  # a dev dependency, always installed for the suite

    td = TensorData.from_torch(torch.tensor([[1, 2], [3, 4]], dtype=torch.int32))
    assert td.dtype == "int64" and td.shape == [2, 2] and td.data == [1, 2, 3, 4]
    back = td.to_torch()
    assert back.dtype == torch.int64 and back.tolist() == [[1, 2], [3, 4]]
    assert TensorData.from_torch(torch.ones(3, dtype=torch.float64)).dtype == "float32"


def test_torch_methods_name_the_missing_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` fail
    with pytest.raises(ImportError, match="'torch' package"):
        TensorData(data=[1], dtype="int64").to_torch()


def test_immutable() -> None:
    td = TensorData(data=[1], dtype="int64")
    with pytest.raises(AttributeError):
        td.dtype = "float32"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("data", "dtype"),
    [
        ([1e300], "int64"),
        (np.array([2.0**63]), "int64"),
        (np.array([1e39]), "float32"),
        ([-1e300, 1.0], "float32"),
    ],
)
def test_values_the_wire_dtype_cannot_hold_are_refused(data: object, dtype: str) -> None:
    # covers TYP-09: a cast that would turn a number into INT64_MIN or inf names the field
    with pytest.raises(TinkexValidationError, match=f"out of range for {dtype}") as caught:
        TensorData(data=data, dtype=dtype)  # type: ignore[arg-type, unused-ignore]
    assert caught.value.field == "data"


def test_extremes_that_fit_and_non_finite_floats_are_kept() -> None:
    assert TensorData(data=np.array([-(2.0**63)]), dtype="int64").to_numpy().tolist() == [-(2**63)]
    floats = TensorData(data=np.array([np.inf, np.nan, 3e38]), dtype="float32").to_numpy()
    assert np.isinf(floats[0]) and np.isnan(floats[1]) and floats[2] == np.float32(3e38)


def test_a_flat_list_is_kept_until_an_array_is_needed() -> None:
    # The official idiom builds loss inputs from lists; they stay lists (checked by one C-level
    # sum) until an encoder or a reader asks for the values as float32/int64.
    weights = TensorData(data=[0.1, 1, 0.5], dtype="float32", shape=[3])
    assert weights._data._array is None and weights._data.nbytes == 12
    assert weights.data == np.asarray([0.1, 1, 0.5], dtype=np.float32).tolist()  # float32 values
    assert weights.to_numpy().dtype == np.float32 and weights.to_numpy().shape == (3,)
    grid = TensorData(data=[1, 2, 3, 4], dtype="int64", shape=[2, 2])
    assert grid.to_numpy().tolist() == [[1, 2], [3, 4]] and grid.tolist() == [[1, 2], [3, 4]]
    assert grid == TensorData.from_numpy(np.array([[1, 2], [3, 4]]))


def test_values_that_cancel_in_the_sum_are_refused_on_first_use() -> None:
    # [1e300, -1e300] sums to 0, so the range check waits for the array; it still names the field.
    cancelling = TensorData(data=[1e300, -1e300], dtype="float32")
    with pytest.raises(TinkexValidationError, match="out of range for float32") as caught:
        cancelling.to_numpy()
    assert caught.value.errors()[0]["loc"] == ("data",)
    too_big = TensorData(data=[2**64, -(2**64)], dtype="int64")
    with pytest.raises(TinkexValidationError, match="too large for int64"):
        _ = too_big.data
