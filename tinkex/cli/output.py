"""Where output goes (§5.1): results on stdout (JSON stays clean), progress and errors on stderr.

Tables are rich tables. Progress bars appear only when stderr is a terminal, so piped and
captured runs see nothing but the result.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import click

# Piped output is not wrapped or cut: a wide table stays one line per row for grep and awk.
_PIPE_WIDTH = 4096


def echo(message: str = "") -> None:
    click.echo(message)


def note(message: str) -> None:
    """Status and progress text: stderr, never mixed into a JSON result."""
    click.echo(message, err=True)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _console(*, stderr: bool = False) -> Any:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    terminal = stream.isatty()
    # No markup, emoji codes or highlighting: "run:train:0" must never turn into an emoji.
    return Console(
        file=stream,
        width=None if terminal else _PIPE_WIDTH,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=not terminal,
    )


def _plain(value: str) -> Any:
    from rich.text import Text

    return Text(value)


# Columns whose values are copied and pasted whole: never wrapped, folded or cut with "…".
UNWRAPPED_COLUMNS = frozenset({"Path", "Tinker Path", "Run ID", "Checkpoint ID", "Session ID"})


def _add_column(table: Any, name: str) -> None:
    if name in UNWRAPPED_COLUMNS:
        table.add_column(_plain(name), no_wrap=True, overflow="ignore")
    else:
        table.add_column(_plain(name), overflow="fold")


def _print_unbroken(table: Any) -> None:
    """Print ``table`` so that no unwrapped value breaks: a table wider than the terminal is
    laid out at its natural width (the terminal then wraps whole lines, not cells)."""
    from rich.measure import Measurement

    console = _console()
    natural = Measurement.get(console, console.options.update_width(_PIPE_WIDTH), table).maximum
    if natural > console.width:
        console.width = natural
    console.print(table, crop=False)


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    from rich import box
    from rich.table import Table

    table = Table(title=_plain(title), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    for column in columns:
        _add_column(table, column)
    for row in rows:
        table.add_row(*(_plain(cell) for cell in row))
    _print_unbroken(table)


def print_properties(title: str | None, rows: Sequence[tuple[str, str]]) -> None:
    """A two-column ``Property  Value`` table for one object."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=None if title is None else _plain(title),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        show_header=False,
    )
    table.add_column("Property", style="bold")
    # Values are paths and ids more often than prose: keep each on one line.
    table.add_column("Value", no_wrap=True, overflow="ignore")
    for name, value in rows:
        table.add_row(_plain(name), _plain(value))
    _print_unbroken(table)


class Progress(Protocol):
    def update(self, completed: int, total: int | None = None) -> None: ...


class _SilentProgress:
    def update(self, completed: int, total: int | None = None) -> None:
        del completed, total


class _BarProgress:
    def __init__(self, bar: Any, task: Any) -> None:
        self._bar = bar
        self._task = task

    def update(self, completed: int, total: int | None = None) -> None:
        self._bar.update(self._task, completed=completed, total=total)


@contextmanager
def progress(label: str, *, transfer: bool = False) -> Iterator[Progress]:
    """A progress bar on stderr when it is a terminal; otherwise a no-op."""
    if not sys.stderr.isatty():
        yield _SilentProgress()
        return
    from rich import progress as rp

    columns: list[Any] = [rp.TextColumn("{task.description}"), rp.BarColumn()]
    columns += (
        [rp.DownloadColumn(binary_units=True), rp.TransferSpeedColumn()]
        if transfer
        else [rp.MofNCompleteColumn()]
    )
    with rp.Progress(*columns, console=_console(stderr=True), transient=True) as bar:
        yield _BarProgress(bar, bar.add_task(label, total=None))
