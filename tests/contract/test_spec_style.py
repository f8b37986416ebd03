"""openapi/tinker.yaml is valid OpenAPI 3.1 and follows the style guide of codegen-notes.md 3.3.

The generator silently degrades on several constructs (ignored discriminators, swallowing
all-optional union variants, dropped `content:` parameters), so the guide is enforced here
rather than trusted.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
ALLOWED_TAGS = {"service", "session", "training", "weights", "sampling", "futures", "rest", "admin"}
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield method.upper(), path, item[method]


def _schemas(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    schemas: dict[str, dict[str, Any]] = spec["components"]["schemas"]
    return schemas


def _deref(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node["$ref"]
    assert ref.startswith("#/components/schemas/"), ref
    return _schemas(spec)[ref.rsplit("/", 1)[1]]


def _walk(node: Any, where: str) -> Iterator[tuple[str, Any]]:
    yield where, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{where}/{i}")


def _response_schema_names(spec: dict[str, Any]) -> set[str]:
    """Every components schema reachable from a response (transitively)."""
    seen: set[str] = set()
    todo: list[Any] = []
    for _, _, op in _operations(spec):
        for response in op["responses"].values():
            todo.append(response)
    todo.extend(spec["components"]["responses"].values())
    while todo:
        node = todo.pop()
        for _, sub in _walk(node, ""):
            if isinstance(sub, dict) and isinstance(sub.get("$ref"), str):
                name = sub["$ref"].rsplit("/", 1)[1]
                if sub["$ref"].startswith("#/components/schemas/") and name not in seen:
                    seen.add(name)
                    todo.append(_schemas(spec)[name])
    return seen


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    # covers T-05
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_validator_rejects_a_broken_spec(spec: dict[str, Any]) -> None:
    # The validation above must be able to fail: an undeclared path parameter is reported.
    broken = copy.deepcopy(spec)
    del broken["paths"]["/api/v1/samplers/{sampler_id}"]["get"]["parameters"]
    with pytest.raises(OpenAPIValidationError, match="sampler_id"):
        validate(broken)


def test_every_operation_has_a_stable_id_and_one_known_tag(spec: dict[str, Any]) -> None:
    ids = []
    for method, path, op in _operations(spec):
        assert SNAKE_CASE.match(op.get("operationId", "")), f"{method} {path}: operationId"
        assert len(op.get("tags", [])) == 1, f"{method} {path}: needs exactly one tag"
        assert op["tags"][0] in ALLOWED_TAGS, f"{method} {path}: unknown tag {op['tags'][0]}"
        ids.append(op["operationId"])
    assert len(ids) == len(set(ids)), "operationIds must be unique"


def test_paths_are_full_and_responses_concrete(spec: dict[str, Any]) -> None:
    for method, path, op in _operations(spec):
        assert path.startswith("/api/v1/"), path
        assert "default" not in op["responses"], f"{method} {path}: no `default` response"
        for status in op["responses"]:
            assert re.fullmatch(r"[1-5](\d\d|XX)", status), f"{method} {path}: status {status}"
        for param in op.get("parameters", []):
            if "$ref" in param:
                param = spec["components"]["parameters"][param["$ref"].rsplit("/", 1)[1]]
            assert "schema" in param and "content" not in param, f"{method} {path}: {param['name']}"


def test_api_key_header_security(spec: dict[str, Any]) -> None:
    assert spec["security"] == [{"ApiKeyAuth": []}]
    scheme = spec["components"]["securitySchemes"]["ApiKeyAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "X-API-Key")


def test_every_object_is_named_in_components(spec: dict[str, Any]) -> None:
    # Inline objects get path-derived class names; everything with properties lives in components.
    for method, path, op in _operations(spec):
        for where, node in _walk(op, f"{method} {path}"):
            if isinstance(node, dict) and node.get("type") == "object":
                raise AssertionError(f"inline object schema at {where}")
    for name, schema in _schemas(spec).items():
        for where, node in _walk(schema.get("properties", {}), name):
            if isinstance(node, dict) and "properties" in node:
                raise AssertionError(f"inline object schema at {where}")


def test_union_variants_are_named_and_tagged(spec: dict[str, Any]) -> None:
    unions = 0
    for name, schema in _schemas(spec).items():
        variants = schema.get("oneOf") or schema.get("anyOf")
        if not variants or any(v.get("type") == "null" for v in variants):
            continue
        object_variants = [v for v in variants if "$ref" in v and "properties" in _deref(spec, v)]
        if not object_variants:
            continue  # a union of scalars / arrays (e.g. StopSequences)
        if name == "FutureRetrieveResponse":
            continue  # results are told apart from control replies by their own rule, below
        unions += 1
        assert len(object_variants) == len(variants), f"{name}: every variant must be a components $ref"
        for variant in object_variants:
            target = _deref(spec, variant)
            # an all-optional variant is only decidable when it is closed (extra keys rejected)
            assert target.get("required") or target.get("additionalProperties") is False, (
                f"{name}: variant {variant['$ref']} is all-optional and open"
            )
        if "discriminator" in schema:
            prop = schema["discriminator"]["propertyName"]
            for variant in object_variants:
                target = _deref(spec, variant)
                assert prop in target["required"], f"{name}: {variant['$ref']} must require {prop}"
                assert "const" in target["properties"][prop], f"{name}: {variant['$ref']} tag is not a const"
    assert unions >= 8


def test_future_result_variants_are_distinguishable_from_control_replies(spec: dict[str, Any]) -> None:
    # The generated parser tries the control replies (try_again, complete_metadata, failure) first
    # and they are open models, so a success payload must never carry every key one of them
    # requires, or it would be read as that control reply. (Success results may be all-optional,
    # as the official OptimStepResponse and LoadWeightsResponse are.)
    variants = [_deref(spec, v) for v in _schemas(spec)["FutureRetrieveResponse"]["anyOf"]]
    controls, successes = variants[:3], variants[3:]
    assert [set(c["required"]) for c in controls] == [
        {"type", "request_id", "queue_state"},
        {"status", "response_payload_size"},
        {"error", "category"},
    ]
    for success in successes:
        for control in controls:
            assert not set(control["required"]) <= set(success["properties"]), (success, control)


def test_request_type_tags_are_required_consts(spec: dict[str, Any]) -> None:
    request_schemas = set()
    for _, _, op in _operations(spec):
        body = op.get("requestBody", {}).get("content", {}).get("application/json")
        if body:
            request_schemas.add(body["schema"]["$ref"].rsplit("/", 1)[1])
    tagged = 0
    for name in request_schemas:
        schema = _schemas(spec)[name]
        if "type" in schema.get("properties", {}):
            tagged += 1
            assert "const" in schema["properties"]["type"], name
            assert "type" in schema["required"], f"{name}: request `type` tag must be required"
    assert tagged >= 14  # the literal-typed requests listed in protocol.md section 1


def test_defaults_sit_on_optional_fields_only(spec: dict[str, Any]) -> None:
    # A default is what an absent field reads as (the official models' field defaults); on a
    # required field it could never apply.
    for name, schema in _schemas(spec).items():
        required = set(schema.get("required", ()))
        for field, node in schema.get("properties", {}).items():
            assert not (field in required and "default" in node), f"{name}.{field}: required with a default"


def test_response_enums_that_may_grow_are_open(spec: dict[str, Any]) -> None:
    schemas = _schemas(spec)
    for name in ("TryAgainResponse", "FutureTimeoutResponse"):
        assert {"type": "string"} in schemas[name]["properties"]["queue_state"]["anyOf"]
    assert {"type": "string"} in schemas["RequestFailedResponse"]["properties"]["category"]["anyOf"]
    assert {"type": "string"} in schemas["SampledSequence"]["properties"]["stop_reason"]["anyOf"]
    assert {"type": "string"} in schemas["Checkpoint"]["properties"]["checkpoint_type"]["anyOf"]
    assert {"type": "string"} in schemas["TraceExportResponse"]["properties"]["status"]["anyOf"]
