"""``NumericArray``: the storage of the spec's numeric array fields marked ``x-tinkex-array``.

Token ids (``EncodedTextChunk.tokens``) and tensor values (``TensorData.data``) are the big
payloads of the protocol. A plain list field would cost a list<->array round trip on every
request (protobuf packs them as little-endian bytes), so these fields keep what they were given,
copied: a list stays a list, an array stays an array (read-only, so the type stays immutable).
The public attribute is always a list, as in the official SDK; encoders ask for ``numpy()``.
A type holding only lists never imports numpy (``lazy_numpy``); the first array built does.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .errors import Loc
from .field_containers import int_list
from .field_scalars import invalid

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["NumericArray", "ReadOnlyList", "wire_dtype"]

_INT64_MAX = 2**63 - 1


@functools.cache
def wire_dtype(name: str) -> np.dtype[Any]:
    """The numpy dtype of a wire dtype an array field may hold: the two of TensorData, and
    int32 for dense top-k ids (KeyError for any other name)."""
    import numpy as np

    dtypes: dict[str, np.dtype[Any]] = {
        "int64": np.dtype(np.int64),
        "float32": np.dtype(np.float32),
        "int32": np.dtype(np.int32),
    }
    return dtypes[name]


class ReadOnlyList(list[Any]):
    """The list a tinkex type hands out for an array field: a real ``list`` (it compares, indexes,
    iterates and serializes as one) that refuses changes, because the type is immutable and
    its encoders read the values it was built with."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(
            "this list is a read-only view of an immutable tinkex value; "
            "copy it with list(...) or build a new value with model_copy(update=...)"
        )

    append = extend = insert = pop = remove = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))  # copies and pickles are plain, mutable lists


class NumericArray:
    """Values held as given: a list (checked in one C-level pass, turned into an array on first
    ``numpy()``) or a read-only array. ``dtype`` is the wire dtype of a ``TensorData`` list, or
    None for token ids (int64, non-negative)."""

    __slots__ = ("_array", "_dtype", "_list", "_loc", "_view")

    def __init__(
        self,
        items: list[Any] | None,
        array: npt.NDArray[Any] | None,
        loc: Loc = (),
        dtype: str | None = None,
    ) -> None:
        self._list = items
        self._array = array
        self._loc = loc  # the field, for errors raised when a list is first turned into an array
        self._dtype = dtype
        self._view: ReadOnlyList | None = None

    # ---- construction ----------------------------------------------------------------------
    @classmethod
    def ints(cls, value: Any, loc: Loc) -> NumericArray:
        """Integer ids: a list is copied and checked in one pass; an integer array is copied."""
        if isinstance(value, NumericArray):
            return value
        if isinstance(value, (list, tuple)) or not hasattr(value, "__array__"):
            return cls(int_list(value, loc), None, loc)
        import numpy as np

        value = np.asarray(value)  # an array as it is; JAX, torch and friends without importing them
        if value.ndim != 1 or value.dtype.kind not in ("i", "u"):
            raise invalid(
                loc,
                "int_array",
                f"Input should be a 1-D integer array, got {value.dtype} {value.shape}",
                value,
            )
        if value.size and (int(value.min()) < 0 or int(value.max()) > _INT64_MAX):
            raise invalid(loc, "token_id_range", "Input should hold token ids in [0, 2**63)", value)
        return cls(None, _readonly(np.array(value, dtype=np.int64)), loc)

    @classmethod
    def plain_list(cls, value: Any, dtype: str, loc: Loc) -> NumericArray | None:
        """A flat list of plain numbers kept as a list (copied), or None when ``value`` is anything
        else (the caller then converts it to an array, with every check). One ``sum`` decides it:
        exact ints sum to an int; ints and floats to a float, NaN or infinite if one is; a
        string, a None or a nested list makes it raise. A sum beyond the dtype's range sends the
        list to the checked path too; values that cancel out in the sum are range-checked when
        the list first becomes an array (``numpy()``: the encoders, ``data``)."""
        if dtype not in _LIST_LIMITS or not isinstance(value, (list, tuple)):
            return None
        items = list(value)
        try:
            total = sum(items)
        except TypeError:
            return None
        kind, limit = type(total), _LIST_LIMITS[dtype]
        if (kind is int or (kind is float and dtype == "float32")) and -limit <= total <= limit:
            return cls(items, None, loc, dtype)
        return None

    @classmethod
    def typed(cls, value: Any, dtype: str, loc: Loc) -> NumericArray:
        """Values of wire dtype ``dtype`` (``int64``/``float32``): a flat list of plain numbers
        stays a list (``plain_list``); anything else is held as a numpy array (shape kept). Casts
        that would change values are refused, not wrapped or rounded."""
        if isinstance(value, NumericArray):
            if value._dtype == dtype:
                return value
            value = value.numpy()
        kept = cls.plain_list(value, dtype, loc)
        if kept is not None:
            return kept
        import numpy as np

        target = wire_dtype(dtype)
        if value is None:
            return cls(None, _readonly(np.empty(0, dtype=target)))
        if not isinstance(value, np.ndarray):
            value = _from_values(value, target, loc)
        elif value.dtype == target:
            value = np.array(value)  # a copy: the caller may reuse its buffer
        else:
            value = _checked_cast(value, target, loc)
        return cls(None, _readonly(value))

    # ---- views -------------------------------------------------------------------------------
    def tolist(self) -> list[Any]:
        """The values as a flat, read-only list, made once: changing it is refused, so it never
        disagrees with what ``numpy()``, ``to_dict()`` or the protobuf encoder see."""
        if self._view is None:
            self._view = ReadOnlyList(self._values())
        return self._view

    def wire(self) -> list[Any]:
        """The values as a new plain list (the JSON form; the caller may change it)."""
        return list(self._values())

    def _values(self) -> list[Any]:
        if self._dtype is not None and self._array is None:
            self.numpy()  # a TensorData list reads back only once it is known to fit its dtype
        if self._list is None:
            # float32 values read back as float32 (0.1 -> 0.10000000149011612), as from an array
            self._list = self.numpy().ravel().tolist()
        return self._list

    @property
    def nbytes(self) -> int:
        """The size on the wire, without building an array."""
        return len(self) * (wire_dtype(self._dtype).itemsize if self._dtype else 8)

    def numpy(self) -> npt.NDArray[Any]:
        """The values as a read-only numpy array (int64 for id lists). A list is range-checked
        here, in one vectorized pass, rather than element by element at construction."""
        if self._array is None:
            assert self._list is not None
            array = _list_array(self._list, self._dtype, self._loc)
            if self._dtype == "float32":
                self._list = None  # rebuilt from the array, so it shows the float32 values
            self._array = _readonly(array)
        return self._array

    def __len__(self) -> int:
        return len(self._list) if self._list is not None else int(self.numpy().size)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, NumericArray):
            exact = self._dtype != "float32" and other._dtype != "float32"  # float32 compares rounded
            if exact and self._list is not None and other._list is not None:
                return self._list == other._list
            import numpy as np

            return bool(np.array_equal(self.numpy().ravel(), other.numpy().ravel()))
        if isinstance(other, Sequence):
            return self._values() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._values())

    def __reduce__(self) -> tuple[Any, ...]:
        return (NumericArray, (self._list, self._array, self._loc, self._dtype))  # the view is rebuilt


