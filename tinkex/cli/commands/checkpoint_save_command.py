"""``tinkex checkpoint save``: the explicit form of the save mode (§5.15)."""

from __future__ import annotations

import click

from tinkex.cli._click import TinkexCommand
from tinkex.cli.commands.checkpoint_save import SaveRequest, run_save, save_options
from tinkex.cli.options import ApiOptions, api_options


@click.command(cls=TinkexCommand, name="save", short_help="Create a LoRA model and save sampler weights.")
@save_options
@api_options()
def save_command(save: SaveRequest, api: ApiOptions) -> None:
    """Create a LoRA model, save sampler weights and write their metadata to --output."""
    run_save(save, api)
