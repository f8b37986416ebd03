"""``tinkex checkpoint``: the group (features §5.2); bare with options it saves (save mode, CLI-04)."""

from __future__ import annotations

import click

from tinkex.cli._click import TinkexGroup
from tinkex.cli.commands.checkpoint_save import SaveRequest, run_save, save_options
from tinkex.cli.options import ApiOptions, api_options, remember_api_options

_SUBCOMMANDS = {
    "save": "tinkex.cli.commands.checkpoint_save_command:save_command",
    "list": "tinkex.cli.commands.checkpoint_manage:list_command",
    "info": "tinkex.cli.commands.checkpoint_manage:info_command",
    "publish": "tinkex.cli.commands.checkpoint_manage:publish_command",
    "unpublish": "tinkex.cli.commands.checkpoint_manage:unpublish_command",
    "set-ttl": "tinkex.cli.commands.checkpoint_manage:set_ttl_command",
    "delete": "tinkex.cli.commands.checkpoint_delete:delete_command",
    "download": "tinkex.cli.commands.checkpoint_download:download_command",
    "push-hf": "tinkex.cli.commands.checkpoint_push_hf:push_hf_command",
}


@click.group(
    cls=TinkexGroup,
    name="checkpoint",
    short_help="Save, list, inspect, publish, delete and download checkpoints.",
    invoke_without_command=True,
    lazy_subcommands=_SUBCOMMANDS,
)
@save_options
@api_options()
@click.pass_context
def checkpoint_group(ctx: click.Context, save: SaveRequest, api: ApiOptions) -> None:
    """Manage checkpoints; with save options and no subcommand, save one (same as `checkpoint save`).

    The --api-key/--base-url/--timeout flags given here also apply to the subcommand.
    """
    remember_api_options(ctx, api)
    if ctx.invoked_subcommand is not None:
        return
    if not save.given:
        click.echo(ctx.get_help())
        return
    run_save(save, api)
