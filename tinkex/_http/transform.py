"""Request-body sentinels and the recursive body transform (features HTTP-31/32).

``NOT_GIVEN`` marks an argument the caller did not pass (so a default applies); ``OMIT``
marks one the caller wants left out of the request even where a default would add it
(e.g. ``idempotency_key=OMIT`` drops the header). Both are falsy singletons. The wire layer
maps them to the generated client's ``UNSET``; this module does not import the generated code.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from typing import Any, Final, Literal, TypeGuard, TypeVar

__all__ = [
    "NOT_GIVEN",
    "OMIT",
    "Formatter",
    "NotGiven",
    "Omit",
    "format_iso8601",
    "is_given",
    "transform",
]

_T = TypeVar("_T")


class NotGiven:
    """The type of ``NOT_GIVEN``: "the caller passed nothing here" (distinct from ``None``)."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"  # unpickles to the module singleton, so `is` checks keep working


class Omit:
    """The type of ``OMIT``: "leave this out of the request, even if a default would add it"."""

    _instance: Omit | None = None

    def __new__(cls) -> Omit:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "OMIT"

    def __reduce__(self) -> str:
        return "OMIT"


NOT_GIVEN: Final = NotGiven()
OMIT: Final = Omit()


def is_given(value: _T | NotGiven | Omit) -> TypeGuard[_T]:
    """True unless ``value`` is one of the sentinels."""
    return not isinstance(value, NotGiven | Omit)


Formatter = Literal["iso8601"] | Callable[[Any], Any]


def format_iso8601(value: Any) -> Any:
    """ISO-8601 text for dates and datetimes; UTC is written ``Z`` (as Tinkex does). Other
    values (e.g. an already formatted string) pass through unchanged."""
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text[: -len("+00:00")] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _resolve_formats(formats: Mapping[str, Formatter] | None) -> dict[str, Callable[[Any], Any]]:
    resolved: dict[str, Callable[[Any], Any]] = {}
    for key, formatter in (formats or {}).items():
        if formatter == "iso8601":
            resolved[str(key)] = format_iso8601
        elif callable(formatter):
            resolved[str(key)] = formatter
        else:
            raise ValueError(
                f"formats[{key!r}]: unknown formatter {formatter!r} (expected 'iso8601' or a callable)"
            )
    return resolved


def _key_text(key: object) -> str:
    if isinstance(key, enum.Enum):
        return str(key.value)
    return key if isinstance(key, str) else str(key)


def transform(
    obj: Any,
    *,
    aliases: Mapping[str, str] | None = None,
    formats: Mapping[str, Formatter] | None = None,
    drop_none: bool = False,
) -> Any:
    """Prepare a request body: recursively stringify mapping keys, drop ``NOT_GIVEN``/``OMIT``
    values (in mappings and lists), rename keys via ``aliases`` and format values via
    ``formats`` (both keyed by the original key, at every depth). ``drop_none`` also drops
    ``None`` mapping values, at every depth, while keeping ``False`` and ``0`` (HTTP-32: the
    server rejects ``null`` where it expects a field to be absent). ``None`` inside a list is
    kept, because list positions carry meaning. Objects with ``to_dict()`` (attrs models,
    generated models) are converted first. Other values are returned unchanged.
    """
    return _transform(obj, dict(aliases or {}), _resolve_formats(formats), drop_none)


def _transform(
    obj: Any, aliases: dict[str, str], formats: dict[str, Callable[[Any], Any]], drop_none: bool
) -> Any:
    if isinstance(obj, Mapping):
        out: dict[str, Any] = {}
        for raw_key, raw_value in obj.items():
            if not is_given(raw_value):
                continue
            key = _key_text(raw_key)
            value = _transform(raw_value, aliases, formats, drop_none)
            if key in formats:
                value = formats[key](value)
            if drop_none and value is None:
                continue
            out[aliases.get(key, key)] = value
        return out
    if isinstance(obj, list | tuple):
        return [_transform(item, aliases, formats, drop_none) for item in obj if is_given(item)]
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict) and not isinstance(obj, type):
        return _transform(to_dict(), aliases, formats, drop_none)
    return obj
