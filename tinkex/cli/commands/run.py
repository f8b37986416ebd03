"""``tinkex run``: the group (features §5.2); bare with options it samples (sampling mode, CLI-05)."""

from __future__ import annotations

import click

from tinkex.cli._click import TinkexCommand, TinkexGroup
from tinkex.cli.commands.run_sample import SampleRequest, run_sample, sample_options
from tinkex.cli.options import ApiOptions, api_options, remember_api_options

_SUBCOMMANDS = {
    "list": "tinkex.cli.commands.run_manage:list_command",
    "info": "tinkex.cli.commands.run_manage:info_command",
}


@click.group(
    cls=TinkexGroup,
    name="run",
    short_help="Sample from a model; list and inspect training runs.",
    invoke_without_command=True,
    lazy_subcommands=_SUBCOMMANDS,
)
@sample_options
@api_options(http_pool=True)
@click.pass_context
def run_group(ctx: click.Context, request: SampleRequest, api: ApiOptions) -> None:
    """Sample from a model, or manage training runs; with sampling options and no subcommand,
    sample (same as `run sample`).

    The --api-key/--base-url/--timeout flags given here also apply to the subcommand.
    """
    remember_api_options(ctx, api)
    if ctx.invoked_subcommand is not None:
        return
    if not request.given:
        click.echo(ctx.get_help())
        return
    run_sample(request, api)


@run_group.command(cls=TinkexCommand, name="sample", short_help="Sample completions of a prompt.")
@sample_options
@api_options(http_pool=True)
def sample_command(request: SampleRequest, api: ApiOptions) -> None:
    """Sample completions of a prompt from --base-model or a --model-path sampler checkpoint."""
    run_sample(request, api)
