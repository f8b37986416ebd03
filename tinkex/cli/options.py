"""Options shared by many commands: API config flags (CLI-18, §5.3) and output format (CLI-13).

``--timeout`` is in **seconds**, like every other duration of tinkex and of the official SDK
(Tinkex's CLI took milliseconds, which turned ``--timeout 30`` into 0.03 s). Flags win over
the environment because they are passed to ``ServiceClient`` explicitly and config resolution
puts explicit values first.

The output format can be given once for the whole command line (``tinkex -f json run list``,
as with the official ``tinker`` CLI) or on the command itself (``run list --json``); the
command's own flag wins.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
# A command gives up retrying one request after this many seconds (a dead server fails fast).
DEFAULT_RETRY_BUDGET_S = 15.0
OutputFormat = Literal["table", "json"]
_PARENT_API_KEY = "tinkex.cli.api_options"
_ROOT_FORMAT_KEY = "tinkex.cli.output_format"


@dataclass(frozen=True)
class ApiOptions:
    """Connection flags as given; ``None`` means "let config resolution decide"."""

    api_key: str | None = None
    base_url: str | None = None
    timeout_s: float | None = None
    http_pool: str | None = None
    retry_budget_s: float | None = None

    def __repr__(self) -> str:  # the key never appears in a repr (tracebacks, debug output)
        key = None if self.api_key is None else "***"
        return f"ApiOptions(api_key={key!r}, base_url={self.base_url!r}, timeout_s={self.timeout_s!r})"

    def over(self, parent: ApiOptions | None) -> ApiOptions:
        """These flags, falling back to the ones given on the parent group (``checkpoint --api-key K list``)."""
        if parent is None:
            return self
        return ApiOptions(
            api_key=self.api_key if self.api_key is not None else parent.api_key,
            base_url=self.base_url if self.base_url is not None else parent.base_url,
            timeout_s=self.timeout_s if self.timeout_s is not None else parent.timeout_s,
            http_pool=self.http_pool if self.http_pool is not None else parent.http_pool,
            retry_budget_s=self.retry_budget_s if self.retry_budget_s is not None else parent.retry_budget_s,
        )


def remember_api_options(ctx: click.Context, api: ApiOptions) -> None:
    """Let subcommands inherit the flags given to their group."""
    ctx.meta[_PARENT_API_KEY] = api


def inherited_api_options(api: ApiOptions) -> ApiOptions:
    ctx = click.get_current_context(silent=True)
    parent = ctx.meta.get(_PARENT_API_KEY) if ctx is not None else None
    return api.over(parent if isinstance(parent, ApiOptions) else None)


def _finite_seconds(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):  # FloatRange lets nan and inf through
        raise click.BadParameter(f"{value} is not a finite number of seconds", ctx, param)
    return value


def api_options(*, http_pool: bool = False) -> Callable[[F], F]:
    """Add ``--api-key --base-url --timeout`` (and ``--http-pool``); the callback gets ``api=ApiOptions``."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            api = ApiOptions(
                api_key=kwargs.pop("api_key"),
                base_url=kwargs.pop("base_url"),
                timeout_s=kwargs.pop("timeout"),
                http_pool=kwargs.pop("http_pool", None),
                retry_budget_s=kwargs.pop("retry_budget"),
            )
            return func(*args, api=inherited_api_options(api), **kwargs)

        options = [
            click.option(
                "--api-key",
                default=None,
                metavar="KEY",
                help="API key (default: the TINKER_API_KEY environment variable). Never printed.",
            ),
            click.option(
                "--base-url",
                default=None,
                metavar="URL",
                help="API base URL (default: TINKER_BASE_URL, else the Tinker service).",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0.0, min_open=True),
                default=None,
                callback=_finite_seconds,
                metavar="SECONDS",
                help="Request timeout in seconds (also the wait limit for saves and samples).",
            ),
            click.option(
                "--retry-budget",
                type=click.FloatRange(min=0, min_open=True),
                default=None,
                metavar="SECONDS",
                help=f"Stop retrying a failing request after this long (default: {DEFAULT_RETRY_BUDGET_S:g}).",
            ),
        ]
        if http_pool:
            options.append(
                click.option("--http-pool", default=None, metavar="NAME", help="HTTP connection pool name.")
            )
        decorated: Any = wrapper
        for option in reversed(options):
            decorated = option(decorated)
        return decorated

    return decorate


def check_format(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    lowered = value.strip().lower()
    if lowered not in ("table", "json"):
        raise click.UsageError(f"Invalid format: {value}", ctx)
    return lowered


def remember_root_format(ctx: click.Context, format_name: str | None, as_json: bool) -> None:
    """Record the format given before the command (``tinkex -f json ...``) for every subcommand."""
    if as_json or format_name is not None:
        ctx.meta[_ROOT_FORMAT_KEY] = "json" if as_json else format_name


def current_format(format_name: str | None = None, as_json: bool = False) -> OutputFormat:
    """The command's own flag, else the one given before the command, else ``table``."""
    if as_json:
        return "json"
    if format_name is None:
        ctx = click.get_current_context(silent=True)
        format_name = ctx.meta.get(_ROOT_FORMAT_KEY) if ctx is not None else None
    return "json" if format_name == "json" else "table"


def format_options(func: F) -> F:
    """Add ``--format/-f table|json`` and ``--json``; the callback gets ``output_format``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        output_format = current_format(kwargs.pop("format_name"), kwargs.pop("as_json"))
        return func(*args, output_format=output_format, **kwargs)

    decorated: Any = click.option(
        "--json", "as_json", is_flag=True, default=False, help="Print JSON (same as --format json; wins)."
    )(wrapper)
    decorated = click.option(
        "--format",
        "-f",
        "format_name",
        default=None,
        metavar="table|json",
        callback=check_format,
        help="Output format, case-insensitive (default: the one given before the command, else table).",
    )(decorated)
    return decorated


def required_argument(name: str, metavar: str, message: str) -> Callable[[F], F]:
    """A positional argument whose absence is reported with Tinkex's wording (e.g. ``Run ID is required``)."""

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None and not ctx.resilient_parsing:
            raise click.UsageError(message, ctx)
        return value

    return click.argument(name, metavar=metavar, required=False, callback=check)
