"""Converters for single values: the strict primitives, bounds, enums and constants, and the
``Default`` marker of optional arguments. The rules are listed in ``fields.py``."""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any

from .errors import Loc, ValidationError
from .lazy_numpy import loaded_numpy

Converter = Callable[[Any, Loc], Any]


def invalid(loc: Loc, kind: str, msg: str, value: Any) -> ValidationError:
    """The error a converter raises; the enclosing type adds its name when it re-raises."""
    return ValidationError.single("value", loc, kind, msg, value)


def extra_forbidden(title: str, extra: Mapping[str, Any]) -> ValidationError:
    """Unknown fields given to a closed (request) type: each one named, as pydantic does."""
    return ValidationError(
        title,
        [
            {
                "type": "extra_forbidden",
                "loc": (name,),
                "msg": "Extra inputs are not permitted",
                "input": extra[name],
            }
            for name in sorted(extra)
        ],
    )


class Default:
    """The default of an optional ``__init__`` argument, told apart from the same value passed
    explicitly (``model_fields_set``). Shows as the value in signatures and ``help()``."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def get(self) -> Any:
        value = self.value
        return value.copy() if isinstance(value, (list, dict)) else value

    def __repr__(self) -> str:
        return repr(self.value)


def omitted(value: Any, default: Default) -> bool:
    """Whether an ``__init__`` argument was left at its default (a call, so that type checkers
    do not narrow the argument's declared type to the marker's)."""
    return value is default


# ---- primitives --------------------------------------------------------------------------------


def as_str(value: Any, loc: Loc) -> str:
    if isinstance(value, str):
        return value
    raise invalid(loc, "string_type", "Input should be a valid string", value)


def as_int(value: Any, loc: Loc) -> int:
    if type(value) is int:
        return value
    if isinstance(value, bool):
        raise invalid(loc, "int_type", "Input should be a valid integer", value)
    np = loaded_numpy()
    if isinstance(value, int) or (np is not None and isinstance(value, np.integer)):
        return int(value)
    is_float = isinstance(value, float) or (np is not None and isinstance(value, np.floating))
    if is_float and math.isfinite(value) and float(value).is_integer():
        return int(value)
    if is_float:
        raise invalid(
            loc,
            "int_from_float",
            "Input should be a valid integer, got a number with a fractional part",
            value,
        )
    raise invalid(loc, "int_type", "Input should be a valid integer", value)


def as_float(value: Any, loc: Loc) -> float:
    if type(value) is float:
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise invalid(loc, "float_type", "Input should be a valid number", value)
    try:
        return float(value)
    except OverflowError:  # an int wider than any float
        raise invalid(loc, "float_type", "Input should be a number a float can hold", value) from None


def as_finite_float(value: Any, loc: Loc) -> float:
    number = as_float(value, loc)
    if not math.isfinite(number):
        raise invalid(loc, "finite_number", "Input should be a finite number", value)
    return number


def as_bool(value: Any, loc: Loc) -> bool:
    if value is True or value is False:
        return value
    np = loaded_numpy()
    if np is not None and isinstance(value, np.bool_):
        return bool(value)
    raise invalid(loc, "bool_type", "Input should be a valid boolean", value)


def as_any(value: Any, loc: Loc) -> Any:
    return value


def as_datetime(value: Any, loc: Loc) -> _dt.datetime:
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return _dt.datetime.fromisoformat(_trim_fraction(value))
        except ValueError:
            pass
    raise invalid(loc, "datetime_type", "Input should be a valid datetime (ISO 8601)", value)


def _trim_fraction(text: str) -> str:
    # Servers send nanoseconds ("...00.123456789Z"); Python keeps microseconds.
    dot = text.find(".")
    if dot < 0:
        return text
    end = dot + 1
    while end < len(text) and text[end].isdigit():
        end += 1
    return text[: min(end, dot + 7)] + text[end:] if end - dot > 7 else text


def as_base64_bytes(value: Any, loc: Loc) -> bytes:
    """Bytes as given, or decoded from the base64 text JSON carries them as."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            pass
    raise invalid(loc, "bytes_type", "Input should be bytes or base64 text", value)


def base64_text(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def bounded(convert: Converter, **limits: float) -> Converter:
    """A number or size converter with the spec's ``minimum``/``maximum``/``exclusive*``/length limits."""
    tests: dict[str, tuple[Callable[[Any, float], bool], str, str]] = {
        "ge": (lambda v, x: v >= x, "greater_than_equal", "greater than or equal to {}"),
        "gt": (lambda v, x: v > x, "greater_than", "greater than {}"),
        "le": (lambda v, x: v <= x, "less_than_equal", "less than or equal to {}"),
        "lt": (lambda v, x: v < x, "less_than", "less than {}"),
        "min_len": (lambda v, x: len(v) >= x, "too_short", "at least {} long"),
        "max_len": (lambda v, x: len(v) <= x, "too_long", "at most {} long"),
    }
    checks: list[tuple[Callable[[Any, float], bool], float, str, str]] = []
    for name, limit in limits.items():
        if name not in tests:
            raise TypeError(f"unknown limit {name!r}")
        test, kind, text = tests[name]
        checks.append((test, limit, kind, text.format(limit)))

    def check(value: Any, loc: Loc) -> Any:
        converted = convert(value, loc)
        if converted is None:  # a nullable field's None has no bounds
            return converted
        for test, limit, kind, text in checks:
            if not test(converted, limit):
                raise invalid(loc, kind, f"Input should be {text}", value)
        return converted

    return check


# ---- enums and constants --------------------------------------------------------------------


def choice(values: frozenset[Any]) -> Converter:
    """A closed enum: exactly one of ``values`` (bool is never taken for an int value)."""
    shown = ", ".join(repr(v) for v in sorted(values, key=repr))

    def check(value: Any, loc: Loc) -> Any:
        try:
            known = value in values
        except TypeError:  # an unhashable value (a list) is no member either
            known = False
        if known and not isinstance(value, bool):
            return getattr(value, "value", value)  # a StrEnum member goes in as its string
        raise invalid(loc, "literal_error", f"Input should be one of {shown}", value)

    return check


def const(expected: Any) -> Converter:
    def check(value: Any, loc: Loc) -> Any:
        if value == expected and type(value) is type(expected):
            return expected
        raise invalid(loc, "literal_error", f"Input should be {expected!r}", value)

    return check
