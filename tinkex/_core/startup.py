"""The imports of tinkex's own programs (the ``tinkex`` command, ``python -m tinkex.server``)
run with the cyclic garbage collector paused.

What a program imports lives until it exits: ~70,000 objects for the SDK, several hundred
thousand for the server (JAX). With the collector on, CPython scans them again and again while
they are being created, and once more at exit: about a quarter of the CPU of a short command
(``tinkex run list``), a sixth of the server's imports. ``imports_uncollected()`` pauses the
collector for the imports, then freezes what they created (``gc.freeze``) so that no later
collection scans it; the program collects its own garbage as usual afterwards. Only programs
use it: a library must not change the collector of the process that imports it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["imports_uncollected"]


@contextmanager
def imports_uncollected() -> Iterator[None]:
    """Run the imports inside with the collector paused, then freeze everything alive."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
