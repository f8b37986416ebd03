"""A user's type checker sees the spec's types: ``py.typed`` ships and mypy --strict checks usage.

The generated packages (``tinker_openapi``, ``tinker_proto``) are installed next to ``tinkex``
(the wheel packs them as top-level packages), so each needs its own ``py.typed`` marker or
mypy treats it as untyped. The scripts under ``data/typing`` are checked in one mypy run, from
a scratch directory so that only the installed packages (not this repository's mypy settings)
decide the outcome: the official usage passes, mistakes the spec rules out fail.

The scratch configuration differs from a bare ``strict = True`` in one way: mypy does not
follow imports into torch, jax and jaxlib (``follow_imports = skip``). tinkex names their types
only in annotations of its torch/JAX conversions and custom losses, which the scripts do not
call, yet mypy would analyse both libraries whole (~1,800 modules, three quarters of a cold
run's ~20 s). Skipping them makes those few annotations ``Any`` and nothing else: every
expression in the scripts has the same type either way (checked with ``--disallow-any-expr``,
whose report is identical with and without the skip), numpy stays analysed, and
``tinkex``/``tinker_openapi``/``tinker_proto`` are checked as a user's mypy checks them.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = Path(__file__).resolve().parent / "data" / "typing"
TYPED_PACKAGES = ("tinkex", "tinker_openapi", "tinker_proto")


def _package_dir(name: str) -> Path:
    module = importlib.import_module(name)
    assert module.__file__ is not None
    return Path(module.__file__).parent


@pytest.mark.parametrize("package", TYPED_PACKAGES)
def test_py_typed_marker_is_in_the_imported_package(package: str) -> None:
    assert (_package_dir(package) / "py.typed").is_file()


def test_wheel_packs_every_typed_package_with_its_marker() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    packed = {Path(path).name: ROOT / path for path in wheel["packages"]}
    assert set(packed) == set(TYPED_PACKAGES)  # hatch installs each as a top-level package
    for name, source in packed.items():
        assert (source / "py.typed").is_file(), f"{source} has no py.typed"
        assert _package_dir(name) == source  # what the tests import is what the wheel packs
    excluded = [*wheel.get("exclude", []), *wheel.get("artifacts", [])]
    assert not any("py.typed" in pattern or pattern.endswith(".typed") for pattern in excluded)


# ---- mypy --strict on user scripts ---------------------------------------------------------


def _mypy_cache_dir(config: pytest.Config, work: Path) -> Path:
    """mypy's incremental cache, kept between runs in pytest's cache folder when there is one.

    A cold run analyses every module the scripts reach (~5 s); a kept cache makes later runs
    re-analyse only what changed. mypy checks each cached module against
    its source and its own version and options, so a kept entry never changes the outcome.
    With the cache plugin off (``-p no:cacheprovider``) the cache is this run's own.
    """
    kept = getattr(config, "cache", None)
    if kept is not None:
        folder: Path = kept.mkdir("user-typing-mypy")
        return folder
    return work / ".mypy_cache"


# Why torch/jax are skipped, and why that leaves every check as strong: the module docstring.
_SCRATCH_MYPY_INI = "[mypy]\nstrict = True\n\n[mypy-torch.*,jax.*,jaxlib.*]\nfollow_imports = skip\n"


@pytest.fixture(scope="module")
def mypy_errors(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    """``file name -> error lines`` from one ``mypy --strict`` run over every script."""
    work = tmp_path_factory.mktemp("user_typing")
    for script in SCRIPTS.glob("*.py"):
        shutil.copy(script, work / script.name)
    (work / "mypy.ini").write_text(_SCRATCH_MYPY_INI, encoding="utf-8")
    env = dict(os.environ)
    try:
        importlib.metadata.distribution("tinkex")  # installed: resolve exactly as a user's mypy does
    except importlib.metadata.PackageNotFoundError:
        env["MYPYPATH"] = os.pathsep.join(str(_package_dir(p).parent) for p in ("tinkex", "tinker_openapi"))
    names = sorted(p.name for p in SCRIPTS.glob("*.py"))
    cache_dir = _mypy_cache_dir(request.config, work)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--cache-dir", str(cache_dir), *names],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr  # 2: mypy itself failed
    errors: dict[str, list[str]] = {name: [] for name in names}
    for line in result.stdout.splitlines():
        name, _, rest = line.partition(":")
        if name in errors and ": error:" in line:
            errors[name].append(rest)
    return errors


@pytest.mark.slow
def test_official_usage_type_checks(mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors["official_usage.py"] == []


@pytest.mark.slow
def test_wrong_field_type_is_rejected(mypy_errors: dict[str, list[str]]) -> None:
    (error,) = mypy_errors["wrong_field_type.py"]
    assert '"learning_rate"' in error and '"str"' in error and '"float"' in error


@pytest.mark.slow
def test_misspelled_loss_fn_is_rejected(mypy_errors: dict[str, list[str]]) -> None:
    (error,) = mypy_errors["misspelled_loss_fn.py"]
    assert "Literal['crossentropy']" in error and "'cross_entropy'" in error  # the official literal
