"""Converters for lists and mappings: each copies its input, so a type never shares the
caller's container, and names the failing item's index or key in the path."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .errors import Loc, ValidationError
from .field_scalars import Converter, as_int, invalid
from .lazy_numpy import loaded_numpy


def _items(value: Any, loc: Loc) -> Sequence[Any]:
    if isinstance(value, (list, tuple)):
        return value
    np = loaded_numpy()
    if np is not None and isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise invalid(loc, "list_type", "Input should be a valid list", value)
    return list(value)


def list_of(item: Converter) -> Converter:
    if item is as_int:
        return int_list

    def convert(value: Any, loc: Loc) -> list[Any]:
        return [item(x, (*loc, i)) for i, x in enumerate(_items(value, loc))]

    return convert


def int_list(value: Any, loc: Loc) -> list[int]:
    """A copied list of ints. One C-level pass decides the common case: the sum of exact ints
    is an exact int, while any float, string or None makes it a float or raises. (A bool in
    a token list counts as 0/1 here, as it does in numpy and Python arithmetic.)"""
    items = list(_items(value, loc))
    try:
        if type(sum(items)) is int:
            return items
    except TypeError:
        pass
    return [as_int(x, (*loc, i)) for i, x in enumerate(items)]


def map_of(item: Converter) -> Converter:
    def convert(value: Any, loc: Loc) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise invalid(loc, "dict_type", "Input should be a valid dictionary", value)
        out: dict[str, Any] = {}
        for key, x in value.items():
            if not isinstance(key, str):
                raise invalid((*loc, str(key)), "string_type", "Keys should be strings", key)
            out[key] = item(x, (*loc, key))
        return out

    return convert


def nullable(convert: Converter) -> Converter:
    def check(value: Any, loc: Loc) -> Any:
        return None if value is None else convert(value, loc)

    return check


def first_of(*options: Converter) -> Converter:
    """A union of primitive shapes (``str | list[str] | list[int]``): the first that accepts."""

    def convert(value: Any, loc: Loc) -> Any:
        for option in options:
            try:
                return option(value, loc)
            except ValidationError:
                continue
        raise invalid(loc, "union_type", "Input matches none of the allowed types", value)

    return convert