# The dtypes a plain list may keep, and the largest magnitude each holds (float32's is
# ``float(numpy.finfo(numpy.float32).max)``, written out so that a list needs no numpy).
_LIST_LIMITS: dict[str, float] = {"int64": _INT64_MAX, "float32": 3.4028234663852886e38}


def _list_array(items: list[Any], dtype: str | None, loc: Loc) -> npt.NDArray[Any]:
    """A checked list as an array: token ids must lie in [0, 2**63), int64 values must fit, and
    float32 values must stay finite (a float64 beyond float32's range would become inf)."""
    import numpy as np

    if dtype == "float32":
        with np.errstate(over="ignore"):
            floats = np.asarray(items, dtype=np.float32)
        if not np.isfinite(floats).all():
            raise invalid(
                loc, "number_range", "Input holds values out of range for float32", None
            ).with_prefix("TensorData", ())
        return floats
    array: npt.NDArray[Any] | None
    try:
        array = np.asarray(items, dtype=np.int64)
    except OverflowError:
        array = None
    if dtype is not None:
        if array is None:
            raise invalid(loc, "int64_range", "Input holds values too large for int64", None).with_prefix(
                "TensorData", ()
            )
        return array
    if array is None or (array.size and int(array.min()) < 0):
        raise invalid(loc, "token_id_range", "Input should hold token ids in [0, 2**63)", items).with_prefix(
            "EncodedTextChunk", ()
        )
    return array


def _readonly(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    array.flags.writeable = False
    return array


def _from_values(value: Any, target: np.dtype[Any], loc: Loc) -> npt.NDArray[Any]:
    import numpy as np

    if isinstance(value, (str, bytes)):
        raise invalid(loc, "list_type", "Input should be a list or array of numbers", value)
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as exc:
        raise invalid(
            loc, "list_type", f"Input should be a flat or rectangular list of numbers ({exc})", value
        ) from None
    if array.dtype == object or array.dtype.kind not in ("i", "u", "f", "b"):
        raise invalid(loc, "list_type", "Input should contain only numbers", value)
    if array.dtype.kind == "b" and array.size:
        raise invalid(loc, "list_type", "Input should contain numbers, not booleans", value)
    return _checked_cast(array, target, loc) if array.dtype != target else array


def _checked_cast(array: npt.NDArray[Any], target: np.dtype[Any], loc: Loc) -> npt.NDArray[Any]:
    """``astype`` that refuses what would silently change values: text, NaN/inf or fractions to
    int64, and values out of range (numpy gives INT64_MIN for 1e300 and inf for 1e39)."""
    import numpy as np

    kind = array.dtype.kind
    if kind not in ("i", "u", "f", "b") and array.dtype.name != "bfloat16":  # ml_dtypes: kind "V"
        raise invalid(loc, "array_dtype", f"Input should hold numbers, got an array of {array.dtype}", None)
    if target.kind == "i" and array.size:
        if kind == "f" and (not np.isfinite(array).all() or not np.equal(np.floor(array), array).all()):
            raise invalid(loc, "int_from_float", "Input should hold whole, finite numbers for int64", None)
        if kind == "u" and int(array.max()) > _INT64_MAX:
            raise invalid(loc, "int64_range", "Input holds values too large for int64", None)
    try:
        with np.errstate(over="raise", invalid="raise"):
            return array.astype(target)
    except (FloatingPointError, OverflowError):
        raise invalid(
            loc, "number_range", f"Input holds values out of range for {target.name}", None
        ) from None
