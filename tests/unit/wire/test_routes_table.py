"""tinkex._wire.routes: the route table written by codegen.py agrees with the live generated
``_get_kwargs`` for every operation, and routing never imports the generated endpoints or models."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tinkex._wire import routes
from tinkex.errors import TinkexValidationError

ROOT = Path(__file__).resolve().parents[3]

# Each kind of character that quoting must escape, including "/" (which quote's default keeps).
AWKWARD_VALUES = ("run/1", "a b", "100%", "naïve-ünïcødé-模型", "what?", "x#frag", "a/b c?d#e%f\u00e9")


class _Placeholder:
    """Satisfies a body or required query argument of ``_get_kwargs`` (only serialized there)."""

    def to_dict(self) -> dict[str, Any]:
        return {}

    def isoformat(self) -> str:
        return ""

    def __str__(self) -> str:
        return ""


def _generated_get_kwargs() -> dict[str, Callable[..., dict[str, Any]]]:
    api = importlib.import_module("tinker_openapi.api")
    found: dict[str, Callable[..., dict[str, Any]]] = {}
    for tag in pkgutil.iter_modules(api.__path__):
        package = importlib.import_module(f"tinker_openapi.api.{tag.name}")
        for op in pkgutil.iter_modules(package.__path__):
            found[op.name] = importlib.import_module(f"tinker_openapi.api.{tag.name}.{op.name}")._get_kwargs
    return found


GENERATED = _generated_get_kwargs()


def _live_route(operation: str, path_params: dict[str, str]) -> tuple[str, str]:
    get_kwargs = GENERATED[operation]
    parameters = inspect.signature(get_kwargs).parameters
    kwargs: dict[str, Any] = dict(path_params)
    for name, p in parameters.items():
        required_keyword = p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty
        if required_keyword or name == "body":
            kwargs[name] = _Placeholder()
    built = get_kwargs(**kwargs)
    return str(built["method"]).upper(), str(built["url"])


def _path_param_names(operation: str) -> list[str]:
    return [
        name
        for name, p in inspect.signature(GENERATED[operation]).parameters.items()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.default is inspect.Parameter.empty
    ]


def test_operation_ids_are_the_generated_endpoint_modules() -> None:
    assert routes.operation_ids() == sorted(GENERATED)
    assert len(GENERATED) == 49


@pytest.mark.parametrize("operation", sorted(GENERATED))
@pytest.mark.parametrize("value", AWKWARD_VALUES)
def test_route_matches_the_live_generated_get_kwargs(operation: str, value: str) -> None:
    # covers HTTP-01 (method and path from the contract), HTTP-18 (path segments percent-encoded)
    # Each parameter gets a distinct value, so swapped placeholders cannot pass unnoticed.
    path_params = {name: f"{value}{i}" for i, name in enumerate(_path_param_names(operation))}
    assert routes.route(operation, **path_params) == _live_route(operation, path_params)


def test_table_records_body_and_required_query_like_the_signatures() -> None:
    table = json.loads(resources.files("tinker_openapi").joinpath("routes.json").read_bytes())
    for operation, get_kwargs in GENERATED.items():
        parameters = inspect.signature(get_kwargs).parameters
        required_query = [
            name
            for name, p in parameters.items()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
            and p.default is inspect.Parameter.empty
            and name != "body"
        ]
        entry = table[operation]
        assert entry["accepts_body"] is ("body" in parameters), operation
        assert entry["required_query"] == required_query, operation
        assert entry["path_params"] == _path_param_names(operation), operation


def test_sampler_id_is_percent_encoded() -> None:
    # covers HTTP-18
    assert routes.route("get_sampler", sampler_id="session-id:sample:0") == (
        "GET",
        "/api/v1/samplers/session-id%3Asample%3A0",
    )


def test_unknown_operation_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="unknown operation 'no_such_op'; known: asample, cancel_future"):
        routes.route("no_such_op")
    with pytest.raises(KeyError, match="no_such_op"):
        routes.route("no_such_op", session_id="x")


def test_missing_or_unexpected_path_parameters_raise_type_error() -> None:
    with pytest.raises(TypeError, match=r"get_session: path parameters \('session_id',\), got \[\]"):
        routes.route("get_session")
    with pytest.raises(TypeError, match=r"got \['extra', 'session_id'\]"):
        routes.route("get_session", session_id="x", extra="y")
    with pytest.raises(TypeError, match=r"asample: path parameters \(\), got \['session_id'\]"):
        routes.route("asample", session_id="x")


@pytest.mark.parametrize("bad", ["", ".", "..", None, 5])
def test_bad_path_values_raise_validation_error_naming_the_field(bad: object) -> None:
    with pytest.raises(TinkexValidationError, match="session_id must be a non-empty string") as info:
        routes.route("get_session", session_id=bad)  # type: ignore[arg-type]
    assert info.value.field == "session_id"


def test_routing_imports_neither_endpoints_nor_models() -> None:
    # Issue 8: the first request of a sampling process must not pay for the generated client.
    code = textwrap.dedent(
        """
        import sys
        from tinkex._wire import routes
        assert routes.route("asample") == ("POST", "/api/v1/asample"), routes.route("asample")
        assert routes.route("get_session", session_id="x") == ("GET", "/api/v1/sessions/x")
        assert len(routes.operation_ids()) == 49
        loaded = sorted(m for m in sys.modules if m.startswith(("tinker_openapi.models", "tinker_openapi.api")))
        print(loaded)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
