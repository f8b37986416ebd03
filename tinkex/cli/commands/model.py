"""``tinkex model list [SUBSTRING]``: the models the server offers (as the official ``tinker model list``)."""

from __future__ import annotations

import click

from tinkex.cli._click import CliError, TinkexCommand, TinkexGroup
from tinkex.cli.formatting import format_bool
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options
from tinkex.cli.output import print_json, print_table
from tinkex.cli.session import failures_as, rest_client

COLUMNS = ("Model", "Max Context", "Trainable", "Sampleable")


def _text(value: object) -> str:
    if value is None:
        return "N/A"
    return format_bool(value) if isinstance(value, bool) else str(value)


@click.group(cls=TinkexGroup, name="model", short_help="List the models you can train and sample.")
def model_group() -> None:
    """List available models."""


@model_group.command(cls=TinkexCommand, name="list")
@click.argument("substring", required=False)
@format_options
@api_options()
def list_command(substring: str | None, output_format: OutputFormat, api: ApiOptions) -> None:
    """List the models the server offers; SUBSTRING keeps the names that contain it (any case).

    Pass a name from the Model column as base_model."""
    with failures_as("Model list"), rest_client(api) as rest:
        models = list(rest.get_server_capabilities().result().supported_models)
    if substring is not None:
        models = [m for m in models if m.model_name is not None and substring.lower() in m.model_name.lower()]
        if not models:
            raise CliError(f"No model name contains {substring!r}; run `tinkex model list` to see them all")
    if output_format == "json":
        print_json({"models": [model.model_dump() for model in models]})
        return
    rows = [
        [_text(m.model_name), _text(m.max_context_length), _text(m.trainable), _text(m.sampleable)]
        for m in models
    ]
    print_table(f"Models ({len(rows)})", COLUMNS, rows)
