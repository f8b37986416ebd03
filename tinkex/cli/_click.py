"""click classes with Tinkex's parsing rules and exit codes (features CLI-01, CLI-02, §5.1).

* exit 0 on success (help included), 1 on any error (usage errors too: click's default is 2),
  130 on Ctrl-C;
* usage errors print the message and then the command's help, both to stderr;
* the messages name the command: ``Unknown command: X``, ``Invalid option(s) for <cmd>: --x``,
  ``Unexpected argument(s) for <cmd>: 'a' 'b'``;
* groups import their subcommands only when one is used (``tinkex --help`` stays fast).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells and the official CLI report Ctrl-C


class CliError(Exception):
    """A one-line failure message for stderr; the command exits with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class TinkexCommand(click.Command):
    """A command whose stray positional arguments are reported with Tinkex's wording."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        strict = not ctx.allow_extra_args
        ctx.allow_extra_args = True
        rest = super().parse_args(ctx, args)
        if strict and rest and not ctx.resilient_parsing:
            quoted = " ".join(f"'{arg}'" for arg in rest)
            raise click.UsageError(f"Unexpected argument(s) for {ctx.command_path}: {quoted}", ctx)
        return rest


class TinkexGroup(click.Group):
    """A group with lazily imported subcommands (``name -> "module:attribute"``)."""

    command_class = TinkexCommand

    def __init__(self, *args: Any, lazy_subcommands: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = dict(lazy_subcommands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy_subcommands.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-") and not ctx.resilient_parsing:
            raise click.UsageError(f"Unknown command: {name}", ctx)
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> NoReturn:
        """Run the CLI and always leave through ``sys.exit`` with a code from §5.1."""
        extra.pop("standalone_mode", None)
        try:
            result = super().main(args, prog_name, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.format_message())  # bare `tinkex`: the help, and success (CLI-02)
            sys.exit(EXIT_OK)
        except click.NoSuchOption as error:
            _usage_failure(error, f"Invalid option(s) for {_command_path(error)}: {error.option_name}")
        except click.UsageError as error:
            _usage_failure(error, error.format_message())
        except click.ClickException as error:
            click.echo(error.format_message(), err=True)
            sys.exit(error.exit_code)
        except CliError as error:
            click.echo(error.message, err=True)
            sys.exit(error.exit_code)
        except click.Abort as error:
            interrupted = isinstance(error.__cause__, KeyboardInterrupt)
            click.echo("Interrupted." if interrupted else "Aborted.", err=True)
            sys.exit(EXIT_INTERRUPTED if interrupted else EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(result if isinstance(result, int) else EXIT_OK)


def _command_path(error: click.UsageError) -> str:
    return error.ctx.command_path if error.ctx is not None else "tinkex"


def _usage_failure(error: click.UsageError, message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    if error.ctx is not None:
        click.echo("", err=True)
        click.echo(error.ctx.get_help(), err=True)
    sys.exit(EXIT_ERROR)
