"""What a generated type declares, read from its attrs fields: the field table the base
class works from, and pydantic's ``model_fields`` view of it."""

from __future__ import annotations

import datetime
import importlib
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any

import attrs

__all__ = ["FieldInfo", "FieldSlot", "declared_default", "field_table", "model_fields_of"]


@dataclass(frozen=True)
class FieldSlot:
    public: str  # the attribute users read (and the constructor argument)
    slot: str  # the attrs field that stores it (``_tokens`` for an array field)
    wire: str  # the JSON name
    array: bool  # stored as NumericArray
    field: attrs.Attribute[Any]

    def array_dtype(self, owner: object) -> str | None:
        """The wire dtype of an array field's values: the spec's ``dtype``, or the value of its
        ``dtype_field`` on ``owner``; None for token ids."""
        spec = self.field.metadata.get("array")
        if not isinstance(spec, dict):
            return None
        dtype = spec.get("dtype") or getattr(owner, spec.get("dtype_field", ""), None)
        return dtype if isinstance(dtype, str) else None


_TABLES: dict[type, tuple[FieldSlot, ...]] = {}


def field_table(cls: type) -> tuple[FieldSlot, ...]:
    table = _TABLES.get(cls)
    if table is None:
        slots = []
        for field in attrs.fields(cls):
            meta = field.metadata
            if meta.get("private"):
                continue
            public = meta.get("public", field.name)
            slots.append(
                FieldSlot(public, field.name, meta.get("wire", public), bool(meta.get("array")), field)
            )
        table = _TABLES[cls] = tuple(slots)
    return table


def declared_default(field: attrs.Attribute[Any]) -> Any:
    """The field's default (a factory's product), or ``attrs.NOTHING`` for a required field."""
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # a class, though typed as a function
        return default.factory()
    return default


class FieldInfo:
    """The part of pydantic's ``FieldInfo`` that user code reads."""

    __slots__ = ("_annotation_text", "_owner", "alias", "default", "description", "required")

    def __init__(self, owner: type, slot: FieldSlot) -> None:
        self._owner = owner
        self._annotation_text: str = slot.field.metadata.get("annotation", "Any")
        self.alias = slot.wire if slot.wire != slot.public else None
        self.description: str | None = slot.field.metadata.get("doc")
        default = declared_default(slot.field)
        self.required = default is attrs.NOTHING
        self.default: Any = None if self.required else default

    @property
    def annotation(self) -> Any:
        return _resolve(self._owner, self._annotation_text)

    def is_required(self) -> bool:
        return self.required

    def __repr__(self) -> str:
        shown = f"annotation={self._annotation_text}, required={self.required}"
        return f"FieldInfo({shown}{'' if self.required else f', default={self.default!r}'})"


def _resolve(owner: type, text: str) -> Any:
    models = importlib.import_module(owner.__module__.rsplit(".", 1)[0])
    namespace: dict[str, Any] = {"Any": Any, "Literal": typing.Literal, "datetime": datetime}
    namespace.update(vars(importlib.import_module(owner.__module__)))
    holder = _Annotated()
    holder.__annotations__ = {"value": text}
    try:
        return typing.get_type_hints(holder, namespace, _LazyModels(models))["value"]
    except (NameError, AttributeError):
        return text


class _Annotated:
    """Something ``typing.get_type_hints`` can evaluate one annotation string on."""


class _LazyModels(dict[str, Any]):
    """Names of other generated models, imported when an annotation mentions them."""

    def __init__(self, package: Any) -> None:
        super().__init__()
        self._package = package

    def __missing__(self, name: str) -> Any:
        # KeyError (not AttributeError) lets ``eval`` go on to the globals and builtins, so
        # ``int``, ``Literal`` and ``datetime`` resolve; any other error would leave the text.
        try:
            return getattr(self._package, name)
        except AttributeError:
            raise KeyError(name) from None


@cache
def _fields(cls: type) -> dict[str, FieldInfo]:
    return {slot.public: FieldInfo(cls, slot) for slot in field_table(cls)}


def model_fields_of(cls: type) -> dict[str, FieldInfo]:
    return dict(_fields(cls))
