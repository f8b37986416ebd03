"""The public types keep up with the spec: nothing the server may send is missing from them.

For every object schema reachable from a response in ``openapi/tinker.yaml``, each property
must be a field of the public type of the same name (wire names mapped through the type's
aliases), or the value would land in ``model_extra`` untyped. The union aliases spelled by
hand in ``tinkex/types/unions.py`` must list exactly the members the spec's ``oneOf``/``anyOf``
lists.
"""

from __future__ import annotations

import ast
import copy
import inspect
import types as pytypes
import typing
from collections.abc import Iterator
from typing import Any

import pytest

import tinkex.types as public
import tinkex.types.unions as unions

from .conftest import load_spec

SPEC = load_spec()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
_REF = "#/components/schemas/"


def _refs(node: Any) -> Iterator[str]:
    """Every components schema ``node`` references directly."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF):
            yield ref[len(_REF) :]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def response_schema_names(spec: dict[str, Any]) -> set[str]:
    """Every components schema reachable from a response, transitively (as in test_spec_style)."""
    todo: list[Any] = [
        op["responses"] for item in spec["paths"].values() for op in item.values() if isinstance(op, dict)
    ]
    todo.extend(spec["components"].get("responses", {}).values())
    seen: set[str] = set()
    while todo:
        for name in _refs(todo.pop()):
            if name not in seen:
                seen.add(name)
                todo.append(spec["components"]["schemas"][name])
    return seen


def missing_fields(spec: dict[str, Any], name: str) -> set[str]:
    """Properties of schema ``name`` that ``tinkex.types.<name>`` has no field for."""
    cls = getattr(public, name)
    fields = set(cls.model_fields)
    return {
        p
        for p in spec["components"]["schemas"][name]["properties"]
        if cls._tinker_aliases.get(p, p) not in fields
    }


RESPONSE_OBJECTS = sorted(n for n in response_schema_names(SPEC) if "properties" in SCHEMAS[n])


def test_responses_reach_the_types_that_matter() -> None:
    # The walk finds nested schemas too, not only the top-level reply of each operation.
    assert {"TryAgainResponse", "ForwardBackwardOutput", "SampledSequence", "TensorData", "Cursor"} <= set(
        RESPONSE_OBJECTS
    )


@pytest.mark.parametrize("name", RESPONSE_OBJECTS)
def test_response_properties_are_fields_of_the_public_type(name: str) -> None:
    assert hasattr(public, name), f"no public type for response schema {name}"
    assert not missing_fields(SPEC, name)


def test_drift_check_reports_a_property_the_type_lacks() -> None:
    grown = copy.deepcopy(SPEC)
    grown["components"]["schemas"]["TryAgainResponse"]["properties"]["eta_ms"] = {"type": "integer"}
    assert missing_fields(grown, "TryAgainResponse") == {"eta_ms"}


# ---- union aliases ---------------------------------------------------------------------------


def _spec_unions() -> dict[str, set[str]]:
    """Schemas that are a ``oneOf``/``anyOf`` of references only, with their member names."""
    found = {}
    for name, schema in SCHEMAS.items():
        options = schema.get("oneOf") or schema.get("anyOf")
        if options and all("$ref" in option for option in options):
            found[name] = {option["$ref"][len(_REF) :] for option in options}
    return found


def _alias_members(alias: Any) -> set[str] | None:
    """Class names of a union alias (``None`` when the alias is not a union)."""
    if typing.get_origin(alias) not in (typing.Union, pytypes.UnionType):
        return None
    return {member.__name__ for member in typing.get_args(alias)}


SPEC_UNIONS = _spec_unions()


@pytest.mark.parametrize("name", sorted(SPEC_UNIONS))
def test_union_alias_lists_the_spec_members(name: str) -> None:
    assert name in unions.__all__, f"the spec's union {name} has no alias in tinkex/types/unions.py"
    assert _alias_members(getattr(unions, name)) == SPEC_UNIONS[name]
    assert getattr(public, name) is getattr(unions, name)  # exported under the official name


def test_type_checkers_see_every_union_alias() -> None:
    # tinkex.types resolves names lazily; type checkers read its TYPE_CHECKING imports instead,
    # so an alias missing there would be Any in user code.
    tree = ast.parse(inspect.getsource(public))
    seen = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "unions"
        for alias in node.names
    }
    assert seen == set(unions.__all__)


def test_every_union_alias_is_a_spec_union() -> None:
    aliases = {n: m for n in unions.__all__ if (m := _alias_members(getattr(unions, n))) is not None}
    assert aliases.keys() == SPEC_UNIONS.keys()
