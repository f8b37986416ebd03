"""Importing tinkex.types in a fresh interpreter pulls in none of the heavy libraries."""

from __future__ import annotations


def test_import_is_cheap() -> None:
    import subprocess
    import sys

    code = "import sys, tinkex.types; print(sorted(m for m in ('jax', 'torch', 'transformers', 'httpx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
