"""The shared base of every tinkex data type: dict/JSON conversion without pydantic.

The official SDK's types are pydantic models, so user code calls ``model_dump``,
``model_dump_json``, ``model_validate`` and ``model_copy`` on them. tinkex types are attrs
classes; this mixin gives them those methods (plus ``to_dict``/``from_dict``), driven by the
attrs fields and their resolved type hints so each type is declared once.

Field metadata understood here:

* ``aliases``: extra input names accepted by ``from_dict`` (e.g. ``"id"`` for a run id).
* ``wire=False``: the field is never written by ``to_dict`` (private caches).
"""

from __future__ import annotations

import base64
import copy
import datetime as _dt
import enum
import json
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, TypeVar

import attrs
import numpy as np

from ._errors import TinkexValidationError

_T = TypeVar("_T", bound="WireModel")

_NONE_TYPE = type(None)


class WireModel:
    """Mixin for attrs classes: JSON-shaped dumps and typed loads.

    ``_strict`` marks request types: ``from_dict`` rejects unknown keys (the official request
    models forbid extra fields); response types ignore them so newer servers keep working.
    """

    __slots__ = ()
    _strict: ClassVar[bool] = False

    # ---- dumping -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The JSON wire form: None fields dropped, defaults kept, nested values plain."""
        return self.model_dump(mode="json", exclude_none=True)

    def model_dump(
        self,
        *,
        mode: str = "python",
        exclude_none: bool = False,
        include: set[str] | None = None,
        exclude: set[str] | None = None,
        by_alias: bool = False,
    ) -> dict[str, Any]:
        """pydantic-compatible dump. ``mode="json"`` also turns datetimes/bytes into strings."""
        del by_alias  # the field names are the wire names; accepted for pydantic compatibility
        json_mode = mode == "json"
        out: dict[str, Any] = {}
        for field in _wire_fields(type(self)):
            if include is not None and field.name not in include:
                continue
            if exclude is not None and field.name in exclude:
                continue
            value = getattr(self, field.name)
            if value is None and exclude_none:
                continue
            out[field.name] = dump_value(value, json_mode=json_mode, exclude_none=exclude_none)
        return out

    def model_dump_json(self, *, exclude_none: bool = False, indent: int | None = None) -> str:
        data = self.model_dump(mode="json", exclude_none=exclude_none)
        if indent is None:
            return json.dumps(data, separators=(",", ":"))
        return json.dumps(data, indent=indent)

    # ---- loading -----------------------------------------------------------------------
    @classmethod
    def from_dict(cls: type[_T], data: Mapping[str, Any]) -> _T:
        """Build an instance from its JSON form, converting nested values by type hint."""
        if not isinstance(data, Mapping):
            raise TinkexValidationError(f"{cls.__name__}: expected a mapping, got {type(data).__name__}")
        hints = _type_hints(cls)
        kwargs: dict[str, Any] = {}
        known: set[str] = set()
        for field in attrs.fields(typing.cast(Any, cls)):
            if not field.init:
                continue
            names = (field.name, field.alias, *field.metadata.get("aliases", ()))
            known.update(names)
            key = next((n for n in names if n in data), None)
            if key is None:
                continue  # the constructor reports missing required fields
            kwargs[field.alias] = coerce(hints[field.name], data[key], f"{cls.__name__}.{field.name}")
        if cls._strict:
            unknown = sorted(set(data) - known)
            if unknown:
                raise TinkexValidationError(f"{cls.__name__}: unknown field(s) {unknown}", field=unknown[0])
        try:
            return cls(**kwargs)
        except TypeError as exc:  # a missing required argument
            raise TinkexValidationError(f"{cls.__name__}: {exc}") from exc

    @classmethod
    def model_validate(cls: type[_T], obj: Any) -> _T:
        if isinstance(obj, cls):
            return obj
        return cls.from_dict(obj)

    @classmethod
    def model_validate_json(cls: type[_T], text: str | bytes) -> _T:
        return cls.from_dict(json.loads(text))

    def model_copy(self: _T, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> _T:
        source = copy.deepcopy(self) if deep else self
        return attrs.evolve(source, **dict(update or {}))  # type: ignore[misc]


def _wire_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(f for f in attrs.fields(cls) if f.metadata.get("wire", True))


_HINTS_CACHE: dict[type, dict[str, Any]] = {}


def _type_hints(cls: type) -> dict[str, Any]:
    hints = _HINTS_CACHE.get(cls)
    if hints is None:
        hints = typing.get_type_hints(cls)
        _HINTS_CACHE[cls] = hints
    return hints


def dump_value(value: Any, *, json_mode: bool, exclude_none: bool) -> Any:
    """Turn a field value into plain Python (and JSON-safe values when ``json_mode``)."""
    if isinstance(value, WireModel) or hasattr(value, "model_dump"):  # models and TensorData
        return value.model_dump(mode="json" if json_mode else "python", exclude_none=exclude_none)
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, enum.Enum):
        return value.value if json_mode else value
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat() if json_mode else value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii") if json_mode else value
    if isinstance(value, Mapping):
        return {k: dump_value(v, json_mode=json_mode, exclude_none=exclude_none) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [dump_value(v, json_mode=json_mode, exclude_none=exclude_none) for v in value]
    return value


def parse_datetime(value: Any) -> Any:
    """ISO-8601 text to a datetime; other text is kept as given, since servers differ in format."""
    if isinstance(value, str):
        try:
            # fromisoformat in 3.11 accepts a trailing "Z" and fractional seconds.
            return _dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def coerce(hint: Any, value: Any, where: str) -> Any:
    """Convert a JSON value to the type named by ``hint`` (models, lists, dicts, datetimes)."""
    if value is None or hint is Any:
        return value
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return _coerce_union(typing.get_args(hint), value, where)
    if origin is typing.Literal:
        return value
    if origin in (list, Sequence, tuple) and isinstance(value, (list, tuple)):
        args = typing.get_args(hint)
        item = args[0] if args else Any
        return [coerce(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin in (dict, Mapping) and isinstance(value, Mapping):
        args = typing.get_args(hint)
        item = args[1] if len(args) == 2 else Any
        return {k: coerce(item, v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(hint, type):
        if issubclass(hint, WireModel) or hasattr(hint, "model_validate"):  # models and TensorData
            return hint.model_validate(value)
        if issubclass(hint, _dt.datetime):
            return parse_datetime(value)
        if issubclass(hint, enum.Enum):
            return getattr(hint, "parse", hint)(value)  # tinkex enums parse leniently
        if hint is bytes and isinstance(value, str):
            return base64.b64decode(value)
    return value


def _coerce_union(options: tuple[Any, ...], value: Any, where: str) -> Any:
    members = [o for o in options if o is not _NONE_TYPE]
    models = [m for m in members if isinstance(m, type) and issubclass(m, WireModel)]
    if isinstance(value, WireModel) or not isinstance(value, Mapping) or not models:
        if len(members) == 1:
            return coerce(members[0], value, where)
        return value
    tag = value.get("type", value.get("state"))
    for model in models:  # a model without a tag field matches a value without a tag
        if _type_tag(model) == tag:
            return model.from_dict(value)
    if len(models) == 1:
        return models[0].from_dict(value)
    if any(m is dict or typing.get_origin(m) is dict for m in members):
        return dict(value)  # an open union: an unknown tag stays a plain dict
    allowed = [t for t in (_type_tag(m) for m in models) if t is not None]
    raise TinkexValidationError(f"{where}: unknown type {tag!r}; expected one of {allowed}", field=where)


def _type_tag(model: type) -> Any:
    for field in attrs.fields(model):
        if field.name in ("type", "state"):
            return field.default
    return None
