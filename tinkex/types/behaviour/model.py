"""``TinkerModel``: the base of every generated type, with the pydantic v2 surface.

The official SDK's types are pydantic models, so user code calls ``model_validate``,
``model_dump`` and friends on them. The generated classes (``tinker_openapi.models``) are attrs
classes whose ``__init__`` converts and checks each field (``fields.py``); this base adds
pydantic's methods on top of that, driven by the per-class tables the template writes:

* ``_tinker_title``: the schema name; ``_tinker_closed``: a request type (unknown keys are
  refused, like pydantic's ``extra="forbid"``), otherwise unknown keys are kept (``model_extra``);
* ``_tinker_tag``: the constant ``type``/``state``/``event`` property, if the type has one;
* ``_tinker_fields``: public attribute names in spec order; ``_tinker_aliases``: wire name ->
  attribute where they differ; ``_tinker_required``: wire names that must be present;
* attrs metadata per field: ``wire``, ``doc``, ``annotation`` (the public type, as text).
"""

from __future__ import annotations

import copy as _copy
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Self

import attrs
import orjson

from .arrays import NumericArray
from .deprecated import PydanticV1Names
from .dump import dump_model
from .errors import Loc, ValidationError
from .field_scalars import invalid
from .introspect import FieldInfo, FieldSlot, declared_default, field_table, model_fields_of
from .lazy_numpy import loaded_numpy
from .schema import json_schema_of

__all__ = ["TinkerModel"]


class _ClassProperty:
    """``model_fields`` works on the class and on instances, as in pydantic."""

    def __init__(self, getter: Any) -> None:
        self._getter = getter

    def __get__(self, instance: Any, owner: type) -> Any:
        return self._getter(owner)


class _ExactFieldsSet(frozenset[str]):
    """A fields set that already names the extra keys counted as set (``model_construct`` and
    ``model_copy`` decide that themselves, as pydantic does); the generated ``__init__`` records
    declared fields only, so for its instances the extra keys are added when asked."""

    __slots__ = ()


