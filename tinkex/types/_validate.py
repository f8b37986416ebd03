"""Small attrs validators whose errors name the class and field (shared by the types)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import attrs

from ._errors import TinkexValidationError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

# Integers travel as 64-bit values (JSON via orjson, protobuf int64): wider ones cannot be sent.
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


def _fail(instance: Any, attribute: attrs.Attribute[Any], rule: str, value: Any) -> None:
    raise TinkexValidationError(
        f"{type(instance).__name__}.{attribute.name} must be {rule}, got {value!r}", field=attribute.name
    )


def number(
    *,
    ge: float | None = None,
    gt: float | None = None,
    lt: float | None = None,
    le: float | None = None,
    integer: bool = False,
    optional: bool = False,
) -> Validator:
    """A finite number (an int when ``integer``) within the given bounds."""
    parts = [f">= {ge}" if ge is not None else "", f"> {gt}" if gt is not None else ""]
    parts += [f"< {lt}" if lt is not None else "", f"<= {le}" if le is not None else ""]
    kind = "an int" if integer else "a finite number"
    rule = " ".join([kind, " and ".join(p for p in parts if p)]).strip()

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        numeric = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, numeric):
            _fail(instance, attribute, rule, value)
        if not integer and (isinstance(value, int) or not math.isfinite(value)):
            _fail(instance, attribute, rule, value)  # an int left here did not fit in a float
        if (
            (ge is not None and value < ge)
            or (gt is not None and value <= gt)
            or (lt is not None and value >= lt)
            or (le is not None and value > le)
        ):
            _fail(instance, attribute, rule, value)

    return check


def one_of(*allowed: Any) -> Validator:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value not in allowed:
            _fail(instance, attribute, f"one of {list(allowed)}", value)

    return check


def to_float(value: Any) -> Any:
    """Ints become floats (pydantic does the same for float fields); anything else is left for the validator."""
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # wider than any float: the validator reports it, naming the field
            return value
    return value


def boolean(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A real bool: ``"no"`` or ``0`` would otherwise be sent and read by the server as true/false."""
    if not isinstance(value, bool):
        _fail(instance, attribute, "a bool", value)
