"""``tinkex serve``: run the local Tinker-compatible server until Ctrl-C (DESIGN §6).

The server (JAX, uvicorn) is imported only when this command runs, and needs the
``server`` extra. API keys come from ``--api-key-file`` and ``TINKEX_SERVER_API_KEYS``
(``tinkex.server.api_keys``); with none, the server answers on loopback only.
"""

from __future__ import annotations

from pathlib import Path

import click

from tinkex._core.startup import program_imports
from tinkex.cli._click import CliError, TinkexCommand

DEFAULT_HOST = "127.0.0.1"  # the runner's defaults, repeated so `--help` does not import JAX
DEFAULT_PORT = 8765


def split_models(values: tuple[str, ...]) -> list[str] | None:
    """``--models a,b --models c`` -> ``[a, b, c]``; nothing given -> every catalog model."""
    names = [name.strip() for value in values for name in value.split(",") if name.strip()]
    return names or None


@click.command(cls=TinkexCommand, name="serve", short_help="Run the local Tinker-compatible server.")
@click.option(
    "--host", default=DEFAULT_HOST, show_default=True, help="Interface to bind (loopback by default)."
)
@click.option(
    "--port",
    type=click.IntRange(min=0, max=65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port; 0 picks a free one.",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where checkpoints and runs are stored (default: the user data dir, e.g. "
    "~/.local/share/tinkex/local-server).",
)
@click.option(
    "--api-key-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Require API keys: one key per line (# comments allowed); also TINKEX_SERVER_API_KEYS.",
)
@click.option(
    "--allow-unauthenticated",
    is_flag=True,
    help="Allow a non-loopback --host without API keys (anyone who can reach it has full access).",
)
@click.option(
    "--jwt-auth",
    is_flag=True,
    help="Turn on JWT mode: SDKs exchange their key for a short-lived token "
    "(the official SDK's RestClient.whoami needs it).",
)
@click.option(
    "--models",
    multiple=True,
    metavar="NAMES",
    help="Comma-separated catalog models to offer (repeatable; default: all).",
)
@click.option(
    "--enable-test-hooks", is_flag=True, help="Mount the /_local/* fault-injection routes (tests only)."
)
@click.option(
    "--compile-cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Persistent JAX compilation cache (faster restarts).",
)
def serve_command(
    host: str,
    port: int,
    data_dir: Path | None,
    api_key_file: Path | None,
    allow_unauthenticated: bool,
    jwt_auth: bool,
    models: tuple[str, ...],
    enable_test_hooks: bool,
    compile_cache_dir: Path | None,
) -> None:
    """Run the local Tinker-compatible server (tiny JAX models) until Ctrl-C."""
    try:
        with program_imports():
            from tinkex.server.api_keys import KeySourceError, configured_keys
            from tinkex.server.runner import DataDirInUse, UnsafeExposure, check_models, run_server
    except ImportError as error:
        raise CliError(
            f"tinkex serve needs the server extra (pip install 'tinkex[server]'): {error}"
        ) from error
    chosen = split_models(models)
    try:
        check_models(chosen)
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    try:
        keys = configured_keys(api_key_file)
    except KeySourceError as error:
        raise CliError(str(error)) from None
    try:
        run_server(
            host=host,
            port=port,
            data_dir=data_dir,
            models=chosen,
            enable_test_hooks=enable_test_hooks,
            compile_cache_dir=compile_cache_dir,
            api_keys=keys,
            allow_unauthenticated=allow_unauthenticated,
            jwt_auth=jwt_auth,
            on_listening=lambda url: click.echo(
                f"tinkex local server listening on {url} "
                f"({'API keys required' if keys else 'no API keys'}; Ctrl-C to stop)",
                err=True,
            ),
            on_warning=lambda text: click.echo(text, err=True),
        )
    except (UnsafeExposure, DataDirInUse) as error:
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"Server failed: {error}") from error
