#!/usr/bin/env python3
"""The route table ``codegen.py`` writes to ``generated/tinker_openapi/routes.json``.

    python -B -P codegen_routes.py OUT   # print the table of the tinker_openapi generated in OUT

One entry per operation: method, URL template with ``{name}`` placeholders, path parameters,
whether it takes a body, required query names, all read by calling the freshly generated
``_get_kwargs``. tinkex routes requests from this table, so a process that only samples never
imports the endpoint modules and the model modules behind them (issue 8), while method and URL
still come from the generated code. It imports generated code, so ``codegen.py`` runs it as a
child process: its own process never caches modules that might be the committed tree's.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import string
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

# Path parameters are checked on this awkward value: any quoting other than
# quote(str(value), safe="") would give a different URL than the table's.
QUOTING_PROBE = "a/b c?d#e%f\u00e9."


class RouteTableError(Exception):
    """The generated code cannot be described by the table (a problem to fix in the generator config)."""


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


def route_entry(operation: str, get_kwargs: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """The route-table entry of one operation, read from its generated ``_get_kwargs``.

    Path parameters are the positional ones without a default; required query parameters are
    keyword-only without a default (the placeholders only satisfy the call)."""
    parameters = inspect.signature(get_kwargs).parameters
    path_params = [
        name
        for name, p in parameters.items()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.default is inspect.Parameter.empty
    ]
    required_query = [
        name
        for name, p in parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
        and p.default is inspect.Parameter.empty
        and name != "body"
    ]
    accepts_body = "body" in parameters

    def build(values: dict[str, str]) -> tuple[str, str]:
        kwargs: dict[str, Any] = dict(values)
        if accepts_body:
            kwargs["body"] = _Placeholder()
        kwargs.update(dict.fromkeys(required_query, _Placeholder()))
        built = get_kwargs(**kwargs)
        return str(built["method"]).upper(), str(built["url"])

    method, url = build({name: "{" + name + "}" for name in path_params})
    for name in path_params:
        # The generated code quotes "{name}" to "%7Bname%7D": turn it back into the placeholder.
        quoted = quote("{" + name + "}", safe="")
        if url.count(quoted) != 1:
            raise RouteTableError(
                f"{operation}: path parameter {name!r} must appear exactly once in the URL, "
                f'percent-quoted with quote(str(value), safe=""); got URL {url!r}'
            )
        url = url.replace(quoted, "{" + name + "}")
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(url) if field is not None]
    except ValueError as exc:
        raise RouteTableError(f"{operation}: URL template {url!r} is not a format string: {exc}") from None
    if sorted(fields) != sorted(path_params):
        raise RouteTableError(
            f"{operation}: URL template {url!r} has fields {fields}, expected {path_params}"
        )
    # Any other quoting (safe="/" keeps slashes, no quoting at all) would make the table route
    # differently from the generated client: prove the equivalence on an awkward value.
    probe = {name: QUOTING_PROBE + name for name in path_params}
    expected = url.format_map({name: quote(value, safe="") for name, value in probe.items()})
    probe_method, probe_url = build(probe)
    if (probe_method, probe_url) != (method, expected):
        raise RouteTableError(
            f'{operation}: path parameters are not quoted with quote(str(value), safe=""): '
            f"{probe!r} gave {probe_method} {probe_url!r}, expected {method} {expected!r}"
        )
    return {
        "accepts_body": accepts_body,
        "method": method,
        "path_params": path_params,
        "required_query": required_query,
        "url": url,
    }


def extract_route_table(out: Path) -> dict[str, dict[str, Any]]:
    """Route entries of every endpoint module of the ``tinker_openapi`` generated into ``out``.

    Imports the generated code, so it runs in a child process (see ``_write_route_table``)."""
    sys.path.insert(0, str(out))
    api = importlib.import_module("tinker_openapi.api")
    if not Path(api.__file__ or "").resolve().is_relative_to(out.resolve()):
        raise RouteTableError(f"imported {api.__file__}, not the fresh generation in {out}")
    table: dict[str, dict[str, Any]] = {}
    for tag in pkgutil.iter_modules(api.__path__):
        package = importlib.import_module(f"tinker_openapi.api.{tag.name}")
        for op in pkgutil.iter_modules(package.__path__):
            if op.name in table:
                raise RouteTableError(f"operation id {op.name!r} appears under two tags")
            module = importlib.import_module(f"tinker_openapi.api.{tag.name}.{op.name}")
            table[op.name] = route_entry(op.name, module._get_kwargs)
    return table


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: codegen_routes.py OUT", file=sys.stderr)
        return 2
    try:
        print(json.dumps(extract_route_table(Path(argv[0]))))
    except RouteTableError as exc:
        print(f"route table: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
