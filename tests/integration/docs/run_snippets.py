"""Run the snippets of one guide in order, in one namespace (executed in a subprocess).

Usage: ``python run_snippets.py GUIDE.md``. Each snippet is compiled with its page and line
as the file name, so a failure's traceback points into the guide.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The extractor is shared with the unit tier (tests/unit/docs/snippets.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit" / "docs"))

from snippets import extract_snippets


def main(path: str) -> None:
    namespace: dict[str, object] = {"__name__": "__main__"}
    for snippet in extract_snippets(Path(path)):
        if snippet.skip:
            continue
        # Blank lines keep line numbers in tracebacks equal to the guide's.
        source = "\n" * (snippet.line - 1) + snippet.code
        print(f"--- running {snippet.label}", flush=True)
        exec(compile(source, str(snippet.path), "exec"), namespace)


if __name__ == "__main__":
    main(sys.argv[1])
