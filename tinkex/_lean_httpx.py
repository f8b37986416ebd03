"""Import httpx without its command-line tool (issue 8: resident memory).

``httpx/__init__`` runs ``from ._main import main`` inside ``try/except ImportError``: whenever
click, rich and pygments happen to be installed (tinkex's own CLI needs click, and rich and
pygments come with many tool chains) every process that imports httpx also loads httpx's
terminal client, about 90 modules and 5 MiB of resident memory that an SDK never uses.

``install()`` puts a one-shot finder at the front of ``sys.meta_path`` that declines
``httpx._main`` while httpx's package is being initialised, so httpx binds its own fallback
``main`` (which prints how to get the CLI), and then removes itself. It does nothing when
httpx is already imported, and after httpx's import the finder is gone: an explicit
``import httpx._main`` later works as usual, and the ``httpx`` command (a separate process)
is untouched. Only ``httpx.main`` inside a process that imported tinkex first is the fallback.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

_CLI_MODULE = "httpx._main"


class _SkipHttpxCli:
    """A meta-path finder that refuses ``httpx._main`` once, during httpx's own import."""

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name == _CLI_MODULE:
            _remove(self)
            package = sys.modules.get("httpx")
            # Only httpx's __init__ (still running, so ``main`` not yet bound) is refused.
            if package is not None and not hasattr(package, "main"):
                raise ImportError("tinkex skips httpx's command-line client (see tinkex._lean_httpx)")
        return None


def _remove(finder: _SkipHttpxCli) -> None:
    with contextlib.suppress(ValueError):  # already removed
        sys.meta_path.remove(finder)


def install() -> None:
    """Skip httpx's CLI when httpx gets imported later in this process (idempotent)."""
    if "httpx" in sys.modules or any(isinstance(f, _SkipHttpxCli) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _SkipHttpxCli())
