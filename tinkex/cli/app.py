"""The ``tinkex`` root command (features §5.2). Subcommand modules load only when used."""

from __future__ import annotations

from collections.abc import Sequence

import click

from tinkex._core.startup import mark_program
from tinkex.cli._click import TinkexGroup
from tinkex.cli.options import check_format, remember_root_format

# Every command of the official ``tinker`` CLI, plus tinkex's own (``serve``).
_SUBCOMMANDS = {
    "auth": "tinkex.cli.commands.auth:auth_group",
    "billing": "tinkex.cli.commands.billing:billing_group",
    "checkpoint": "tinkex.cli.commands.checkpoint:checkpoint_group",
    "model": "tinkex.cli.commands.model:model_group",
    "run": "tinkex.cli.commands.run:run_group",
    "serve": "tinkex.cli.commands.serve:serve_command",
    "session": "tinkex.cli.commands.session:session_group",
    "version": "tinkex.cli.commands.version:version_command",
}


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from tinkex.cli.commands.version import print_version

    print_version(as_json=False)
    ctx.exit(0)


@click.group(
    cls=TinkexGroup,
    name="tinkex",
    lazy_subcommands=_SUBCOMMANDS,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit (same as `tinkex version`).",
)
@click.option(
    "--format",
    "-f",
    "format_name",
    default=None,
    metavar="table|json",
    callback=check_format,
    help="Output format of every command (default: table), as with the official `tinker -f json`.",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.pass_context
def cli(ctx: click.Context, format_name: str | None, as_json: bool) -> None:
    """tinkex: manage Tinker checkpoints and training runs, sample, and run a local server.

    API commands read TINKER_API_KEY and TINKER_BASE_URL unless --api-key / --base-url are given.
    Results go to stdout (-f json or --json for machine-readable output, before or after the
    command); progress and errors go to stderr. Exit codes: 0 success, 1 error, 130 interrupted.
    """
    remember_root_format(ctx, format_name, as_json)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (``tinkex``, ``python -m tinkex``); always exits via ``sys.exit``."""
    mark_program()
    cli.main(args=list(argv) if argv is not None else None, prog_name="tinkex")
