"""`make demo` needs only the `server` extra (issue 18 "Demo install").

The Makefile's demo verb installs ``.[server]`` and nothing else, and the demo script
(examples/quickstart.py, which starts its own local server) imports only distributions that
the ``server`` extra brings in: no dev tools, no torch, no official SDK.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from importlib.metadata import PackagePath
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[3]
OURS = {"tinkex", "tinker-openapi", "tinker-proto"}  # this repository's own import packages


def _requirement_closure(roots: list[str]) -> set[str]:
    """Canonical names of ``roots`` and everything they require, as installed here."""
    seen: set[str] = set()
    pending = [Requirement(text) for text in roots]
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            child = Requirement(text)
            extras = requirement.extras or {""}
            if child.marker is None or any(child.marker.evaluate({"extra": extra}) for extra in extras):
                pending.append(child)
    return seen


def test_make_demo_installs_only_the_server_extra(tmp_path: Path) -> None:
    # -B: as on a fresh clone, where every target must be built; -n: print, don't run.
    planned = subprocess.run(
        ["make", "-n", "-B", "demo", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installs = [
        line for line in planned.splitlines() if "pip install" in line and "--upgrade pip" not in line
    ]
    assert installs == [f"{tmp_path / 'venv'}/bin/python -m pip install --quiet -e '.[server]'"]
    assert "examples/quickstart.py" in planned

    everything = subprocess.run(
        ["make", "-n", "-B", "test", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "-e '.[all,dev]'" in everything  # `make test` still installs the whole toolset


def _demo_command() -> list[str]:
    script = str(ROOT / "examples" / "quickstart.py")
    return [sys.executable, "-S", script, "--model", "local/byte-tiny", "--steps", "2"]


def _server_only_site(allowed: set[str], site: Path) -> None:
    """Link the installed files of the ``allowed`` distributions into ``site``: the
    site-packages a fresh ``pip install '.[server]'`` would have.

    A top-level folder that one installed distribution alone has files in (``jax/``,
    ``scipy/``, a ``.dist-info``) is linked whole: one link instead of thousands, the same
    files. A folder several distributions share (``__pycache__``, a namespace package) gets
    only the allowed distributions' files, one link each.
    """
    owners: dict[str, set[str]] = {}
    wanted: list[tuple[metadata.Distribution, list[PackagePath]]] = []
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        # Scripts outside site-packages are not imported; .pth files are not read under -S.
        files = [f for f in dist.files or [] if f.parts[0] != ".." and f.suffix != ".pth"]
        for file in files:
            owners.setdefault(file.parts[0], set()).add(name)
        if name in allowed and name not in OURS:
            wanted.append((dist, files))
    for dist, files in wanted:
        for file in files:
            top = file.parts[0]
            whole = len(file.parts) > 1 and len(owners[top]) == 1
            relative = Path(top) if whole else Path(file)
            source, target = Path(str(dist.locate_file(relative))), site / relative
            if target.is_symlink() or not (source.is_dir() if whole else source.is_file()):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source)


def test_demo_runs_with_only_the_server_extra_installed(tmp_path: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    allowed = (
        _requirement_closure(project["dependencies"] + project["optional-dependencies"]["server"]) | OURS
    )
    assert "torch" not in allowed and "pytest" not in allowed and "tinker" not in allowed
    site = tmp_path / "site-packages"
    _server_only_site(allowed, site)

    env = {k: v for k, v in os.environ.items() if not k.startswith(("TINKER_", "TINKEX_", "PYTHON"))}
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT), str(ROOT / "generated")])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    # XLA's optimisation passes change how fast the compiled programs run, not which packages
    # the demo imports; without them the demo's ~30 compiles take a third less CPU.
    env["XLA_FLAGS"] = f"{env.get('XLA_FLAGS', '')} --xla_backend_optimization_level=0".strip()
    # -S: no site-packages of this (dev) environment; only the linked server-extra closure.
    done = subprocess.run(
        _demo_command(),
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "local Tinker server on" in done.stdout  # it started its own server: server imports count
    assert re.search(r"sampled: '.*' \(stop reason: ", done.stdout)
