"""``tinkex checkpoint list | info | publish | unpublish | set-ttl`` (features CLI-06…CLI-08, §5.7–5.9, §5.14)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from tinkex.cli._click import CliError, TinkexCommand
from tinkex.cli.formatting import format_bool, format_expires, format_lora, format_size, humanize_time
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options, required_argument
from tinkex.cli.output import echo, print_json, print_properties, print_table, progress
from tinkex.cli.pagination import paginate
from tinkex.cli.session import failures_as, parse_paths, rest_client

if TYPE_CHECKING:
    from tinkex.types import Checkpoint

CHECKPOINT_PAGE_SIZE = 1000
# The range the Tinker service (and the local server) accept for a checkpoint TTL.
MIN_TTL_S = 3600
MAX_TTL_S = 315_576_000  # ten years of 365.25 days
DEFAULT_LIMIT = 20
LIST_COLUMNS = ("Checkpoint ID", "Type", "Size", "Public", "Created", "Expires", "Path")


def checkpoint_json(checkpoint: Checkpoint) -> dict[str, Any]:
    """The checkpoint as the official CLI prints it (timestamps rendered by ``print_json``)."""
    return checkpoint.model_dump()


def _list_row(checkpoint: Checkpoint) -> list[str]:
    return [
        checkpoint.checkpoint_id,
        checkpoint.checkpoint_type,
        format_size(checkpoint.size_bytes),
        format_bool(checkpoint.public),
        humanize_time(checkpoint.time),
        format_expires(checkpoint.expires_at),
        checkpoint.tinker_path,
    ]


_checkpoint_path_argument = required_argument("tinker_path", "TINKER_PATH", "Checkpoint path is required")


@click.command(cls=TinkexCommand, name="list", short_help="List checkpoints (yours, or one run's).")
@click.option("--run-id", default=None, help="List one training run's checkpoints (no paging).")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="How many to show when listing all runs' checkpoints; 0 = all.",
)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="How many to skip.")
@format_options
@api_options()
def list_command(
    run_id: str | None, limit: int, offset: int, output_format: OutputFormat, api: ApiOptions
) -> None:
    """List your checkpoints (newest first), or one run's with --run-id."""
    with failures_as("List"), rest_client(api) as rest:
        if run_id is not None:
            checkpoints: Sequence[Checkpoint] = rest.list_checkpoints(run_id).result().checkpoints
            total = len(checkpoints)
        else:

            def fetch(page_limit: int, page_offset: int) -> tuple[Sequence[Checkpoint], int | None]:
                page = rest.list_user_checkpoints(limit=page_limit, offset=page_offset).result()
                return page.checkpoints, page.cursor.total_count if page.cursor is not None else None

            with progress("Fetching checkpoints") as bar:
                result = paginate(
                    fetch, limit=limit, offset=offset, page_size=CHECKPOINT_PAGE_SIZE, progress=bar.update
                )
            checkpoints, total = result.items, result.total
    if output_format == "json":
        payload: dict[str, Any] = {"run_id": run_id} if run_id is not None else {}
        payload["checkpoints"] = [checkpoint_json(c) for c in checkpoints]
        print_json(payload)
        return
    scope = f"Checkpoints for {run_id}" if run_id is not None else "Checkpoints"
    print_table(f"{scope} ({len(checkpoints)}/{total})", LIST_COLUMNS, [_list_row(c) for c in checkpoints])


