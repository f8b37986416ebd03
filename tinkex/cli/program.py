"""Whether this process is the ``tinkex`` program, and the imports it makes as one.

The entry point (``tinkex.cli.main``: the ``tinkex`` command, ``python -m tinkex``) marks the
process; its commands then import the SDK or the server with the garbage collector paused
(``tinkex._core.startup``). A process that runs the click command in-process (a test runner)
keeps its collector as it is.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

_is_program = False


def mark_program() -> None:
    global _is_program
    _is_program = True


def program_imports() -> AbstractContextManager[None]:
    """Around the imports of a command: uncollected when this process is the program."""
    if not _is_program:
        return nullcontext()
    from tinkex._core.startup import imports_uncollected

    return imports_uncollected()