@attrs.define(frozen=True, init=False, repr=False, eq=False, kw_only=True)
class TinkerModel(PydanticV1Names):
    _fields_set: frozenset[str] = attrs.field(eq=False, repr=False, metadata={"private": True})
    # Extra (unknown) fields take part in equality, as pydantic's ``__pydantic_extra__`` does,
    # but not in the hash (pydantic hashes the declared fields only).
    _extra: dict[str, Any] | None = attrs.field(eq=True, hash=False, repr=False, metadata={"private": True})

    _tinker_title: ClassVar[str] = "TinkerModel"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ()
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_required: ClassVar[frozenset[str]] = frozenset()
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None  # (property, constant) telling this type apart

    # ---- hooks for the behaviour mixins -----------------------------------------------------
    def _tinker_check(self) -> None:
        """Cross-field checks, run at the end of ``__init__`` (a mixin overrides it)."""

    @classmethod
    def _tinker_coerce(cls, value: Any, loc: Loc) -> Self:
        """Build from a non-instance value found in a field of another type (a mapping)."""
        if isinstance(value, Mapping):
            try:
                return cls.from_dict(value)
            except ValidationError as exc:
                raise exc.with_prefix(cls._tinker_title, loc) from None
        if hasattr(value, "model_dump") and not isinstance(
            value, type
        ):  # an equivalent model of another package
            return cls._tinker_coerce(value.model_dump(), loc)
        raise invalid(loc, "model_type", f"Input should be a valid {cls._tinker_title} or a mapping", value)

    # ---- construction ---------------------------------------------------------------------
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from the JSON form (wire names), checking every field."""
        if not isinstance(src_dict, Mapping):
            raise ValidationError.single(
                cls._tinker_title, (), "model_type", "Input should be a mapping", src_dict
            )
        missing = cls._tinker_required - src_dict.keys()
        if missing:
            raise ValidationError(
                cls._tinker_title,
                [
                    {"type": "missing", "loc": (name,), "msg": "Field required", "input": dict(src_dict)}
                    for name in sorted(missing)
                ],
            )
        kwargs: dict[str, Any] = {}
        aliases = cls._tinker_aliases
        for key, value in src_dict.items():
            if not isinstance(key, str):
                raise ValidationError.single(
                    cls._tinker_title, (str(key),), "string_type", "Keys should be strings", key
                )
            kwargs[aliases.get(key, key)] = value
        return cls(**kwargs)

    @classmethod
    def model_validate(
        cls, obj: Any, *, strict: bool | None = None, from_attributes: bool | None = None, context: Any = None
    ) -> Self:
        del strict, from_attributes, context  # always strict; accepted for pydantic compatibility
        if isinstance(obj, cls):
            return obj
        return cls._tinker_coerce(obj, ())

    @classmethod
    def model_validate_json(
        cls, json_data: str | bytes | bytearray, *, strict: bool | None = None, context: Any = None
    ) -> Self:
        del strict, context
        try:
            data = orjson.loads(json_data)
        except orjson.JSONDecodeError as exc:
            raise ValidationError.single(
                cls._tinker_title, (), "json_invalid", f"Invalid JSON: {exc}", json_data
            ) from None
        return cls.model_validate(data)

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Self:
        """An instance from trusted values, unchecked (pydantic's ``model_construct``): unknown
        keys are kept as extra fields on a response type and dropped on a request type; the
        fields set is ``_fields_set`` or else the declared fields given (never the extra keys)."""
        self = object.__new__(cls)
        given: set[str] = set()
        by_name = {name: slot for slot in field_table(cls) for name in (slot.public, slot.wire)}
        extra: dict[str, Any] = {}
        # array fields last: their dtype may be another field's value (TensorData.dtype)
        for name, value in sorted(values.items(), key=lambda item: _is_array(by_name.get(item[0]))):
            slot = by_name.get(name)
            if slot is None:
                if not cls._tinker_closed:
                    extra[name] = value
                continue
            object.__setattr__(self, slot.slot, _stored(slot, value, self))
            given.add(slot.public)
        for slot in sorted(field_table(cls), key=_is_array):
            if slot.public not in given:
                object.__setattr__(self, slot.slot, _stored(slot, _default_of(slot), self))
        object.__setattr__(
            self, "_fields_set", _ExactFieldsSet(given if _fields_set is None else _fields_set)
        )
        object.__setattr__(self, "_extra", extra or None)
        return self

    # ---- dumping -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:  # the template writes a faster one per class
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    def model_dump(
        self,
        *,
        mode: str = "python",
        include: Any = None,
        exclude: Any = None,
        context: Any = None,
        by_alias: bool | None = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        round_trip: bool = False,
        warnings: Any = True,
        fallback: Any = None,
        serialize_as_any: bool = False,
    ) -> dict[str, Any]:
        """pydantic's ``model_dump``: ``mode="json"`` gives JSON-safe values."""
        del context, round_trip, warnings, fallback, serialize_as_any
        if mode not in ("python", "json"):
            raise ValueError(f"mode must be 'python' or 'json', got {mode!r}")
        return dump_model(
            self,
            json_mode=mode == "json",
            include=include,
            exclude=exclude,
            by_alias=bool(by_alias),
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )

    def model_dump_json(self, *, indent: int | None = None, **kwargs: Any) -> str:
        """pydantic's ``model_dump_json``: compact, or indented; NaN and infinities become ``null``."""
        text = orjson.dumps(self.model_dump(mode="json", **kwargs))
        if indent is None:
            return text.decode()
        import json

        # Through orjson first, so that the indented text holds the same values as the compact one.
        return json.dumps(orjson.loads(text), indent=indent, ensure_ascii=False)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy, with ``update`` applied unchecked (as in pydantic): every updated name counts
        as set; an unknown name becomes an extra field of a response type and is dropped on a
        request type (pydantic never dumps it there either)."""
        clone = _copy.deepcopy(self) if deep else _copy.copy(self)
        if update:
            names = self.model_fields_set
            extra = dict(self._extra or {})
            by_name = {slot.public: slot for slot in field_table(type(self))}
            for name, value in sorted(update.items(), key=lambda item: _is_array(by_name.get(item[0]))):
                slot = by_name.get(name)
                if slot is not None:
                    object.__setattr__(clone, slot.slot, _stored(slot, value, clone))
                elif self._tinker_closed:
                    continue
                else:
                    extra[name] = value
                names.add(name)
            object.__setattr__(clone, "_fields_set", _ExactFieldsSet(names))
            object.__setattr__(clone, "_extra", extra or None)
        return clone

    # ---- introspection -----------------------------------------------------------------------
    model_fields: ClassVar[dict[str, FieldInfo]] = _ClassProperty(model_fields_of)  # type: ignore[assignment]
    model_computed_fields: ClassVar[dict[str, Any]] = {}

    @classmethod
    def model_json_schema(
        cls, by_alias: bool = True, ref_template: str = "#/$defs/{model}", mode: str = "validation", **_: Any
    ) -> dict[str, Any]:
        """The JSON schema of this type, taken from ``openapi/tinker.yaml``."""
        del by_alias, mode
        return json_schema_of(cls._tinker_title, ref_template)

    @property
    def model_fields_set(self) -> set[str]:
        """The fields given explicitly, extra fields included (as pydantic counts them)."""
        names = set(self._fields_set)
        if self._extra and not isinstance(self._fields_set, _ExactFieldsSet):
            names.update(self._extra)
        return names

    @property
    def model_extra(self) -> dict[str, Any] | None:
        """Fields the server sent that this version of the spec does not know (response types)."""
        if self._tinker_closed:
            return None
        return dict(self._extra or {})

    @classmethod
    def _model_config(cls) -> dict[str, Any]:
        return {"frozen": True, "extra": "forbid" if cls._tinker_closed else "allow"}

    model_config: ClassVar[dict[str, Any]] = _ClassProperty(lambda cls: cls._model_config())  # type: ignore[assignment]

    # ---- Python protocol -------------------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        # Only reached when normal lookup fails: unknown response fields read as attributes.
        if not name.startswith("_"):
            try:
                extra = object.__getattribute__(self, "_extra")
            except AttributeError:
                extra = None
            if extra and name in extra:
                return extra[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        for name in self._tinker_fields:
            yield name, getattr(self, name)
        yield from (self._extra or {}).items()

    def __repr__(self) -> str:
        parts = [f"{name}={getattr(self, name)!r}" for name in self._tinker_fields]
        parts += [f"{name}={value!r}" for name, value in (self._extra or {}).items()]
        return f"{type(self).__name__}({', '.join(parts)})"

    __str__ = __repr__


def _default_of(slot: FieldSlot) -> Any:
    default = declared_default(slot.field)
    return None if default is attrs.NOTHING else default


def _is_array(slot: FieldSlot | None) -> bool:
    return slot is not None and slot.array


def _stored(slot: FieldSlot, value: Any, owner: object) -> Any:
    """An unchecked value in the form its slot keeps (array fields hold a NumericArray of the
    field's dtype; an array keeps its shape, as the checked constructor keeps it)."""
    if not slot.array or isinstance(value, NumericArray):
        return value
    np = loaded_numpy()
    if np is not None and isinstance(value, np.ndarray):
        array = np.array(value)  # a read-only copy, as the constructor records it
        array.flags.writeable = False
        return NumericArray(None, array)
    return NumericArray(list(value) if value is not None else [], None, (), slot.array_dtype(owner))
