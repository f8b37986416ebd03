"""``tinkex run list | info`` (features CLI-11, CLI-12, §5.12–5.14).

Options and JSON output are those of the official ``tinker run list | info`` (``--limit``,
``--columns``; ``{"runs": [...]}`` and the run itself); ``--offset`` and ``--access-scope``
are tinkex's additions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from tinkex.cli._click import TinkexCommand
from tinkex.cli.formatting import format_expires, format_lora, format_status, humanize_time
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options, required_argument
from tinkex.cli.output import print_json, print_properties, print_table, progress
from tinkex.cli.pagination import paginate
from tinkex.cli.session import failures_as, rest_client

if TYPE_CHECKING:
    from tinkex.types import Checkpoint, TrainingRun

RUN_PAGE_SIZE = 100
DEFAULT_LIMIT = 20


def _lora(run: TrainingRun) -> str:
    return format_lora(run.is_lora, run.lora_rank)


# name -> (header, cell). The names are the official CLI's, so `--columns` lines work with both.
COLUMNS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "id": ("Run ID", lambda run: run.training_run_id),
    "model": ("Base Model", lambda run: run.base_model),
    "owner": ("Owner", lambda run: run.model_owner),
    "lora": ("LoRA", _lora),
    "updated": ("Last Update", lambda run: humanize_time(run.last_request_time)),
    "status": ("Status", lambda run: format_status(run.corrupted)),
    "checkpoint": (
        "Last Checkpoint",
        lambda run: run.last_checkpoint.checkpoint_id if run.last_checkpoint else "None",
    ),
    "checkpoint_time": (
        "Checkpoint Time",
        lambda run: humanize_time(run.last_checkpoint.time) if run.last_checkpoint else "N/A",
    ),
}
DEFAULT_COLUMNS = ("id", "model", "lora", "updated", "status")


def parse_columns(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_COLUMNS
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = [name for name in names if name not in COLUMNS]
    if unknown or not names:
        raise click.BadParameter(
            f"Unknown column(s): {', '.join(unknown) if unknown else repr(value)}. "
            f"Available: {', '.join(COLUMNS)}",
            ctx,
            param,
        )
    return names


def _access_scope_option(func: Any) -> Any:
    return click.option(
        "--access-scope",
        type=click.Choice(["owned", "accessible"], case_sensitive=False),
        default="owned",
        show_default=True,
        help="Runs you own, or every run you can access.",
    )(func)


def run_json(run: TrainingRun) -> dict[str, Any]:
    """The run as the official CLI prints it (timestamps rendered by ``print_json``)."""
    return run.model_dump()


@click.command(cls=TinkexCommand, name="list")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="How many runs to show; 0 = all.",
)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="How many to skip.")
@click.option(
    "--columns",
    "-c",
    default=None,
    callback=parse_columns,
    help=f"Comma-separated table columns: {', '.join(COLUMNS)} (default: {','.join(DEFAULT_COLUMNS)}).",
)
@_access_scope_option
@format_options
@api_options()
def list_command(
    limit: int,
    offset: int,
    columns: tuple[str, ...],
    access_scope: str,
    output_format: OutputFormat,
    api: ApiOptions,
) -> None:
    """List training runs (newest first)."""
    with failures_as("List"), rest_client(api) as rest:

        def fetch(page_limit: int, page_offset: int) -> tuple[list[TrainingRun], int | None]:
            page = rest.list_training_runs(
                limit=page_limit, offset=page_offset, access_scope=access_scope.lower()
            ).result()
            return page.training_runs, page.cursor.total_count

        with progress("Fetching training runs") as bar:
            result = paginate(fetch, limit=limit, offset=offset, page_size=RUN_PAGE_SIZE, progress=bar.update)
    if output_format == "json":
        print_json({"runs": [run_json(r) for r in result.items]})
        return
    headers = [COLUMNS[name][0] for name in columns]
    rows = [[COLUMNS[name][1](run) for name in columns] for run in result.items]
    print_table(f"Training runs ({result.shown}/{result.total})", headers, rows)


def _checkpoint_rows(label: str, checkpoint: Checkpoint | None) -> list[tuple[str, str]]:
    if checkpoint is None:
        return []
    return [
        (label, checkpoint.checkpoint_id),
        ("  Time", humanize_time(checkpoint.time)),
        ("  Path", checkpoint.tinker_path),
        ("  Expires", format_expires(checkpoint.expires_at)),
    ]


@click.command(cls=TinkexCommand, name="info", short_help="Show one training run.")
@required_argument("run_id", "RUN_ID", "Run ID is required")
@_access_scope_option
@format_options
@api_options()
def info_command(run_id: str, access_scope: str, output_format: OutputFormat, api: ApiOptions) -> None:
    """Show one training run: owner, LoRA, status, latest checkpoints and metadata."""
    with failures_as("Info"), rest_client(api) as rest:
        run = rest.get_training_run(run_id, access_scope=access_scope.lower()).result()
    if output_format == "json":
        print_json(run_json(run))
        return
    rows = [
        ("Run ID", run.training_run_id),
        ("Base model", run.base_model),
        ("Owner", run.model_owner),
        ("LoRA", _lora(run)),
        ("Status", format_status(run.corrupted)),
        ("Last update", humanize_time(run.last_request_time)),
    ]
    rows += _checkpoint_rows("Last training checkpoint", run.last_checkpoint)
    rows += _checkpoint_rows("Last sampler checkpoint", run.last_sampler_checkpoint)
    for key, value in sorted((run.user_metadata or {}).items()):
        rows.append((f"Metadata {key}", str(value)))
    print_properties(f"Training run {run.training_run_id}", rows)
