"""``tinkex.install_as_tinker()``: third-party code written for ``tinker`` runs on tinkex, unchanged.

Every check runs in a child interpreter, where the official ``tinker`` (installed in the dev
environment) has not been imported yet; this process imports it as the reference.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .test_api_surface_modules import UNMAPPED_MODULES, _official_modules, _target

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
CONSUMER = DATA / "tinker_consumer"


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    paths = [str(ROOT), str(ROOT / "generated"), str(DATA), os.environ.get("PYTHONPATH", "")]
    full_env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "TINKER_TELEMETRY": "0",
        "HF_HUB_OFFLINE": "1",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-6000:]}"
    return result.stdout


def test_the_consumer_package_is_written_for_tinker() -> None:
    imports = [
        line.strip()
        for path in CONSUMER.glob("*.py")
        for line in path.read_text().splitlines()
        if line.strip().startswith(("import ", "from "))
    ]
    assert not any("tinkex" in line for line in imports)
    for expected in (
        "import tinker",
        "from tinker import types",
        "from tinker.lib.public_interfaces import APIFuture, SamplingClient, TrainingClient",
        "from tinker.lib.retry_handler import RetryConfig",
        "from tinker.types.tensor_data import TensorData",
        "import tinker.types.sampling_params as sampling_params_module",
    ):
        assert expected in imports


def test_every_public_path_resolves_to_one_tinkex_module() -> None:
    # covers DESIGN §2 (install_as_tinker), TYP-01: each path is a tinkex module, loaded once
    paths = {name: _target(name) for name in _official_modules() if _target(name) is not None}
    official_dir = str(Path(__import__("tinker").__file__).parent)
    out = _ok(
        _python(
            """
            import importlib, json, sys
            import tinkex
            tinkex.install_as_tinker()
            paths = json.loads(sys.argv[1])
            for official, target in paths.items():
                module = importlib.import_module(official)
                assert module is importlib.import_module(target), (official, module)
                assert sys.modules[official] is module
            from tinker.types.tensor_data import TensorData
            from tinker.types.datum import Datum
            import tinker, tinker.types
            assert TensorData is tinkex.types.TensorData is tinker.TensorData
            assert Datum is tinkex.Datum
            from tinker.lib.retry_handler import RetryConfig
            assert RetryConfig is tinkex.RetryConfig
            loaded = [m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)]
            print(json.dumps(loaded))
            """,
            json.dumps(paths),
        )
    )
    assert len(paths) > 100
    # Nothing of the official package was executed in the child.
    assert [f for f in json.loads(out) if f.startswith(official_dir)] == []


def test_paths_without_a_counterpart_fail_clearly() -> None:
    unmapped = sorted(UNMAPPED_MODULES)
    result = _python(
        """
        import importlib, sys, tinkex
        tinkex.install_as_tinker()
        for name in sys.argv[1:]:
            try:
                importlib.import_module(name)
            except ModuleNotFoundError as exc:
                assert "no tinkex counterpart" in str(exc) and exc.name == name, exc
            else:
                raise AssertionError(name + " imported")
        print("refused", len(sys.argv) - 1)
        """,
        *unmapped,
    )
    assert _ok(result).strip() == f"refused {len(unmapped)}"


def test_refuses_once_the_official_sdk_is_imported() -> None:
    result = _python(
        """
        import tinker, tinkex
        try:
            tinkex.install_as_tinker()
        except RuntimeError as exc:
            print(exc)
        """
    )
    assert "the official tinker SDK is already imported" in _ok(result)


def test_install_is_idempotent_and_leaves_tinkex_names_alone() -> None:
    out = _ok(
        _python(
            """
            import sys, tinkex
            tinkex.install_as_tinker()
            tinkex.install_as_tinker()
            import tinker
            finders = [f for f in sys.meta_path if type(f).__name__ == "_TinkerAliasFinder"]
            print(len(finders), tinker is tinkex, tinker.__name__)
            """
        )
    )
    assert out.split() == ["1", "True", "tinkex"]


@pytest.mark.server
def test_third_party_package_runs_unchanged(local_server: object) -> None:
    # covers DESIGN §2/§3: a library written for tinker trains and samples on tinkex
    base_url = local_server.base_url  # type: ignore[attr-defined]
    out = _ok(
        _python(
            """
            import json, tinkex
            tinkex.install_as_tinker()
            import tinker
            import tinker_consumer
            with tinker.ServiceClient() as service:
                result = tinker_consumer.train_then_sample(service, "local/byte-tiny")
            print("RESULT", json.dumps(result))
            """,
            env={"TINKER_BASE_URL": base_url, "TINKER_API_KEY": "tml-consumer-key"},
        )
    )
    result = json.loads(out.split("RESULT", 1)[1])
    assert result["losses"][-1] < result["losses"][0]
    assert len(result["tokens"]) >= 1
