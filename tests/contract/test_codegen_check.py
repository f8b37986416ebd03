"""`codegen.py --check` guards generated/: it passes on the committed tree and catches drift.

Drift cases run in a temporary copy of codegen.py + openapi/ + generated/ so the real tree is
never touched. A generation takes seconds, so the cases whose inputs are unchanged share one:
``fresh_generation`` runs the real generator once on a copy, and the hand-edit and stray-file
checks compare against it in-process (a generation is byte-identical from run to run, which
``test_two_generations_are_byte_identical`` checks against that same shared one).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_codegen(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "codegen.py"), *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=240,
    )


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _copy_repo(target: Path) -> Path:
    shutil.copy2(ROOT / "codegen.py", target / "codegen.py")
    shutil.copytree(ROOT / "openapi", target / "openapi")
    shutil.copytree(ROOT / "generated", target / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    return _copy_repo(tmp_path)


@pytest.fixture(scope="module")
def fresh_generation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """generated/ as ``codegen.py`` writes it from the unchanged inputs (tests only read it)."""
    root = _copy_repo(tmp_path_factory.mktemp("fresh"))
    result = _run_codegen(root)
    assert result.returncode == 0, result.stderr
    return root / "generated"


def _check_against(root: Path, fresh: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``codegen.py --check`` of the copy at ``root``, run in this process, with ``fresh`` as its
    regeneration (the inputs are unchanged): the exit status and what it printed to stderr."""
    spec = importlib.util.spec_from_file_location("codegen_under_test", root / "codegen.py")
    assert spec is not None and spec.loader is not None
    codegen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(codegen)
    codegen.generate_into = lambda out: shutil.copytree(fresh, out, dirs_exist_ok=True)
    capsys.readouterr()
    status = codegen.main(["--check"])
    return status, capsys.readouterr().err


def test_check_passes_on_the_real_tree() -> None:
    result = _run_codegen(ROOT, "--check")
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


def test_check_fails_after_a_one_character_spec_change(repo_copy: Path) -> None:
    spec = repo_copy / "openapi" / "tinker.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "summary: Liveness probe." in text
    spec.write_text(text.replace("summary: Liveness probe.", "summary: Liveness probe!"), encoding="utf-8")

    result = _run_codegen(repo_copy, "--check")

    assert result.returncode == 1
    assert "generated/tinker_openapi/api/service/healthz.py" in result.stderr
    assert "Liveness probe!" in result.stderr
    assert "generated/ is stale" in result.stderr


def test_check_fails_after_a_hand_edit_of_a_generated_file(
    repo_copy: Path, fresh_generation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = repo_copy / "generated" / "tinker_openapi" / "models" / "sample_request.py"
    target.write_text(target.read_text(encoding="utf-8") + "# hand edit\n", encoding="utf-8")

    status, stderr = _check_against(repo_copy, fresh_generation, capsys)

    assert status == 1
    assert "generated/tinker_openapi/models/sample_request.py" in stderr
    assert "-# hand edit" in stderr


def test_check_reports_a_stray_file(
    repo_copy: Path, fresh_generation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo_copy / "generated" / "tinker_openapi" / "handwritten.py").write_text("x = 1\n", encoding="utf-8")
    status, stderr = _check_against(repo_copy, fresh_generation, capsys)
    assert status == 1
    assert "tinker_openapi/handwritten.py" in stderr


def test_two_generations_are_byte_identical(repo_copy: Path, fresh_generation: Path) -> None:
    # Two runs of codegen.py, each in its own copy of the repository.
    first = _tree_bytes(fresh_generation)
    assert _run_codegen(repo_copy).returncode == 0
    second = _tree_bytes(repo_copy / "generated")
    assert first == second
    assert first == _tree_bytes(ROOT / "generated")


def test_a_template_change_makes_the_tree_stale(repo_copy: Path) -> None:
    # The project's templates are inputs like the spec: editing one must be caught.
    template = repo_copy / "openapi" / "templates" / "model.py.jinja"
    template.write_text(template.read_text(encoding="utf-8") + "{# a comment #}\n", encoding="utf-8")

    result = _run_codegen(repo_copy, "--check")

    assert result.returncode == 1
    assert "generated/CODEGEN_STAMP.json" in result.stderr
    assert "templates/model.py.jinja" in result.stderr


def test_a_spec_description_reaches_the_schema_table(repo_copy: Path) -> None:
    spec = repo_copy / "openapi" / "tinker.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "description: 'tinker://<training_run_id>/<kind>/<name>'" in text
    spec.write_text(
        text.replace(
            "description: 'tinker://<training_run_id>/<kind>/<name>'", "description: 'a new text'", 1
        ),
        encoding="utf-8",
    )
    assert _run_codegen(repo_copy).returncode == 0
    schemas = json.loads(
        (repo_copy / "generated" / "tinker_openapi" / "schemas.json").read_text(encoding="utf-8")
    )
    assert schemas["Checkpoint"]["properties"]["tinker_path"]["description"] == "a new text"
