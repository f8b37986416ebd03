"""The pydantic v2 surface of every public type (issue 13: the spec's types are the runtime).

The official SDK's types are pydantic models, so user code calls ``model_validate``,
``model_dump(include=..., exclude_unset=...)``, ``model_copy`` and the v1 names on them. Every
generated type in ``tinkex.types`` is checked here against ``openapi/tinker.yaml`` with one
example payload per type built from its schema. Where behaviour is pydantic's own (the
include/exclude rules, fields sets, extra fields, JSON text, deprecation warnings), a real
pydantic model with the same fields is the reference, so these tests record parity rather than
our reading of pydantic's documentation.
"""

from __future__ import annotations

import base64
import copy
import json
import math
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tinker_openapi.models as generated
import yaml
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ConfigDict
from pydantic.warnings import PydanticDeprecatedSince20

import tinkex.types as types
from tinkex.types.behaviour import deprecated
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.introspect import field_table
from tinkex.types.behaviour.model import TinkerModel

SPEC_PATH = Path(__file__).resolve().parents[3] / "openapi" / "tinker.yaml"
SCHEMAS: dict[str, Any] = yaml.load(SPEC_PATH.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)[
    "components"
]["schemas"]

# Every generated class, by its public name (the rest of ``__all__`` are Literal and dict aliases).
MODEL_NAMES = sorted(
    name
    for name in generated.__all__
    if isinstance(getattr(types, name), type) and issubclass(getattr(types, name), TinkerModel)
)
WITH_FIELDS = [name for name in MODEL_NAMES if getattr(types, name).model_fields]
# Types with a field stored as given (array fields keep a NumericArray, so an arbitrary marker
# object cannot stand in for their value).
WITH_PLAIN_FIELD = [n for n in WITH_FIELDS if any(not slot.array for slot in field_table(getattr(types, n)))]

# Schemas whose example cannot come from the generic rules below: a tensor's values must suit
# its dtype and shape.
_FIXED_EXAMPLES: dict[str, dict[str, Any]] = {
    "TensorData": {"data": [1.0, 2.0], "dtype": "float32", "shape": [2]},
}


