"""Every Python snippet in the guides under docs/ runs (features DOC-02).

Each guide's snippets run in order in a fresh interpreter, with TINKER_BASE_URL and
TINKER_API_KEY pointing at the suite's local server and a temporary working directory.
Snippets assert what they claim, so a guide that drifts from the code fails here.
"""

from __future__ import annotations

import os
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
GUIDES = sorted(DOCS.glob("*.md"))
REQUIRED_GUIDES = {
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


@pytest.mark.parametrize("guide", GUIDES, ids=[p.name for p in GUIDES])
def test_guide_snippets_run(guide: Path, local_server: ServerHandle, tmp_path: Path) -> None:
    # covers DOC-02
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
