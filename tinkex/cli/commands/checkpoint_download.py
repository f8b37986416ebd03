"""``tinkex checkpoint download PATH`` (features CLI-10, DL-01, §5.11): fetch the archive and
extract it into ``<output>/<path without tinker://, '/' as '_', ':' as '-'>`` (a folder name
every file system accepts). JSON output is the official CLI's."""

from __future__ import annotations

from pathlib import Path

import click

from tinkex.cli._click import CliError, TinkexCommand
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options, required_argument
from tinkex.cli.output import echo, print_json, progress
from tinkex.cli.session import failures_as, parse_paths, rest_client


@click.command(cls=TinkexCommand, name="download")
@required_argument("tinker_path", "TINKER_PATH", "Checkpoint path is required")
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default="current directory",
    help="Folder to extract the checkpoint folder into.",
)
@click.option("--force", is_flag=True, help="Replace the checkpoint folder if it already exists.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Refuse archives larger than this, downloaded or unpacked [default: TINKEX_DOWNLOAD_MAX_BYTES or 16 GiB].",
)
@click.option(
    "--max-members",
    type=click.IntRange(min=1),
    default=None,
    help="Refuse archives with more members [default: TINKEX_DOWNLOAD_MAX_MEMBERS or 10000].",
)
@format_options
@api_options()
def download_command(
    tinker_path: str,
    output: Path,
    force: bool,
    max_bytes: int | None,
    max_members: int | None,
    output_format: OutputFormat,
    api: ApiOptions,
) -> None:
    """Download a checkpoint archive and extract it safely."""
    with failures_as("Download"):
        from tinkex.checkpoint_download import destination_for  # httpx: only once a download runs

        parse_paths([tinker_path])
        target = destination_for(tinker_path, output)
        if target.exists() and not force:  # said here with the flag's name, before any download
            raise CliError(f"{target} already exists; use --force to replace it")
        with rest_client(api) as rest, progress("Downloading", transfer=True) as bar:
            result = rest.download_checkpoint(
                tinker_path,
                output_dir=str(output),
                force=force,
                progress=bar.update,
                max_bytes=max_bytes,
                max_members=max_members,
            ).result()
    if output_format == "json":
        print_json({"checkpoint_path": tinker_path, "destination": str(result.destination)})
    else:
        echo(f"Downloaded to {result.destination}")
