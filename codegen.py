#!/usr/bin/env python3
"""Regenerate ``generated/`` from the contract in ``openapi/``.

    python codegen.py          # regenerate and swap generated/ wholesale
    python codegen.py --check  # regenerate into a temp dir, diff against generated/, exit 1 on drift

The generator runs with the project's own templates (``openapi/templates``): they shape the
models into tinkex's public types (strict converters, the pydantic surface of
``tinkex.types.behaviour``) and the endpoint functions into the runtime tinkex calls. Besides the
two packages it writes ``tinker_openapi/schemas.json``, the spec's component schemas, which
``model_json_schema()`` serves. The stamp records the tool versions and the hash of every input.

The output must be byte-identical across runs and machines, so every tool is pinned
exactly (a mismatch is refused rather than producing a confusing diff), ruff runs with
``--isolated --no-cache`` and fixed flags (never the repo's own lint config), and the
generator's own post-hooks are disabled in ``openapi/codegen.yaml``.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
OPENAPI_DIR = ROOT / "openapi"
SPEC = OPENAPI_DIR / "tinker.yaml"
GENERATOR_CONFIG = OPENAPI_DIR / "codegen.yaml"
TEMPLATES = OPENAPI_DIR / "templates"  # the project's own generator templates (tinkex's model shape)
PROTO = OPENAPI_DIR / "tinker_public.proto"
GENERATED = ROOT / "generated"
PACKAGES = ("tinker_openapi", "tinker_proto")
STAMP_NAME = "CODEGEN_STAMP.json"
SCHEMAS_NAME = "schemas.json"  # inside tinker_openapi/: the spec's schemas, for model_json_schema()

PINS = {
    "openapi-python-client": "0.29.1",
    "grpcio-tools": "1.85.1",
    "ruff": "0.17.6",
}

RUFF_COMMON = ["--isolated", "--no-cache", "--target-version", "py311", "--line-length", "120"]
MAX_DIFFS_SHOWN = 10


class CodegenError(Exception):
    """A problem the user must fix (wrong tool version, generator failure)."""


def check_pins() -> None:
    problems = []
    for dist, wanted in PINS.items():
        try:
            found = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            found = "not installed"
        if found != wanted:
            problems.append(f"  {dist}: need =={wanted}, found {found}")
    if problems:
        raise CodegenError(
            "codegen tool versions do not match the pins (install the 'dev' extra):\n" + "\n".join(problems)
        )


def _run(cmd: list[str], cwd: Path) -> str:
    env = {**os.environ, "PYTHONHASHSEED": "0", "RUFF_NO_CACHE": "true"}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise CodegenError(
            f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}"
        )
    return proc.stdout


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _generate_openapi(out: Path) -> None:
    target = out / "tinker_openapi"
    _run(
        [
            sys.executable, "-m", "openapi_python_client", "generate",
            "--path", str(SPEC), "--config", str(GENERATOR_CONFIG),
            "--meta", "none", "--output-path", str(target), "--fail-on-warning",
            "--custom-template-path", str(TEMPLATES),
        ],
        cwd=out,
    )  # fmt: skip
    # -P: ruff runs with cwd inside the package, whose types.py would otherwise shadow the stdlib module.
    ruff = [sys.executable, "-P", "-m", "ruff"]
    _run([*ruff, "check", *RUFF_COMMON, "--fix-only", "--select", "I,F401", "."], cwd=target)
    _run([*ruff, "format", *RUFF_COMMON, "--config", "format.line-ending='lf'", "."], cwd=target)
    (target / "py.typed").write_text("")


def _generate_proto(out: Path) -> None:
    target = out / "tinker_proto"
    target.mkdir()
    staging = out / "_protoc"
    staging.mkdir()
    # Compiled relative to the repo root, so the descriptor is registered as
    # "openapi/tinker_public.proto": the official SDK registers "tinker_public.proto", and
    # protobuf refuses two files of the same name in one process.
    relative = PROTO.relative_to(ROOT).as_posix()
    _run(
        [
            sys.executable, "-m", "grpc_tools.protoc", f"-I{ROOT}",
            f"--python_out={staging}", f"--pyi_out={staging}", relative,
        ],
        cwd=ROOT,
    )  # fmt: skip
    for suffix in ("_pb2.py", "_pb2.pyi"):
        name = PROTO.stem + suffix
        shutil.move(str(staging / PROTO.parent.name / name), str(target / name))
    shutil.rmtree(staging)
    (target / "__init__.py").write_text(
        '"""Protobuf messages of the Tinker protocol, compiled from openapi/tinker_public.proto."""\n\n'
        "from . import tinker_public_pb2\n\n"
        '__all__ = ["tinker_public_pb2"]\n'
    )
    (target / "py.typed").write_text("")


def _write_schemas(out: Path) -> None:
    # The spec's component schemas, for model_json_schema() (tinkex.types.behaviour.schema).
    import yaml

    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    (out / "tinker_openapi" / SCHEMAS_NAME).write_bytes(
        (json.dumps(schemas, indent=1, sort_keys=True, ensure_ascii=True) + "\n").encode("ascii")
    )


def _write_stamp(out: Path) -> None:
    inputs = [SPEC, GENERATOR_CONFIG, PROTO, *sorted(TEMPLATES.glob("*.jinja"))]
    stamp = {
        "tools": PINS,
        "inputs": {p.relative_to(OPENAPI_DIR).as_posix(): _sha256(p) for p in inputs},
    }
    (out / STAMP_NAME).write_text(json.dumps(stamp, indent=2, sort_keys=True) + "\n")


def generate_into(out: Path) -> None:
    """Write both packages and the stamp into the empty directory ``out``."""
    _generate_openapi(out)
    _write_schemas(out)
    _generate_proto(out)
    _write_stamp(out)


def _tree(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def diff_trees(expected: Path, actual: Path) -> list[str]:
    """Human-readable differences between a fresh generation and the committed tree."""
    want, have = _tree(expected), _tree(actual)
    report: list[str] = []
    for name in sorted(set(want) | set(have)):
        if name not in have:
            report.append(f"missing from generated/: {name}")
        elif name not in want:
            report.append(f"not produced by codegen (hand-added?): generated/{name}")
        elif want[name] != have[name]:
            diff = difflib.unified_diff(
                have[name].decode(errors="replace").splitlines(keepends=True),
                want[name].decode(errors="replace").splitlines(keepends=True),
                fromfile=f"generated/{name} (committed)",
                tofile=f"generated/{name} (regenerated)",
            )
            report.append("".join(diff))
    return report


def swap_in(fresh: Path) -> None:
    """Replace generated/ wholesale: never merge, so stray files cannot survive."""
    GENERATED.mkdir(exist_ok=True)
    for name in (*PACKAGES, STAMP_NAME):
        old = GENERATED / name
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
        shutil.move(str(fresh / name), str(old))
    for stray in GENERATED.iterdir():
        if stray.name not in (*PACKAGES, STAMP_NAME):
            shutil.rmtree(stray) if stray.is_dir() else stray.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--check", action="store_true", help="fail if generated/ differs from a fresh generation"
    )
    args = parser.parse_args(argv)
    try:
        check_pins()
        with tempfile.TemporaryDirectory(prefix="tinkex-codegen-") as tmp:
            fresh = Path(tmp)
            generate_into(fresh)
            if args.check:
                report = diff_trees(fresh, GENERATED)
                if report:
                    for entry in report[:MAX_DIFFS_SHOWN]:
                        print(entry, file=sys.stderr)
                    if len(report) > MAX_DIFFS_SHOWN:
                        print(f"... and {len(report) - MAX_DIFFS_SHOWN} more files differ", file=sys.stderr)
                    print("generated/ is stale; run: python codegen.py", file=sys.stderr)
                    return 1
                print("generated/ is up to date")
                return 0
            swap_in(fresh)
            print("generated/ regenerated")
            return 0
    except CodegenError as exc:
        print(f"codegen: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
