"""``model_json_schema``: the type's schema exactly as ``openapi/tinker.yaml`` declares it.

``codegen.py`` copies the spec's component schemas into ``tinker_openapi/schemas.json``; here
one of them becomes a standalone JSON schema in pydantic's layout: ``title``, references as
``#/$defs/<Name>`` (or the caller's ``ref_template``) and every referenced schema in ``$defs``.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["json_schema_of"]

_SPEC_REF = "#/components/schemas/"


@cache
def _components() -> dict[str, Any]:
    raw = resources.files("tinker_openapi").joinpath("schemas.json").read_bytes()
    components: dict[str, Any] = json.loads(raw)
    return components


def _rewrite(node: Any, ref_template: str, found: set[str]) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(_SPEC_REF):
                out[key] = _reference(value, ref_template, found)
            elif key == "discriminator" and isinstance(value, dict) and "mapping" in value:
                # The mapping's values are references too (pydantic writes them as ``#/$defs/...``).
                mapping = {tag: _reference(ref, ref_template, found) for tag, ref in value["mapping"].items()}
                out[key] = {**value, "mapping": mapping}
            elif key.startswith("x-"):
                continue  # generator hints, not part of the schema
            else:
                out[key] = _rewrite(value, ref_template, found)
        return out
    if isinstance(node, list):
        return [_rewrite(item, ref_template, found) for item in node]
    return node


def _reference(ref: str, ref_template: str, found: set[str]) -> str:
    if not ref.startswith(_SPEC_REF):
        return ref
    name = ref[len(_SPEC_REF) :]
    found.add(name)
    return ref_template.format(model=name)


def json_schema_of(name: str, ref_template: str = "#/$defs/{model}") -> dict[str, Any]:
    components = _components()
    found: set[str] = set()
    schema = _rewrite(copy.deepcopy(components[name]), ref_template, found)
    schema.setdefault("title", name)
    defs: dict[str, Any] = {}
    todo = sorted(found)
    while todo:
        ref = todo.pop()
        if ref in defs or ref == name:
            continue
        more: set[str] = set()
        defs[ref] = {"title": ref, **_rewrite(copy.deepcopy(components[ref]), ref_template, more)}
        todo.extend(sorted(more - defs.keys()))
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema
