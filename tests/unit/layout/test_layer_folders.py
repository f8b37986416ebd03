"""The folders of ``tinkex/`` name its layers (issue 19, "Folders that name the layers").

Private code lives in a layer package (``_core``, ``_config``, ``_http``, ``_clients``,
``_compat``, ``_download``, ``_custom_loss``, ``_wire``); only public modules sit at the top of
``tinkex/``, so a newcomer reads the architecture from the folder names (docs/architecture.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

TINKEX = Path(__file__).resolve().parents[3] / "tinkex"

# The only private files allowed at the top: the package itself, ``python -m tinkex``, and the
# version string that packaging tools read.
TOP_LEVEL_PRIVATE_ALLOWED = {"__init__.py", "__main__.py", "_version.py"}

LAYER_PACKAGES = ("_core", "_config", "_http", "_clients", "_compat", "_download", "_custom_loss", "_wire")


def test_no_private_module_at_the_top_of_the_package() -> None:
    strays = sorted(path.name for path in TINKEX.glob("_*.py") if path.name not in TOP_LEVEL_PRIVATE_ALLOWED)
    assert strays == [], (
        f"private modules at the top of tinkex/: {strays}; put each in the layer package it "
        "belongs to (see docs/architecture.md)"
    )


def test_every_private_folder_is_a_known_layer() -> None:
    folders = sorted(
        p.name for p in TINKEX.iterdir() if p.is_dir() and p.name.startswith("_") and p.name != "__pycache__"
    )
    assert folders == sorted(LAYER_PACKAGES), "a new private folder needs its row in docs/architecture.md"


def test_layer_packages_explain_themselves_and_import_nothing() -> None:
    # A layer's __init__ that imported its modules would run them whenever any one of them is
    # imported, and could close an import cycle through the package (see test_import_cycles).
    for name in LAYER_PACKAGES:
        tree = ast.parse((TINKEX / name / "__init__.py").read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"tinkex/{name}/__init__.py has no docstring saying what the layer is"
        imports = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
        assert imports == [], f"tinkex/{name}/__init__.py imports at load time"


def test_architecture_page_names_every_layer() -> None:
    page = (TINKEX.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in LAYER_PACKAGES:
        assert f"tinkex/{name}/" in page, f"docs/architecture.md does not describe tinkex/{name}/"
