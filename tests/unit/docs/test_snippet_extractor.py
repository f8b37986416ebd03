"""The guide snippet extractor finds exactly the fenced ``python`` blocks (features DOC-02)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.docs.snippets import SKIP_MARKER, extract_snippets


def test_extracts_python_blocks_with_lines_and_skip_marker(tmp_path: Path) -> None:
    # covers DOC-02
    page = tmp_path / "guide.md"
    page.write_text(
        "# Title\n"
        "```python\n"
        "x = 1\n"
        "```\n"
        "```bash\n"
        "echo not python\n"
        "```\n"
        f"{SKIP_MARKER}\n"
        "\n"
        "```python\n"
        "needs_the_service()\n"
        "```\n"
        "````python\n"
        "s = '''\n"
        "```\n"
        "'''\n"
        "````\n"
        "```pycon\n"
        ">>> 1\n"
        "```\n",
        encoding="utf-8",
    )
    snippets = extract_snippets(page)
    assert [(s.line, s.code, s.skip) for s in snippets] == [
        (3, "x = 1\n", False),
        (11, "needs_the_service()\n", True),
        (14, "s = '''\n```\n'''\n", False),
    ]
    assert snippets[0].label == "guide.md:3"


def test_unclosed_fence_is_an_error(tmp_path: Path) -> None:
    # covers DOC-02
    page = tmp_path / "broken.md"
    page.write_text("text\n```python\nx = 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.md:2: unclosed code fence"):
        extract_snippets(page)
