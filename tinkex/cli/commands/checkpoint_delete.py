"""``tinkex checkpoint delete [PATH...] [--run-id ID --type T --before D --after D]`` (features
CLI-09, §5.10), with the options and JSON output of the official ``tinker checkpoint delete``.

Every path is validated before anything is deleted; one confirmation covers them all, asked
on stderr so that stdout stays the result (``--yes`` skips it). Declining, or EOF, aborts
with exit 1: nothing the user asked for happened. Deletions run concurrently on the SDK's
loop; one failure does not stop the others, and the command exits 1 if any failed.
"""

from __future__ import annotations

import datetime as _dt
import sys
from typing import TYPE_CHECKING, Any

import click

from tinkex.cli._click import EXIT_ERROR, CliError, TinkexCommand
from tinkex.cli.formatting import format_size, humanize_time
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options
from tinkex.cli.output import echo, note, print_json
from tinkex.cli.session import describe_error, failures_as, parse_paths, rest_client

if TYPE_CHECKING:
    from tinkex.rest_client import RestClient
    from tinkex.types import Checkpoint

# --type values (the path kinds and the checkpoint types) -> checkpoint_type.
CHECKPOINT_TYPES = {
    "weights": "training",
    "sampler_weights": "sampler",
    "external_weights": "external",
    "training": "training",
    "sampler": "sampler",
    "external": "external",
}


def _plural(count: int) -> str:
    return f"{count} checkpoint" + ("" if count == 1 else "s")


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> _dt.datetime | None:
    """ISO 8601 date or date-time; a date means midnight, and no zone means UTC."""
    if value is None:
        return None
    try:
        moment = _dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date (e.g. 2024-01-01, 2024-01-01T08:00:00Z)"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=_dt.UTC)


def confirm(paths: list[str], checkpoints: list[Checkpoint] | None = None) -> bool:
    """Ask once on stderr; read one line from stdin. EOF counts as no."""
    note(f"Preparing to delete {_plural(len(paths))}:")
    if checkpoints is None:
        for path in paths:
            note(f"  - {path}")
    else:
        for found in checkpoints:
            note(
                f"  - {found.tinker_path} ({format_size(found.size_bytes)}, created {humanize_time(found.time)})"
            )
        note(f"Total size: {format_size(sum(c.size_bytes or 0 for c in checkpoints))}")
    note("This cannot be undone.")
    click.echo("Proceed? [y/N] ", nl=False, err=True)
    answer = sys.stdin.readline()
    if not answer.endswith("\n"):
        note("")  # EOF: end the prompt line
    return answer.strip().lower() in ("y", "yes")


def select_checkpoints(
    rest: RestClient,
    run_id: str,
    checkpoint_type: str | None,
    before: _dt.datetime | None,
    after: _dt.datetime | None,
) -> list[Checkpoint]:
    """The run's checkpoints of that type, created strictly between ``after`` and ``before``."""
    found = list(rest.list_checkpoints(run_id).result().checkpoints)
    wanted = CHECKPOINT_TYPES[checkpoint_type] if checkpoint_type is not None else None

    def in_window(moment: _dt.datetime | str) -> bool:
        if not isinstance(moment, _dt.datetime):  # a server time that is not a timestamp
            return before is None and after is None
        return (before is None or moment < before) and (after is None or moment > after)

    return [c for c in found if (wanted is None or c.checkpoint_type == wanted) and in_window(c.time)]


def delete_all(rest: RestClient, paths: list[str], output_format: OutputFormat) -> list[dict[str, str]]:
    """Delete every path (all requests in flight at once); the failures, in path order."""
    futures = [(path, rest.delete_checkpoint_from_tinker_path(path)) for path in paths]
    failures: list[dict[str, str]] = []
    for path, future in futures:
        try:
            future.result()
        except Exception as error:  # one failure must not stop the others (CLI-09)
            failures.append({"tinker_path": path, "error": describe_error(error)})
            note(f"Delete failed for {path}: {describe_error(error)}")
            continue
        if output_format == "table":
            echo(f"Deleted {path}")
    return failures


@click.command(cls=TinkexCommand, name="delete", short_help="Delete one or more checkpoints.")
@click.argument("tinker_paths", nargs=-1, metavar="[TINKER_PATH]...")
@click.option("--run-id", default=None, help="Delete this training run's checkpoints (see the filters).")
@click.option(
    "--type",
    "checkpoint_type",
    type=click.Choice(sorted(CHECKPOINT_TYPES)),
    default=None,
    help="With --run-id: only this kind (weights, sampler_weights or external_weights).",
)
@click.option(
    "--before", default=None, callback=parse_date, help="With --run-id: created before (ISO 8601, UTC)."
)
@click.option(
    "--after", default=None, callback=parse_date, help="With --run-id: created after (ISO 8601, UTC)."
)
@click.option("--yes", "-y", is_flag=True, help="Delete without asking for confirmation.")
@format_options
@api_options()
def delete_command(
    tinker_paths: tuple[str, ...],
    run_id: str | None,
    checkpoint_type: str | None,
    before: _dt.datetime | None,
    after: _dt.datetime | None,
    yes: bool,
    output_format: OutputFormat,
    api: ApiOptions,
) -> None:
    """Delete checkpoints permanently: the paths given, or a run's (--run-id, filtered by
    --type/--before/--after). All paths are checked first; one confirmation covers them all."""
    if bool(tinker_paths) == (run_id is not None):
        raise click.UsageError("Pass checkpoint paths or --run-id (one of the two)")
    if run_id is None and (checkpoint_type or before or after):
        raise click.UsageError("--type, --before and --after need --run-id")
    paths = list(tinker_paths)
    with failures_as("Delete"):
        parse_paths(paths)  # every path is checked before any request
    with failures_as("Delete"), rest_client(api) as rest:
        chosen: list[Checkpoint] | None = None
        if run_id is not None:
            chosen = select_checkpoints(rest, run_id, checkpoint_type, before, after)
            paths = [c.tinker_path for c in chosen]
            if not paths:
                note(f"No checkpoints of run {run_id} match the filters.")
        if paths and not yes and not confirm(paths, chosen):
            raise CliError(f"Aborted: deleted none of {_plural(len(paths))}.", EXIT_ERROR)
        failures = delete_all(rest, paths, output_format)
    deleted = len(paths) - len(failures)
    if output_format == "json":
        summary: dict[str, Any] = {"deleted_count": deleted, "failed": failures}
        print_json(summary)
    if failures:
        raise CliError(f"Deleted {deleted} of {len(paths)}; {len(failures)} failed", EXIT_ERROR)