def _example(schema: dict[str, Any], json_body: bool = False) -> Any:
    """A valid value for ``schema``, with every optional property present (``json_body``: but
    those the JSON body never carries, ``x-tinkex-json: false``)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name in _FIXED_EXAMPLES:
            return copy.deepcopy(_FIXED_EXAMPLES[name])
        return _example(SCHEMAS[name], json_body)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return _example(next(s for s in schema[key] if s.get("type") != "null"), json_body)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind == "object" or "properties" in schema:
        if "properties" not in schema and isinstance(schema.get("additionalProperties"), dict):
            return {"key": _example(schema["additionalProperties"], json_body)}
        return {
            name: _example(sub, json_body)
            for name, sub in schema.get("properties", {}).items()
            if not (json_body and sub.get("x-tinkex-json") is False)
        }
    if kind == "array":
        item = _example(schema.get("items") or {"type": "integer"}, json_body)
        return [item] * max(schema.get("minItems", 1), 1)
    if kind == "string":
        if schema.get("contentEncoding") == "base64":
            return base64.b64encode(b"bytes").decode("ascii")
        if schema.get("format") == "date-time":
            return "2025-01-02T03:04:05+00:00"
        return "text"
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return True
    return 1  # an unconstrained item (a top-k entry's id or logprob)


def full_example(name: str, json_body: bool = False) -> dict[str, Any]:
    data = _FIXED_EXAMPLES.get(name) or _example(SCHEMAS[name], json_body)
    return copy.deepcopy(data)


def required_example(name: str) -> dict[str, Any]:
    """Only the properties the spec requires."""
    required = set(SCHEMAS[name].get("required", []))
    return {key: value for key, value in full_example(name).items() if key in required}


def cls_of(name: str) -> type[TinkerModel]:
    cls = getattr(types, name)
    assert cls is getattr(generated, name)  # the public name is the generated class itself
    return cls  # type: ignore[no-any-return]


def plain_field(cls: type[TinkerModel]) -> str:
    return next(slot.public for slot in field_table(cls) if not slot.array)


def _has_default(prop: dict[str, Any]) -> bool:
    # A constant tag and a generator default make a required wire property optional in Python.
    return any(key in prop for key in ("const", "x-tinkex-default", "x-tinkex-default-model"))


# ---- construction -------------------------------------------------------------------------


def test_every_spec_object_schema_is_a_public_type() -> None:
    # The parametrized tests below cover exactly the spec's object schemas.
    objects = {name for name, schema in SCHEMAS.items() if "properties" in schema}
    assert set(MODEL_NAMES) == objects


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_model_validate_builds_what_from_dict_builds(name: str) -> None:
    cls, data = cls_of(name), full_example(name)
    obj = cls.model_validate(data)
    assert obj == cls.from_dict(data)
    assert cls.model_validate(obj) is obj  # an instance passes through, as in pydantic
    assert cls.model_validate_json(json.dumps(data)) == obj
    assert cls.model_validate_json(json.dumps(data).encode()) == obj


def test_model_validate_refuses_what_is_not_a_mapping() -> None:
    with pytest.raises(ValidationError) as info:
        types.SamplingParams.model_validate([1, 2])
    assert info.value.errors()[0]["type"] == "model_type"
    with pytest.raises(ValidationError) as info:
        types.SamplingParams.model_validate_json("{not json")
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("json_invalid", ())]


# ---- dumping ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_dumps_round_trip_in_both_modes(name: str) -> None:
    cls = cls_of(name)
    obj = cls.model_validate(full_example(name))
    assert list(obj.model_dump()) == list(cls.model_fields)
    assert cls.model_validate(obj.model_dump()) == obj
    as_json = obj.model_dump(mode="json")
    assert json.loads(json.dumps(as_json)) == as_json  # JSON-safe values only
    assert cls.model_validate(as_json) == obj
    assert json.loads(obj.model_dump_json()) == as_json
    assert json.loads(obj.model_dump_json(indent=2)) == as_json
    assert cls.model_validate_json(obj.model_dump_json()) == obj


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_to_dict_is_the_json_dump_by_alias_without_nones(name: str) -> None:
    # Without the protobuf-only fields (``x-tinkex-json: false``), which ``to_dict`` leaves out.
    obj = cls_of(name).model_validate(full_example(name, json_body=True))
    assert obj.to_dict() == obj.model_dump(mode="json", by_alias=True, exclude_none=True)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_by_alias_writes_the_spec_property_names(name: str) -> None:
    obj = cls_of(name).model_validate(full_example(name))
    assert set(obj.model_dump(by_alias=True)) == set(SCHEMAS[name]["properties"])


@pytest.mark.parametrize("name", WITH_FIELDS)
def test_include_and_exclude_pick_fields(name: str) -> None:
    obj = cls_of(name).model_validate(full_example(name))
    first, *rest = list(type(obj).model_fields)
    assert list(obj.model_dump(include={first})) == [first]
    assert list(obj.model_dump(exclude={first})) == rest
    assert obj.model_dump(include={"__all__"}) == obj.model_dump()
    assert obj.model_dump(exclude={"__all__"}) == {}


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_exclude_unset_defaults_and_none(name: str) -> None:
    cls = cls_of(name)
    fields = cls.model_fields
    minimal = cls.from_dict(required_example(name))
    given = {cls._tinker_aliases.get(key, key) for key in required_example(name)}
    assert minimal.model_fields_set == given
    assert set(minimal.model_dump(exclude_unset=True)) == given
    # The fields not given hold their declared defaults, so exclude_defaults drops them.
    assert set(minimal.model_dump(exclude_defaults=True)) <= given
    assert set(minimal.model_dump(exclude_none=True)) == {
        n for n in fields if getattr(minimal, n) is not None
    }
    full = cls.model_validate(full_example(name))
    assert set(full.model_dump(exclude_unset=True)) == {
        cls._tinker_aliases.get(key, key) for key in full_example(name)
    }


# ---- copies and construction without checks --------------------------------------------


@pytest.mark.parametrize("name", WITH_PLAIN_FIELD)
def test_model_copy_updates_and_deep_copies(name: str) -> None:
    cls = cls_of(name)
    obj = cls.from_dict(required_example(name))
    field = plain_field(cls)
    marker = object()
    updated = obj.model_copy(update={field: marker})
    assert getattr(updated, field) is marker  # unchecked, as in pydantic
    assert field in updated.model_fields_set
    assert getattr(obj, field) is not marker  # the original is untouched
    full = cls.model_validate(full_example(name))
    shallow, deep = full.model_copy(), full.model_copy(deep=True)
    assert shallow == full and deep == full
    for key in cls.model_fields:
        value = getattr(full, key)
        if value is not getattr(full, key):
            continue  # an array field hands out a new list on every read (nothing to share)
        if isinstance(value, (list, dict)) and value:
            assert getattr(shallow, key) is value
            assert getattr(deep, key) is not value


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_model_construct_takes_values_unchecked(name: str) -> None:
    cls = cls_of(name)
    obj = cls.model_validate(full_example(name))
    values = {key: getattr(obj, key) for key in cls.model_fields}
    built = cls.model_construct(**values)
    assert built == obj
    assert built.model_fields_set == set(values)
    assert cls.model_construct(_fields_set=set(), **values).model_dump(exclude_unset=True) == {}


# ---- introspection -----------------------------------------------------------------------


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_model_fields_describe_the_spec(name: str) -> None:
    cls, schema = cls_of(name), SCHEMAS[name]
    fields = cls.model_fields
    assert {cls._tinker_aliases.get(p, p) for p in schema["properties"]} == set(fields)
    assert fields == cls.from_dict(required_example(name)).model_fields  # also on instances
    minimal = cls.from_dict(required_example(name))
    required = schema.get("required", [])
    for prop, sub in schema["properties"].items():
        info = fields[cls._tinker_aliases.get(prop, prop)]
        assert info.is_required() == (prop in required and not _has_default(sub)), prop
        assert not isinstance(info.annotation, str), f"{prop}: annotation {info.annotation!r} did not resolve"
        if prop not in required:  # left out of the minimal instance, so it holds the default
            assert info.default == getattr(minimal, cls._tinker_aliases.get(prop, prop)), prop


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_model_json_schema_is_the_spec_schema(name: str) -> None:
    cls, spec_schema = cls_of(name), SCHEMAS[name]
    schema = cls.model_json_schema()
    assert schema["title"] == name
    assert schema["properties"].keys() == spec_schema["properties"].keys()
    assert schema.get("required", []) == spec_schema.get("required", [])
    text = json.dumps(schema)
    assert "#/components/" not in text, "a spec reference was left in place"
    assert set(re.findall(r'"#/\$defs/(\w+)"', text)) <= set(schema.get("$defs", {}))
    # Self-contained: the type's own JSON form validates against it with nothing else loaded.
    payload = cls.model_validate(full_example(name)).model_dump(mode="json", by_alias=True, exclude_none=True)
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(payload)]
    assert not errors


def test_model_json_schema_honours_ref_template() -> None:
    schema = types.ModelInput.model_json_schema(ref_template="#/definitions/{model}")
    text = json.dumps(schema)
    assert '"#/definitions/EncodedTextChunk"' in text and "#/$defs/" not in text


def test_model_config_reports_extra_policy() -> None:
    assert types.AdamParams.model_config["extra"] == "forbid"  # a request type
    assert types.TryAgainResponse.model_config["extra"] == "allow"  # a response type
    assert types.TryAgainResponse(request_id="r", queue_state="active").model_config["frozen"] is True


# ---- equality and iteration --------------------------------------------------------------


@pytest.mark.parametrize("name", WITH_PLAIN_FIELD)
def test_equality_compares_values(name: str) -> None:
    cls = cls_of(name)
    obj = cls.model_validate(full_example(name))
    assert obj == cls.model_validate(full_example(name))
    assert obj != obj.model_copy(update={plain_field(cls): object()})
    assert obj != object()
    assert dict(obj) == {key: getattr(obj, key) for key in cls.model_fields}


def test_array_fields_compare_and_copy_by_value() -> None:
    # Token ids given as a list or as an array are the same value.
    assert types.EncodedTextChunk(tokens=[1, 2]) == types.EncodedTextChunk(tokens=np.array([1, 2]))
    assert types.EncodedTextChunk(tokens=[1, 2]) != types.EncodedTextChunk(tokens=[1, 3])
    topk = types.TopkLogprobs(token_ids=[[1, 2]], logprobs=[[-0.5, -1.0]])
    assert topk == types.TopkLogprobs(token_ids=np.array([[1, 2]]), logprobs=np.array([[-0.5, -1.0]]))
    updated = topk.model_copy(update={"token_ids": np.array([[3, 4]])})
    assert updated != topk and updated.token_ids.tolist() == [[3, 4]]
    assert topk.token_ids.tolist() == [[1, 2]]


# ---- parity with a pydantic model of the same fields -----------------------------------


class PydanticSamplingParams(BaseModel):
    """``SamplingParams`` written as a pydantic model, with the same extra-field policy."""

    model_config = ConfigDict(frozen=True, extra=types.SamplingParams.model_config["extra"])
    max_tokens: int | None = None
    seed: int | None = None
    stop: str | list[str] | list[int] | None = None
    temperature: float = 1.0
    top_k: int = -1
    top_p: float = 1.0


def test_sampling_params_twin_matches_the_type() -> None:
    assert list(PydanticSamplingParams.model_fields) == list(types.SamplingParams.model_fields)
    for name, info in types.SamplingParams.model_fields.items():
        assert PydanticSamplingParams.model_fields[name].default == info.default


_SAMPLING_KWARGS: list[dict[str, Any]] = [
    {},
    {"max_tokens": 5},
    {"max_tokens": 5, "temperature": 1.0},
    {"stop": ["a", "b", "c"], "top_k": -1, "seed": None},
    {"stop": [7, 8], "extra_knob": {"x": 1}},
]
_DUMP_OPTIONS: list[dict[str, Any]] = [
    {},
    {"mode": "json"},
    {"exclude_unset": True},
    {"exclude_defaults": True},
    {"exclude_none": True},
    {"include": {"stop", "seed"}},
    {"exclude": {"stop", "seed"}},
    {"include": {"stop": {0}}},
    {"include": {"stop": {-1}}},
    {"exclude": {"stop": {0: True}}},
    {"exclude": {"stop": {"__all__"}}},
    {"include": {"stop": ..., "max_tokens": True}},
    {"include": {"stop": {0, 1}}, "exclude": {"stop": {0}}},
    {"include": {"extra_knob"}},
    {"exclude": {"extra_knob": {"x"}}},
    {"exclude_unset": True, "exclude_none": True, "mode": "json"},
]


def _stable_id(value: Any) -> str:
    """A test id that does not depend on set order (string hashes change per process, and
    pytest-xdist needs every worker to collect the same ids)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {_stable_id(item)}" for key, item in value.items()) + "}"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(_stable_id(item) for item in value)) + "}"
    return repr(value)


