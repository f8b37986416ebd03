"""``tinkex run list | info`` (features CLI-11, CLI-12, §5.12–5.14)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from tinkex.cli._click import TinkexCommand
from tinkex.cli.formatting import format_expires, format_lora, format_status, humanize_time
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options, required_argument
from tinkex.cli.output import echo, print_json, print_table, progress
from tinkex.cli.pagination import paginate
from tinkex.cli.session import failures_as, rest_client

if TYPE_CHECKING:
    from tinkex.types import Checkpoint, TrainingRun

RUN_PAGE_SIZE = 100
DEFAULT_LIMIT = 20
LIST_COLUMNS = ("Run ID", "Base Model", "Owner", "LoRA", "Status", "Last Update")


def _access_scope_option(func: Any) -> Any:
    return click.option(
        "--access-scope",
        type=click.Choice(["owned", "accessible"], case_sensitive=False),
        default="owned",
        show_default=True,
        help="Runs you own, or every run you can access.",
    )(func)


def run_json(run: TrainingRun) -> dict[str, Any]:
    return run.model_dump(mode="json")


@click.command(cls=TinkexCommand, name="list")
@click.option(
    "--limit",
    type=int,
    default=DEFAULT_LIMIT,
    show_default=True,
    help="How many to show; 0 = all (negatives count as 0).",
)
@click.option(
    "--offset", type=int, default=0, show_default=True, help="How many to skip (negatives count as 0)."
)
@_access_scope_option
@format_options
@api_options()
def list_command(
    limit: int, offset: int, access_scope: str, output_format: OutputFormat, api: ApiOptions
) -> None:
    """List training runs."""
    with failures_as("List"), rest_client(api) as rest:

        def fetch(page_limit: int, page_offset: int) -> tuple[list[TrainingRun], int | None]:
            page = rest.list_training_runs(
                limit=page_limit, offset=page_offset, access_scope=access_scope.lower()
            ).result()
            return page.training_runs, page.cursor.total_count

        with progress("Fetching training runs") as bar:
            result = paginate(fetch, limit=limit, offset=offset, page_size=RUN_PAGE_SIZE, progress=bar.update)
    if output_format == "json":
        print_json(
            {"runs": [run_json(r) for r in result.items], "total": result.total, "shown": result.shown}
        )
        return
    rows = [
        [
            run.training_run_id,
            run.base_model,
            run.model_owner,
            format_lora(run.is_lora, run.lora_rank),
            format_status(run.corrupted),
            humanize_time(run.last_request_time),
        ]
        for run in result.items
    ]
    print_table(f"Training runs ({result.shown}/{result.total})", LIST_COLUMNS, rows)


def _checkpoint_lines(label: str, checkpoint: Checkpoint | None) -> list[str]:
    if checkpoint is None:
        return []
    return [
        f"{label}: {checkpoint.checkpoint_id}",
        f"  Time: {humanize_time(checkpoint.time)}",
        f"  Path: {checkpoint.tinker_path}",
        f"  Expires: {format_expires(checkpoint.expires_at)}",
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
    lines = [
        f"{run.training_run_id} ({run.base_model})",
        f"Owner: {run.model_owner}",
        f"LoRA: {'Yes' if run.is_lora else 'No'}",
    ]
    if run.lora_rank is not None:
        lines.append(f"LoRA rank: {run.lora_rank}")
    lines += [
        f"Status: {format_status(run.corrupted)}",
        f"Last update: {humanize_time(run.last_request_time)}",
    ]
    lines += _checkpoint_lines("Last training checkpoint", run.last_checkpoint)
    lines += _checkpoint_lines("Last sampler checkpoint", run.last_sampler_checkpoint)
    if run.user_metadata:
        lines.append("Metadata: " + ", ".join(f"{k}={v}" for k, v in sorted(run.user_metadata.items())))
    for line in lines:
        echo(line)
