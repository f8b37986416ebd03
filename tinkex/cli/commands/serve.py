"""``tinkex serve``: run the local Tinker-compatible server until Ctrl-C (DESIGN §6).

The server (JAX, uvicorn) is imported only when this command runs, and needs the
``server`` extra.
"""

from __future__ import annotations

from pathlib import Path

import click

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
    help="Where checkpoints and runs are stored (default: ~/.cache/tinkex/local-server).",
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
    models: tuple[str, ...],
    enable_test_hooks: bool,
    compile_cache_dir: Path | None,
) -> None:
    """Run the local Tinker-compatible server (tiny JAX models) until Ctrl-C."""
    try:
        from tinkex.server.runner import check_models, run_server
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
        run_server(
            host=host,
            port=port,
            data_dir=data_dir,
            models=chosen,
            enable_test_hooks=enable_test_hooks,
            compile_cache_dir=compile_cache_dir,
            on_listening=lambda url: click.echo(
                f"tinkex local server listening on {url} (Ctrl-C to stop)", err=True
            ),
        )
    except OSError as error:
        raise CliError(f"Server failed: {error}") from error
