"""No source file of the tinkex package grows past 400 lines (issue 19, "File size").

A file that long holds more than one responsibility; split it by responsibility, keeping the
old module as the import path where callers (or generated code) use it.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[3] / "tinkex"
MAX_LINES = 400


def test_no_tinkex_module_is_over_the_limit() -> None:
    sizes = {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 100  # the walk found the package
    assert {name: lines for name, lines in sizes.items() if lines > MAX_LINES} == {}
