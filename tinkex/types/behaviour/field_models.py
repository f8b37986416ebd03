"""Converters for fields that hold generated models: lazy class references (the models refer
to each other in cycles), nested models, tagged and untagged unions, a model-valued default,
and the JSON form of values whose type the spec leaves open."""

from __future__ import annotations

import datetime as _dt
import importlib
from collections.abc import Mapping
from typing import Any

from .errors import Loc, ValidationError
from .field_scalars import Converter, Default, invalid


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
