"""Extract the runnable Python snippets of a Markdown guide.

A snippet is a fenced block whose info string is exactly ``python``. A block right after
the line ``<!-- snippet: skip -->`` is documentation only (e.g. it needs the real service)
and is not run. Snippets of one page run in order in one namespace, like a session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SKIP_MARKER = "<!-- snippet: skip -->"
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")


@dataclass(frozen=True)
class Snippet:
    path: Path
    line: int  # 1-based line of the first code line
    code: str
    skip: bool

    @property
    def label(self) -> str:
        return f"{self.path.name}:{self.line}"


def extract_snippets(path: Path) -> list[Snippet]:
    """Every fenced ``python`` block of ``path``, in order; raises on an unclosed fence."""
    lines = path.read_text(encoding="utf-8").splitlines()
    snippets: list[Snippet] = []
    previous = ""  # last non-blank line outside a block
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            if lines[index].strip():
                previous = lines[index].strip()
            index += 1
            continue
        fence, info = opening["fence"], opening["info"].strip()
        start = index + 1
        end = start
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        if end == len(lines):
            raise ValueError(f"{path.name}:{index + 1}: unclosed code fence")
        if info == "python":
            code = "\n".join(line[len(opening["indent"]) :] for line in lines[start:end]) + "\n"
            snippets.append(Snippet(path, start + 1, code, skip=previous == SKIP_MARKER))
        previous = ""
        index = end + 1
    return snippets
