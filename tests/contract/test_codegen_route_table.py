"""codegen_routes.py (the route table codegen.py writes): one entry per ``_get_kwargs``, and a clear refusal when the
generated code quotes a path parameter any other way than ``quote(str(v), safe="")``."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_codegen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("codegen_routes_under_test", ROOT / "codegen_routes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


codegen = _load_codegen()


def _shaped_like_generated(url_of: Any) -> Any:
    """A ``_get_kwargs`` with the generated shape: two path params, a body, a required query."""

    def _get_kwargs(run_id: str, name: str, *, body: Any, since: Any, limit: int = 5) -> dict[str, Any]:
        body.to_dict()
        return {"method": "put", "url": url_of(run_id, name), "params": {"since": str(since), "limit": limit}}

    return _get_kwargs


def test_entry_of_a_correctly_quoted_operation() -> None:
    get_kwargs = _shaped_like_generated(
        lambda run_id, name: "/api/v1/runs/{run_id}/names/{name}".format(
            run_id=quote(str(run_id), safe=""), name=quote(str(name), safe="")
        )
    )
    assert codegen.route_entry("set_name", get_kwargs) == {
        "accepts_body": True,
        "method": "PUT",
        "path_params": ["run_id", "name"],
        "required_query": ["since"],
        "url": "/api/v1/runs/{run_id}/names/{name}",
    }


def test_path_order_may_differ_from_signature_order() -> None:
    get_kwargs = _shaped_like_generated(
        lambda run_id, name: f"/api/v1/names/{quote(str(name), safe='')}/runs/{quote(str(run_id), safe='')}"
    )
    entry = codegen.route_entry("by_name", get_kwargs)
    assert entry["path_params"] == ["run_id", "name"]
    assert entry["url"] == "/api/v1/names/{name}/runs/{run_id}"


def test_default_quoting_that_keeps_slashes_is_refused() -> None:
    get_kwargs = _shaped_like_generated(
        lambda run_id, name: f"/api/v1/runs/{quote(run_id)}/names/{quote(name)}"
    )
    with pytest.raises(
        codegen.RouteTableError,
        match=r"set_name: path parameters are not quoted with quote\(str\(value\), safe=\"\"\)",
    ):
        codegen.route_entry("set_name", get_kwargs)


def test_unquoted_path_parameter_is_refused_naming_it() -> None:
    get_kwargs = _shaped_like_generated(
        lambda run_id, name: f"/api/v1/runs/{quote(run_id, safe='')}/names/{name}"
    )
    with pytest.raises(
        codegen.RouteTableError, match=r"set_name: path parameter 'name' must appear exactly once"
    ):
        codegen.route_entry("set_name", get_kwargs)


def test_path_parameter_missing_from_the_url_is_refused() -> None:
    get_kwargs = _shaped_like_generated(lambda run_id, name: f"/api/v1/runs/{quote(run_id, safe='')}")
    with pytest.raises(codegen.RouteTableError, match="path parameter 'name' must appear exactly once"):
        codegen.route_entry("set_name", get_kwargs)


def test_stray_braces_in_the_url_are_refused() -> None:
    get_kwargs = _shaped_like_generated(
        lambda run_id, name: f"/api/v1/{{x}}/{quote(run_id, safe='')}/{quote(name, safe='')}"
    )
    with pytest.raises(codegen.RouteTableError, match=r"has fields \['x', 'run_id', 'name'\]"):
        codegen.route_entry("set_name", get_kwargs)
