"""pydantic's ``model_dump`` for the generated types: modes, include/exclude, exclude_*.

``include``/``exclude`` follow pydantic's rules: a set of names or a dict of name -> nested
spec (``True``/``...``: the whole value); list items are chosen by index (negative indices count
from the end) and ``"__all__"`` applies to every key or item, merged with a key's own spec.
"""

from __future__ import annotations

import base64
import datetime as _dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs

from .arrays import NumericArray
from .introspect import declared_default, field_table
from .lazy_numpy import loaded_numpy

__all__ = ["dump_model", "dump_value"]

_PLAIN = (int, float, str, bool)


def _whole(spec: Any) -> bool:
    return spec is True or spec is Ellipsis


def _as_dict(spec: Any) -> dict[Any, Any]:
    return dict(spec) if isinstance(spec, Mapping) else dict.fromkeys(spec, True)


def _merge(base: Any, override: Any) -> Any:
    """A key's own spec combined with the ``"__all__"`` spec (pydantic's rule: a whole value
    on the ``__all__`` side yields to the key's spec; otherwise the union, recursively)."""
    if override is None:
        return base
    if base is None or _whole(base) or _whole(override):
        return override
    ours, theirs = _as_dict(base), _as_dict(override)
    return {k: _merge(ours.get(k), theirs.get(k)) for k in ours.keys() | theirs.keys()}


def _select(spec: Any, key: str | int, size: int | None = None) -> Any:
    """The nested include/exclude spec for ``key`` (``None``: not named). ``size`` is the length
    of the list ``key`` indexes, so that ``-1`` names its last item."""
    if spec is None:
        return None
    keys: tuple[str | int, ...] = (key, key - size) if isinstance(key, int) and size else (key,)
    if isinstance(spec, Mapping):
        own = next((spec[k] for k in keys if k in spec), None)
        return _merge(spec.get("__all__"), own)
    return True if "__all__" in spec or any(k in spec for k in keys) else None


def dump_model(
    model: Any,
    *,
    json_mode: bool,
    include: Any,
    exclude: Any,
    by_alias: bool,
    exclude_unset: bool,
    exclude_defaults: bool,
    exclude_none: bool,
) -> dict[str, Any]:
    options = {
        "json_mode": json_mode,
        "by_alias": by_alias,
        "exclude_unset": exclude_unset,
        "exclude_defaults": exclude_defaults,
        "exclude_none": exclude_none,
    }
    out: dict[str, Any] = {}
    fields_set = model._fields_set
    for slot in field_table(type(model)):
        name = slot.public
        sub_include = _select(include, name)
        if include is not None and sub_include is None:
            continue
        sub_exclude = _select(exclude, name)
        if _whole(sub_exclude):
            continue
        if exclude_unset and name not in fields_set:
            continue
        value = getattr(model, name)
        if value is None and exclude_none:
            continue
        if exclude_defaults and _is_default(slot.field, value):
            continue
        key = slot.wire if by_alias else name
        out[key] = dump_value(value, include=_nested(sub_include), exclude=_nested(sub_exclude), **options)
    for name, value in (model._extra or {}).items():
        sub_include = _select(include, name)
        if include is not None and sub_include is None:
            continue
        sub_exclude = _select(exclude, name)
        if _whole(sub_exclude) or (value is None and exclude_none):
            continue
        out[name] = dump_value(value, include=_nested(sub_include), exclude=_nested(sub_exclude), **options)
    return out


def _nested(spec: Any) -> Any:
    return None if _whole(spec) else spec


def _is_default(field: attrs.Attribute[Any], value: Any) -> bool:
    default = declared_default(field)
    return default is not attrs.NOTHING and bool(value == default)


def dump_value(value: Any, *, include: Any, exclude: Any, json_mode: bool, **options: Any) -> Any:
    if hasattr(value, "_tinker_title"):  # a generated model
        return dump_model(value, include=include, exclude=exclude, json_mode=json_mode, **options)
    if isinstance(value, NumericArray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        if (
            include is None
            and exclude is None
            and (not value or type(value[0]) in _PLAIN)
            and all(type(v) in _PLAIN for v in value)
        ):
            return list(value)  # the common case: a list of plain values, nothing to choose
        items = []
        size = len(value)
        for i, item in enumerate(value):
            sub_include = _select(include, i, size)
            if include is not None and sub_include is None:
                continue
            sub_exclude = _select(exclude, i, size)
            if _whole(sub_exclude):
                continue
            items.append(
                dump_value(
                    item,
                    include=_nested(sub_include),
                    exclude=_nested(sub_exclude),
                    json_mode=json_mode,
                    **options,
                )
            )
        return items
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            sub_include = _select(include, k)
            if include is not None and sub_include is None:
                continue
            sub_exclude = _select(exclude, k)
            if _whole(sub_exclude):
                continue
            out[k] = dump_value(
                v, include=_nested(sub_include), exclude=_nested(sub_exclude), json_mode=json_mode, **options
            )
        return out
    np = loaded_numpy()
    if np is not None:
        if isinstance(value, np.ndarray):
            return value.tolist()
        if isinstance(value, np.generic):
            return value.item()
    if json_mode:
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, (_dt.datetime, _dt.date)):
            return value.isoformat()
        if isinstance(value, bytes):
            return base64.b64encode(value).decode("ascii")
    return value
