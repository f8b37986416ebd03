"""The imports of tinkex's own programs (the ``tinkex`` command, ``python -m tinkex.server``)
run with the cyclic garbage collector paused.

What a program imports lives until it exits: ~70,000 objects for the SDK, several hundred
thousand for the server (JAX). With the collector on, CPython scans them again and again while
they are being created, and once more at exit: about a quarter of the CPU of a short command
(``tinkex run list``), a sixth of the server's imports. ``imports_uncollected()`` pauses the
collector for the imports, then freezes what they created (``gc.freeze``) so that no later
collection scans it; the program collects its own garbage as usual afterwards.

Only programs do this: a library must not change the collector of the process that imports it.
The ``tinkex`` entry point marks its process (``mark_program``), and its commands wrap their
imports in ``program_imports()``, which does nothing in a process that runs the click command
in-process (a test runner).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

__all__ = ["imports_uncollected", "mark_program", "program_imports"]

_is_program = False


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


def mark_program() -> None:
    """Called by the ``tinkex`` entry point: this process is the program."""
    global _is_program
    _is_program = True


def program_imports() -> AbstractContextManager[None]:
    """Around the imports of a command: uncollected when this process is the program."""
    return imports_uncollected() if _is_program else nullcontext()
