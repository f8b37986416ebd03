"""The ``tinkex`` command line (features §5, rows CLI-01…CLI-18): ``main`` is the console script."""

from tinkex.cli.app import cli, main

__all__ = ["cli", "main"]
