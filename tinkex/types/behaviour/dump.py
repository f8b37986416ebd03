"""pydantic's ``model_dump`` for the generated types: modes, include/exclude, exclude_*."""

from __future__ import annotations

import base64
import datetime as _dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np

from .arrays import NumericArray
from .introspect import field_table

__all__ = ["dump_model", "dump_value"]


def _select(spec: Any, key: str | int) -> Any:
    """The nested include/exclude spec for ``key`` (pydantic's set-or-dict form; ``...``/True: all)."""
    if spec is None:
        return None
    if isinstance(spec, Mapping):
        if key in spec:
            return spec[key]
        return spec.get("__all__")
    return True if key in spec else None


def _whole(spec: Any) -> bool:
    return spec is True or spec is Ellipsis


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
        out[key] = dump_value(
            value,
            include=None if _whole(sub_include) else sub_include,
            exclude=None if _whole(sub_exclude) else sub_exclude,
            **options,
        )
    for name, value in (model._extra or {}).items():
        if include is not None and _select(include, name) is None:
            continue
        if _whole(_select(exclude, name)) or (value is None and exclude_none):
            continue
        out[name] = dump_value(value, include=None, exclude=None, **options)
    return out


def _is_default(field: attrs.Attribute[Any], value: Any) -> bool:
    default = field.default
    if default is attrs.NOTHING:
        return False
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    return bool(value == default)


def dump_value(value: Any, *, include: Any, exclude: Any, json_mode: bool, **options: Any) -> Any:
    if hasattr(value, "_tinker_title"):  # a generated model
        return dump_model(value, include=include, exclude=exclude, json_mode=json_mode, **options)
    if isinstance(value, NumericArray):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        if (
            value
            and type(value[0]) in (int, float, str, bool)
            and all(type(v) in (int, float, str, bool) for v in value)
        ):
            return list(value)  # the common case: a list of plain values
        items = []
        for i, item in enumerate(value):
            sub_exclude = _select(exclude, i)
            if _whole(sub_exclude) or (include is not None and _select(include, i) is None):
                continue
            items.append(
                dump_value(
                    item, include=_select(include, i), exclude=sub_exclude, json_mode=json_mode, **options
                )
            )
        return items
    if isinstance(value, Mapping):
        return {
            k: dump_value(
                v, include=_select(include, k), exclude=_select(exclude, k), json_mode=json_mode, **options
            )
            for k, v in value.items()
            if not _whole(_select(exclude, k)) and (include is None or _select(include, k) is not None)
        }
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