@pytest.mark.parametrize("kwargs", _SAMPLING_KWARGS, ids=_stable_id)
@pytest.mark.parametrize("options", _DUMP_OPTIONS, ids=_stable_id)
def test_sampling_params_dump_matches_pydantic(kwargs: dict[str, Any], options: dict[str, Any]) -> None:
    ours, theirs = types.SamplingParams(**kwargs), PydanticSamplingParams(**kwargs)
    assert ours.model_dump(**options) == theirs.model_dump(**options)
    text_options = {k: v for k, v in options.items() if k != "mode"}  # JSON text is always mode="json"
    assert ours.model_dump_json(**text_options) == theirs.model_dump_json(**text_options)


@pytest.mark.parametrize("kwargs", _SAMPLING_KWARGS, ids=str)
def test_sampling_params_fields_set_and_extras_match_pydantic(kwargs: dict[str, Any]) -> None:
    ours, theirs = types.SamplingParams(**kwargs), PydanticSamplingParams(**kwargs)
    assert ours.model_fields_set == theirs.model_fields_set
    assert ours.model_extra == theirs.model_extra
    assert list(ours) == list(theirs)
    update = {"seed": 3, "new_knob": 1}
    ours_copy, theirs_copy = ours.model_copy(update=update), theirs.model_copy(update=update)
    assert ours_copy.model_fields_set == theirs_copy.model_fields_set
    assert ours_copy.model_extra == theirs_copy.model_extra
    assert ours_copy.model_dump() == theirs_copy.model_dump()
    built = types.SamplingParams.model_construct(**kwargs)
    twin = PydanticSamplingParams.model_construct(**kwargs)
    assert built.model_fields_set == twin.model_fields_set  # model_construct never counts extras
    assert built.model_extra == twin.model_extra
    assert built.model_dump(exclude_unset=True) == twin.model_dump(exclude_unset=True)