@click.command(cls=TinkexCommand, name="info", short_help="Show one checkpoint.")
@_checkpoint_path_argument
@format_options
@api_options()
def info_command(tinker_path: str, output_format: OutputFormat, api: ApiOptions) -> None:
    """Show one checkpoint: type, size, visibility, times, base model and LoRA settings."""
    with failures_as("Info"):
        (parsed,) = parse_paths([tinker_path])
        with rest_client(api) as rest:
            listed = rest.list_checkpoints(parsed.training_run_id).result().checkpoints
            found = next((c for c in listed if c.tinker_path == tinker_path), None)
            if found is None:
                raise CliError(f"Checkpoint not found for {tinker_path}")
            weights = rest.get_weights_info_by_tinker_path(tinker_path).result()
    if output_format == "json":
        # The official fields (the checkpoint, is_lora, lora_rank), then tinkex's additions.
        extra = {"base_model": weights.base_model}
        for name in ("train_mlp", "train_attn", "train_unembed"):
            if getattr(weights, name) is not None:
                extra[name] = getattr(weights, name)
        official = {"is_lora": weights.is_lora, "lora_rank": weights.lora_rank}
        print_json({**checkpoint_json(found), **official, **extra})
        return
    rows = [
        ("Checkpoint ID", found.checkpoint_id),
        ("Training run ID", parsed.training_run_id),
        ("Type", found.checkpoint_type),
        ("Path", found.tinker_path),
        ("Size", format_size(found.size_bytes)),
        ("Public", format_bool(found.public)),
        ("Created", humanize_time(found.time)),
        ("Expires", format_expires(found.expires_at)),
        ("Base model", weights.base_model),
        ("LoRA", format_lora(weights.is_lora, weights.lora_rank)),
    ]
    if weights.lora_rank is not None:
        rows.append(("LoRA rank", str(weights.lora_rank)))
    for label, flag in (("Train MLP", weights.train_mlp), ("Train attention", weights.train_attn)):
        if flag is not None:
            rows.append((label, format_bool(flag)))
    if weights.train_unembed is not None:
        rows.append(("Train unembedding", format_bool(weights.train_unembed)))
    print_properties(f"Checkpoint {found.checkpoint_id}", rows)


def _set_visibility(tinker_path: str, output_format: OutputFormat, api: ApiOptions, *, publish: bool) -> None:
    action = "publish" if publish else "unpublish"
    with failures_as(action.capitalize()):
        parse_paths([tinker_path])
        with rest_client(api) as rest:
            call = (
                rest.publish_checkpoint_from_tinker_path
                if publish
                else rest.unpublish_checkpoint_from_tinker_path
            )
            call(tinker_path).result()
    if output_format == "json":
        print_json({"action": action, "path": tinker_path})
    else:
        echo(f"{action.capitalize()}ed {tinker_path}")


@click.command(cls=TinkexCommand, name="publish")
@_checkpoint_path_argument
@format_options
@api_options()
def publish_command(tinker_path: str, output_format: OutputFormat, api: ApiOptions) -> None:
    """Make a checkpoint public (readable by anyone with its path)."""
    _set_visibility(tinker_path, output_format, api, publish=True)


@click.command(cls=TinkexCommand, name="unpublish")
@_checkpoint_path_argument
@format_options
@api_options()
def unpublish_command(tinker_path: str, output_format: OutputFormat, api: ApiOptions) -> None:
    """Make a public checkpoint private again."""
    _set_visibility(tinker_path, output_format, api, publish=False)


@click.command(cls=TinkexCommand, name="set-ttl", short_help="Set or remove a checkpoint's expiration.")
@_checkpoint_path_argument
@click.option(
    "--ttl",
    type=click.IntRange(min=MIN_TTL_S, max=MAX_TTL_S),
    default=None,
    metavar="SECONDS",
    help=f"Expire this many seconds from now: at least {MIN_TTL_S} (1 hour), at most {MAX_TTL_S} (10 years).",
)
@click.option("--remove", is_flag=True, help="Remove the expiration (keep the checkpoint until deleted).")
@format_options
@api_options()
def set_ttl_command(
    tinker_path: str, ttl: int | None, remove: bool, output_format: OutputFormat, api: ApiOptions
) -> None:
    """Set or remove a checkpoint's expiration (exactly one of --ttl or --remove)."""
    if (ttl is None) == (not remove):
        raise click.UsageError("Pass exactly one of --ttl SECONDS or --remove")
    with failures_as("Set TTL"):
        parse_paths([tinker_path])
        with rest_client(api) as rest:
            rest.set_checkpoint_ttl_from_tinker_path(tinker_path, None if remove else ttl).result()
    if output_format == "json":
        print_json({"action": "set-ttl", "path": tinker_path, "ttl_seconds": None if remove else ttl})
    elif remove:
        echo(f"Removed expiration for {tinker_path}")
    else:
        echo(f"Updated TTL for {tinker_path} to {ttl} seconds")
