"""Method and URL of every operation, taken from the generated client (the contract).

tinkex sends its own pre-encoded bodies through its own httpx pools (faster than the
generated models, see codegen-notes §4), but the method and path always come from the
generated ``_get_kwargs``: renaming an operation or a path in ``openapi/`` breaks here,
at import or in the per-endpoint tests, never silently in production.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import cache
from types import ModuleType
from typing import Any

from ..errors import TinkexValidationError


class _Placeholder:
    """Stands in for a body model or a required query value: ``_get_kwargs`` only serializes
    them (``to_dict()``, ``isoformat()``, ``str()``), and tinkex sends its own body and query."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {}

    def isoformat(self) -> str:
        return ""

    def __str__(self) -> str:
        return ""


@cache
def _operations() -> dict[str, ModuleType]:
    api = importlib.import_module("tinker_openapi.api")
    found: dict[str, ModuleType] = {}
    for tag in pkgutil.iter_modules(api.__path__):
        package = importlib.import_module(f"tinker_openapi.api.{tag.name}")
        for op in pkgutil.iter_modules(package.__path__):
            found[op.name] = importlib.import_module(f"tinker_openapi.api.{tag.name}.{op.name}")
    return found


def operation_ids() -> list[str]:
    return sorted(_operations())


@cache
def _path_parameter_names(operation: str) -> tuple[str, ...]:
    signature = inspect.signature(_operations()[operation]._get_kwargs)
    return tuple(
        name
        for name, p in signature.parameters.items()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.default is inspect.Parameter.empty
    )


@cache
def _accepts_body(operation: str) -> bool:
    return "body" in inspect.signature(_operations()[operation]._get_kwargs).parameters


@cache
def _required_query_names(operation: str) -> tuple[str, ...]:
    """Required query parameters: tinkex sends its own query, so placeholders only satisfy the call."""
    signature = inspect.signature(_operations()[operation]._get_kwargs)
    return tuple(
        name
        for name, p in signature.parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
        and p.default is inspect.Parameter.empty
        and name != "body"
    )


@cache
def _static_route(operation: str) -> tuple[str, str]:
    return _build(operation, {})


def route(operation: str, /, **path_params: str) -> tuple[str, str]:
    """``(METHOD, path)`` for ``operation`` with its path parameters filled in and quoted."""
    if not path_params:
        return _static_route(operation)
    return _build(operation, path_params)


def _build(operation: str, path_params: dict[str, str]) -> tuple[str, str]:
    try:
        module = _operations()[operation]
    except KeyError:
        raise KeyError(f"unknown operation {operation!r}; known: {', '.join(operation_ids())}") from None
    expected = _path_parameter_names(operation)
    missing = [name for name in expected if name not in path_params]
    unexpected = [name for name in path_params if name not in expected]
    if missing or unexpected:
        raise TypeError(f"{operation}: path parameters {expected}, got {sorted(path_params)}")
    for name, value in path_params.items():
        # A dot segment would be collapsed by URL normalization and address another resource
        # (GET .../training_runs/.. is GET /api/v1); a non-string would be sent as "None".
        if not isinstance(value, str) or not value or value in (".", ".."):
            raise TinkexValidationError(
                f"{name} must be a non-empty string other than '.' or '..', got {value!r}", field=name
            )
    kwargs: dict[str, Any] = dict(path_params)
    if _accepts_body(operation):
        kwargs["body"] = _Placeholder()
    kwargs.update(dict.fromkeys(_required_query_names(operation), _Placeholder()))
    built = module._get_kwargs(**kwargs)
    return str(built["method"]).upper(), str(built["url"])
