"""``tinkex checkpoint delete PATH...`` (features CLI-09, §5.10).

Every path is validated before anything is deleted; one confirmation covers them all
(``--yes`` skips it; EOF or anything but y/yes declines, which is not an error). Failures
are reported per path and summarised; the command exits 1 if any deletion failed.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from tinkex.cli._click import EXIT_ERROR, CliError, TinkexCommand
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options
from tinkex.cli.output import echo, note, print_json
from tinkex.cli.session import describe_error, failures_as, parse_paths, rest_client


def _plural(count: int) -> str:
    return f"{count} checkpoint" + ("" if count == 1 else "s")


def confirm(paths: tuple[str, ...]) -> bool:
    """Ask once on stderr; read one line from stdin. EOF counts as no."""
    note(f"Preparing to delete {_plural(len(paths))}:")
    for path in paths:
        note(f"  - {path}")
    click.echo("Proceed? [y/N] ", nl=False, err=True)
    answer = sys.stdin.readline()
    if not answer.endswith("\n"):
        note("")  # EOF: end the prompt line
    return answer.strip().lower() in ("y", "yes")


@click.command(cls=TinkexCommand, name="delete", short_help="Delete one or more checkpoints.")
@click.argument("tinker_paths", nargs=-1, required=True, metavar="TINKER_PATH...")
@click.option("--yes", "-y", is_flag=True, help="Delete without asking for confirmation.")
@format_options
@api_options()
def delete_command(
    tinker_paths: tuple[str, ...], yes: bool, output_format: OutputFormat, api: ApiOptions
) -> None:
    """Delete one or more checkpoints (all paths are checked first; one confirmation)."""
    with failures_as("Delete"):
        parse_paths(tinker_paths)
    if not yes and not confirm(tinker_paths):
        note(f"Aborted delete of {_plural(len(tinker_paths))}.")
        if output_format == "json":
            print_json(
                {"command": "checkpoint", "action": "delete", "cancelled": True, "paths": list(tinker_paths)}
            )
        return
    failures: list[dict[str, str]] = []
    with failures_as("Delete"), rest_client(api) as rest:
        for index, path in enumerate(tinker_paths, start=1):
            note(f"Deleting {index}/{len(tinker_paths)}: {path}")
            try:
                rest.delete_checkpoint_from_tinker_path(path).result()
            except Exception as error:  # one failure must not stop the others (CLI-09)
                failures.append({"path": path, "error": describe_error(error)})
                note(f"Delete failed for {path}: {describe_error(error)}")
                continue
            if output_format == "table":
                echo(f"Deleted {path}")
    deleted = len(tinker_paths) - len(failures)
    if output_format == "json":
        summary: dict[str, Any] = {
            "command": "checkpoint",
            "action": "delete",
            "paths": list(tinker_paths),
            "deleted": deleted,
            "failed": len(failures),
            "failures": failures,
        }
        print_json(summary)
    if failures:
        raise CliError(f"Deleted {deleted} of {len(tinker_paths)}; {len(failures)} failed", EXIT_ERROR)
