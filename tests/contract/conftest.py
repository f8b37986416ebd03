"""Shared fixtures of the contract tests: the parsed spec and a JSON Schema validator over it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "tinker.yaml"
DATA_DIR = Path(__file__).resolve().parent / "data"
# The spec is registered under this URI so `$ref`s inside it resolve against the whole document.
SPEC_URI = "urn:tinker"

try:
    import tinker_openapi  # noqa: F401  (installed by `pip install -e .`)
except ImportError:
    # Without an editable install the generated packages are only on disk under generated/.
    sys.path.insert(0, str(ROOT / "generated"))


def load_spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as fh:
        spec: dict[str, Any] = yaml.safe_load(fh)
    return spec


def schema_validator(spec: dict[str, Any], schema_name: str) -> Draft202012Validator:
    """A Draft 2020-12 validator for one components schema, resolving refs across the whole spec."""
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}#/components/schemas/{schema_name}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture(scope="session")
def validator_for(spec: dict[str, Any]) -> Callable[[str], Draft202012Validator]:
    """`validator_for("SampleRequest")` -> a validator of that components schema."""
    cache: dict[str, Draft202012Validator] = {}

    def get(schema_name: str) -> Draft202012Validator:
        if schema_name not in cache:
            cache[schema_name] = schema_validator(spec, schema_name)
        return cache[schema_name]

    return get
