"""Field converters the generated types call from their ``__init__`` (strict primitives).

``openapi/templates/model.py.jinja`` writes, for every property of the spec, a call to one of
these with the value and its path (``loc``). They check the value the way a strict pydantic
field would, copy containers (a type never shares the caller's list or dict), and raise
``ValidationError`` naming the path. The rules, written once here:

* ``str``, ``int``, ``bool`` are exact: ``"false"`` is not a bool, ``"5"`` not an int, ``True``
  not an int. A whole float (``2.0``) and numpy scalars are accepted as ints, as pydantic does.
* ``float`` accepts ints and numpy floats; request types (closed models) also refuse NaN/inf,
  which JSON cannot carry.
* Closed enums (request fields) refuse unknown values; open ones (``anyOf [enum, string]`` in
  the spec, used in responses) accept any string.
* Nested models accept an instance or a mapping (validated), like pydantic; a model may widen
  this with a ``_tinker_coerce`` classmethod (``TensorData`` accepts numpy arrays).
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import importlib
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .errors import Loc, ValidationError

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


class DefaultModel(Default):
    """The default of an argument whose default is a model built with no arguments
    (``optimizer_config=AdamOptimizerConfig()``); built on first use (the models import lazily)."""

    __slots__ = ("_ref",)

    def __init__(self, ref: ModelRef) -> None:
        self._ref = ref

    @property
    def value(self) -> Any:
        return self._ref.get()()

    def get(self) -> Any:
        return self.value

    def __repr__(self) -> str:
        return f"{self._ref.name}()"


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
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and math.isfinite(value) and float(value).is_integer():
        return int(value)
    if isinstance(value, (float, np.floating)):
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
    if isinstance(value, np.bool_):
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


# ---- containers -----------------------------------------------------------------------------


def _items(value: Any, loc: Loc) -> Sequence[Any]:
    if isinstance(value, (list, tuple)):
        return value
    if isinstance(value, np.ndarray):
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


# ---- models ---------------------------------------------------------------------------------


class ModelRef:
    """A generated model class, imported on first use (the models refer to each other in cycles)."""

    __slots__ = ("_cls", "_module", "_name")

    def __init__(self, package: str, module: str, name: str) -> None:
        self._module = f"{package}.{module}"
        self._name = name
        self._cls: Any = None

    def get(self) -> Any:
        cls = self._cls
        if cls is None:
            cls = self._cls = getattr(importlib.import_module(self._module), self._name)
        return cls

    @property
    def name(self) -> str:
        return self._name


def model(ref: ModelRef) -> Converter:
    def convert(value: Any, loc: Loc) -> Any:
        cls = ref.get()
        if isinstance(value, cls):
            return value
        return cls._tinker_coerce(value, loc)

    return convert


def tagged(tag: str, variants: Mapping[Any, ModelRef], *, open_: bool = False) -> Converter:
    """A union of models told apart by their ``tag`` property (``"type"``): instances of any
    variant pass; a mapping is built as the variant its tag names. ``open_`` (responses) keeps an
    unknown tag as the plain mapping instead of refusing it."""
    shown = ", ".join(repr(t) for t in variants)

    def convert(value: Any, loc: Loc) -> Any:
        for ref in variants.values():
            if isinstance(value, ref.get()):
                return value
        if isinstance(value, Mapping):
            named = variants.get(value.get(tag))
            if named is not None:
                return named.get()._tinker_coerce(value, loc)
            if open_:
                return dict(value)
            raise invalid(
                (*loc, tag), "union_tag_invalid", f"Input tag should be one of {shown}", value.get(tag)
            )
        raise invalid(
            loc, "model_type", f"Input should be one of {', '.join(r.name for r in variants.values())}", value
        )

    return convert


def untagged(*refs: ModelRef) -> Converter:
    """A union of models without a shared tag: instances pass; a mapping becomes the most specific
    variant that accepts it. A variant whose constant tag (``type``: ``"try_again"``) the mapping
    contradicts is skipped; one whose tag it names comes first; then variants with more required
    fields before those with fewer (so a variant with no required field never swallows others)."""

    def candidates(value: Mapping[str, Any]) -> list[Any]:
        ranked = []
        keys = value.keys()
        for order, ref in enumerate(refs):
            cls = ref.get()
            tag = cls._tinker_tag
            if tag is not None and tag[0] in value and value[tag[0]] != tag[1]:
                continue
            if not cls._tinker_required <= keys:
                continue
            named = tag is not None and tag[0] in value
            ranked.append((not named, -len(cls._tinker_required), order, cls))
        return [item[-1] for item in sorted(ranked, key=lambda item: item[:3])]

    def convert(value: Any, loc: Loc) -> Any:
        for ref in refs:
            if isinstance(value, ref.get()):
                return value
        if not isinstance(value, Mapping):
            raise invalid(loc, "model_type", "Input should be an object", value)
        problems: ValidationError | None = None
        for cls in candidates(value):
            try:
                return cls._tinker_coerce(value, loc)
            except ValidationError as exc:
                problems = problems or exc
        if problems is not None:
            raise problems
        raise invalid(loc, "union_type", f"Input matches none of {', '.join(r.name for r in refs)}", value)

    return convert


# ---- writing ------------------------------------------------------------------------------


def to_wire(value: Any) -> Any:
    """The JSON form of a value whose type the spec leaves open (a union or ``Any`` field)."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if hasattr(value, "_tinker_title"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [to_wire(v) for v in value]
    if isinstance(value, Mapping):
        return {k: to_wire(v) for k, v in value.items()}
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if hasattr(value, "tolist"):  # NumericArray and numpy values
        return value.tolist()
    return value
