"""A spec change reaches the public API through ``codegen.py`` alone, with no handwritten edit.

In a temporary copy of the contract (``codegen.py`` + ``openapi/``), an optional property is
added to a response schema and a new GET endpoint to the paths; ``codegen.py`` regenerates. A
child process that imports the regenerated package ahead of the installed one then shows that

* the public type (``tinkex.types.HealthResponse``) has the property: attribute,
  ``model_validate``, ``model_dump``, ``model_fields``;
* the new endpoint's generated function, called with tinkex's client (``ServiceClient.api``),
  goes through tinkex's policy: the local server's 404 arrives as ``tinkex.NotFoundError``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import TEST_API_KEY

ROOT = Path(__file__).resolve().parents[2]

NEW_PROPERTY = (
    "        regeneration_probe: {type: [string, 'null'], description: added by the regeneration test}\n"
)
NEW_PATH = """  /api/v1/regeneration_probe:
    get:
      operationId: get_regeneration_probe
      tags: [service]
      summary: An endpoint only this test adds.
      responses:
        '200':
          description: never answered (the local server does not know it)
          content:
            application/json:
              schema: {$ref: '#/components/schemas/HealthResponse'}
"""

CHILD = """
import sys

import tinker_openapi
import tinkex
import tinkex.types as types
from tinker_openapi.api.service import get_regeneration_probe

assert tinker_openapi.__file__.startswith(sys.argv[2]), tinker_openapi.__file__
health = types.HealthResponse.model_validate({"status": "ok", "regeneration_probe": "yes"})
assert health.regeneration_probe == "yes"
assert health.model_dump()["regeneration_probe"] == "yes"
assert "regeneration_probe" in types.HealthResponse.model_fields
assert types.HealthResponse(status="ok").regeneration_probe is None

with tinkex.ServiceClient(base_url=sys.argv[1], api_key=sys.argv[3], max_retries=0) as service:
    try:
        get_regeneration_probe.sync(client=service.api)
    except tinkex.NotFoundError as exc:
        print("policy:", type(exc).__name__, exc.status_code)
    else:
        raise AssertionError("the new endpoint should have answered 404")
"""


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contract")
    shutil.copy2(ROOT / "codegen.py", root / "codegen.py")
    shutil.copytree(ROOT / "openapi", root / "openapi")
    spec = root / "openapi" / "tinker.yaml"
    text = spec.read_text(encoding="utf-8")
    anchor = "    HealthResponse:\n"
    schema_start = text.index(anchor)
    properties = text.index("      properties:\n", schema_start) + len("      properties:\n")
    text = text[:properties] + NEW_PROPERTY + text[properties:]
    text = text.replace("paths:\n", "paths:\n" + NEW_PATH, 1)
    spec.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(root / "codegen.py")], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return root / "generated"


def test_new_property_and_endpoint_reach_the_public_api(regenerated: Path, local_server: object) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(regenerated), str(ROOT)])}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(CHILD),
            local_server.base_url,  # type: ignore[attr-defined]
            str(regenerated),
            TEST_API_KEY,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "policy: NotFoundError 404" in result.stdout


def test_the_real_tree_does_not_have_the_probe() -> None:
    # The change above lives only in the temporary copy.
    import tinkex.types as types

    assert "regeneration_probe" not in types.HealthResponse.model_fields