def test_equality_counts_extra_fields_like_pydantic() -> None:
    assert (PydanticSamplingParams(max_tokens=1) == PydanticSamplingParams(max_tokens=1, knob=2)) is False
    assert types.SamplingParams(max_tokens=1) != types.SamplingParams(max_tokens=1, knob=2)
    assert types.SamplingParams(max_tokens=1, knob=2) == types.SamplingParams(max_tokens=1, knob=2)
    # The hash, like pydantic's, covers the declared fields only.
    assert hash(types.SamplingParams(knob=2)) == hash(types.SamplingParams(knob=3))


class PydanticAdamParams(BaseModel):
    """``AdamParams`` (a request type: unknown fields are refused) as a pydantic model."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    learning_rate: float = 0.0001
    beta1: float = 0.9
    beta2: float = 0.95
    eps: float = 1e-12
    weight_decay: float = 0.0
    grad_clip_norm: float = 0.0


def test_request_types_never_dump_unknown_names_like_pydantic() -> None:
    assert list(PydanticAdamParams.model_fields) == list(types.AdamParams.model_fields)
    ours = types.AdamParams(learning_rate=0.5).model_copy(update={"lr": 1, "beta1": 0.5})
    theirs = PydanticAdamParams(learning_rate=0.5).model_copy(update={"lr": 1, "beta1": 0.5})
    assert ours.model_dump() == theirs.model_dump()
    assert ours.model_extra is None and theirs.model_extra is None
    built = types.AdamParams.model_construct(lr=1)
    twin = PydanticAdamParams.model_construct(lr=1)
    assert built.model_dump() == twin.model_dump()
    assert built.model_fields_set == twin.model_fields_set == set()


class PydanticChunk(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    tokens: list[int]
    type: str = "encoded_text"


class PydanticModelInput(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    chunks: list[PydanticChunk]


_CHUNKS = {"chunks": [{"tokens": [1, 2]}, {"tokens": [3, 4], "type": "encoded_text"}, {"tokens": [5]}]}


@pytest.mark.parametrize(
    "options",
    [
        {"exclude_unset": True},
        {"exclude_defaults": True},
        {"include": {"chunks": {0: {"tokens"}}}},
        {"include": {"chunks": {-1: {"tokens": {-1}}}}},
        {"exclude": {"chunks": {1}}},
        {"exclude": {"chunks": {"__all__": {"type"}}}},
        {"exclude": {"chunks": {"__all__": {"type"}, 0: {"tokens"}}}},
        {"exclude": {"chunks": {"__all__": {"type"}, 0: True}}},
        {"include": {"chunks": {"__all__": {"type"}, 0: {"tokens"}}}},
        {"include": {"chunks": {"__all__": True, 0: {"tokens"}}}},
        {"include": {"chunks": {"__all__": {"tokens": {0}}, 1: {"tokens": {1}}}}},
        {"include": {"chunks": {0, 1}}, "exclude": {"chunks": {0: {"type"}}}},
    ],
    ids=str,
)
def test_nested_include_exclude_match_pydantic(options: dict[str, Any]) -> None:
    ours, theirs = types.ModelInput.model_validate(_CHUNKS), PydanticModelInput.model_validate(_CHUNKS)
    assert ours.model_dump(**options) == theirs.model_dump(**options)


class PydanticForwardBackwardOutput(BaseModel):
    loss_fn_output_type: str
    loss_fn_outputs: list[dict[str, Any]]
    metrics: dict[str, float]


def test_json_text_matches_pydantic_including_non_finite_numbers() -> None:
    data = {"loss_fn_output_type": "x", "loss_fn_outputs": [], "metrics": {"loss": math.nan, "é": 1.5}}
    ours = types.ForwardBackwardOutput.from_dict(data)
    theirs = PydanticForwardBackwardOutput.model_validate(data)
    assert list(PydanticForwardBackwardOutput.model_fields) == list(types.ForwardBackwardOutput.model_fields)
    assert ours.model_dump_json() == theirs.model_dump_json()
    assert ours.model_dump_json(indent=2) == theirs.model_dump_json(indent=2)
    assert ours.model_dump_json(indent=4, exclude={"metrics"}) == theirs.model_dump_json(
        indent=4, exclude={"metrics"}
    )


# ---- pydantic's deprecated v1 names ---------------------------------------------------


_V1_CALLS: dict[str, Callable[[Any, Any], Any]] = {
    "dict": lambda cls, obj: obj.dict(),
    "json": lambda cls, obj: obj.json(),
    "copy": lambda cls, obj: obj.copy(),
    "parse_obj": lambda cls, obj: cls.parse_obj({"max_tokens": 2}),
    "parse_raw": lambda cls, obj: cls.parse_raw('{"max_tokens": 2}'),
    "construct": lambda cls, obj: cls.construct(max_tokens=2),
    "schema": lambda cls, obj: cls.schema(),
    "schema_json": lambda cls, obj: cls.schema_json(),
    "validate": lambda cls, obj: cls.validate({"max_tokens": 2}),
    "update_forward_refs": lambda cls, obj: cls.update_forward_refs(),
}


def _first_warning(call: Callable[[], Any]) -> tuple[warnings.WarningMessage, Any]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return caught[0], result


@pytest.mark.parametrize("method", sorted(_V1_CALLS))
def test_v1_names_warn_exactly_as_pydantic(method: str) -> None:
    call = _V1_CALLS[method]
    ours, result = _first_warning(lambda: call(types.SamplingParams, types.SamplingParams(max_tokens=2)))
    theirs, expected = _first_warning(
        lambda: call(PydanticSamplingParams, PydanticSamplingParams(max_tokens=2))
    )
    assert ours.category is PydanticDeprecatedSince20
    assert issubclass(ours.category, DeprecationWarning)
    assert str(ours.message) == str(theirs.message)
    assert ours.filename == __file__  # points at the caller, like pydantic's
    if isinstance(expected, BaseModel):
        assert result.model_dump() == expected.model_dump()
    elif method in ("dict", "json"):
        assert result == expected


def test_v1_names_warn_the_same_without_pydantic(monkeypatch: pytest.MonkeyPatch) -> None:
    # pydantic is not a tinkex dependency: without it the category is a look-alike.
    monkeypatch.setitem(sys.modules, "pydantic.warnings", None)
    category: Any = deprecated._category.__wrapped__()  # type: ignore[attr-defined]
    assert category is not PydanticDeprecatedSince20
    assert category.__name__ == "PydanticDeprecatedSince20" and issubclass(category, DeprecationWarning)
    text = "The `dict` method is deprecated; use `model_dump` instead."
    assert str(category(text)) == str(PydanticDeprecatedSince20(text))


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_no_field_shadows_a_pydantic_method(name: str) -> None:
    # A generated attribute named like a pydantic method (``json``, ``copy``) would hide it.
    pydantic_names = {n for n in dir(BaseModel) if not n.startswith("_")}
    assert not set(cls_of(name).model_fields) & pydantic_names
