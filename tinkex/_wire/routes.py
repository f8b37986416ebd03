"""Method and URL of every operation, taken from the generated client (the contract).

tinkex sends its own pre-encoded bodies through its own httpx pools (faster than the
generated models, see codegen-notes §4), but the method and path always come from the
generated ``_get_kwargs``. ``codegen.py`` calls each one and records method, URL template and
path parameters in ``tinker_openapi/routes.json``; this module reads only that table, so a
process that only samples never imports the 49 endpoint modules and the model modules behind
them (issue 8). ``codegen.py --check`` fails when the table is stale, and the per-endpoint
tests compare every route against the live ``_get_kwargs``: a renamed operation or path in
``openapi/`` still breaks a check, never silently in production.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import NamedTuple
from urllib.parse import quote

from ..errors import TinkexValidationError

_GENERATED_PACKAGE = "tinker_openapi"
_TABLE_NAME = "routes.json"


class _Route(NamedTuple):
    method: str
    url_template: str  # "{name}" placeholders, one per path parameter
    path_params: tuple[str, ...]  # in the order of the generated ``_get_kwargs`` signature


@cache
def _routes() -> dict[str, _Route]:
    raw = json.loads(resources.files(_GENERATED_PACKAGE).joinpath(_TABLE_NAME).read_bytes())
    return {
        operation: _Route(str(entry["method"]), str(entry["url"]), tuple(entry["path_params"]))
        for operation, entry in raw.items()
    }


def operation_ids() -> list[str]:
    return sorted(_routes())


def route(operation: str, /, **path_params: str) -> tuple[str, str]:
    """``(METHOD, path)`` for ``operation`` with its path parameters filled in and quoted."""
    try:
        entry = _routes()[operation]
    except KeyError:
        raise KeyError(f"unknown operation {operation!r}; known: {', '.join(operation_ids())}") from None
    if not path_params and not entry.path_params:
        return entry.method, entry.url_template
    expected = entry.path_params
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
    # The same quoting as the generated code; codegen.py refuses to write the table otherwise.
    quoted = {name: quote(str(value), safe="") for name, value in path_params.items()}
    return entry.method, entry.url_template.format_map(quoted)
