"""Every Python snippet in the guides under docs/ runs (features DOC-02).

Each guide's snippets run in order in a fresh interpreter, with TINKER_BASE_URL and
TINKER_API_KEY pointing at the suite's local server and a temporary working directory.
Snippets assert what they claim, so a guide that drifts from the code fails here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_API_KEY
from tests.unit.docs.snippets import extract_snippets
from tinkex.server.runner import ServerHandle

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"
RUNNER = Path(__file__).with_name("run_snippets.py")
EXAMPLES_README = ROOT / "examples" / "README.md"
# The guides, plus the two READMEs: their snippets are what a newcomer runs first.
GUIDES = [*sorted(DOCS.glob("*.md")), ROOT / "README.md", ROOT / "examples" / "README.md"]
REQUIRED_GUIDES = {
    "parity.md",
    "custom-losses-and-regularizers.md",
    "cli.md",
    "telemetry-and-metrics.md",
    "tokenization.md",
    "troubleshooting.md",
    "getting-started.md",
    "configuration.md",
    "retries-timeouts-futures.md",
    "sampling.md",
    "checkpoints-and-downloads.md",
    "local-server.md",
    "migrating-from-tinker.md",
}
GUIDE_TIMEOUT_S = 120


def test_every_required_guide_exists_and_has_runnable_snippets() -> None:
    # covers DOC-02
    assert {p.name for p in GUIDES} >= REQUIRED_GUIDES
    for guide in GUIDES:
        assert any(not s.skip for s in extract_snippets(guide)), f"{guide.name} has no runnable snippet"


@pytest.mark.parametrize("guide", GUIDES, ids=[str(p.relative_to(ROOT)) for p in GUIDES])
def test_guide_snippets_run(guide: Path, local_server: ServerHandle, tmp_path: Path) -> None:
    # covers DOC-02, EX-30 (the retry_config recipe in examples/README.md)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TINKER_", "TINKEX_"))  # the guides start from a clean environment
    }
    env.update(
        TINKER_BASE_URL=local_server.base_url,
        TINKER_API_KEY=TEST_API_KEY,
        TINKER_TELEMETRY="0",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "generated")]),
    )
    done = subprocess.run(
        [sys.executable, str(RUNNER), str(guide)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=GUIDE_TIMEOUT_S,
    )
    assert done.returncode == 0, f"{guide.name} snippet failed:\n{done.stdout}\n{done.stderr}"
    ran = done.stdout.count("--- running ")
    assert ran == sum(1 for s in extract_snippets(guide) if not s.skip)


def test_readme_starts_with_the_two_commands_and_the_disclaimer() -> None:
    # covers DOC-01
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    assert [line.split()[:2] for line in first_block] == [["make", "demo"], ["make", "test"]]
    disclaimer = readme.lower()
    assert "not affiliated with" in disclaimer and "thinking machines lab" in disclaimer
    assert "https://thinkingmachines.ai" in readme and "tinker-docs.thinkingmachines.ai" in readme


def test_changelog_is_linked_from_the_readme() -> None:
    # covers DOC-03
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog") and "## " in changelog
    assert "(CHANGELOG.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_parity_page_records_the_decisions() -> None:
    # covers DOC-04
    parity = (DOCS / "parity.md").read_text(encoding="utf-8")
    for decision in ("D-01", "D-10", "D-18"):
        assert f"({decision})" in parity
    assert "## Rows that do not apply" in parity


def test_cli_json_recipes_of_the_examples_readme_run(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-29
    recipes = re.findall(r"^(tinkex -f json (\S+) list --limit 0) > \S+$", EXAMPLES_README.read_text(), re.M)
    assert recipes == [
        ("tinkex -f json checkpoint list --limit 0", "checkpoint"),
        ("tinkex -f json run list --limit 0", "run"),
    ]
    env = {**os.environ, "TINKER_BASE_URL": local_server.base_url, "TINKER_API_KEY": TEST_API_KEY}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "generated")])

    def tinkex(*args: str) -> str:
        command = [sys.executable, "-m", "tinkex", *args]
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    # Something to list: the recipes must find this run and its checkpoint.
    tinkex("checkpoint", "save", "--base-model", "local/byte-tiny", "--rank", "2", "--output", "saved.json")
    saved = json.loads((tmp_path / "saved.json").read_text())
    expected = {"checkpoint": ("checkpoints", "tinker_path", saved["weights_path"])}
    expected["run"] = ("runs", "training_run_id", saved["model_id"])
    for recipe, noun in recipes:
        listing = json.loads(tinkex(*recipe.split()[1:]))  # stdout is only the JSON; progress went to stderr
        key, id_field, made = expected[noun]
        assert list(listing) == [key]  # the official shape: one key, no counts
        assert made in {item[id_field] for item in listing[key]}
