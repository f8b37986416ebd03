"""``tinkex session export-trace SESSION_ID``: a session's timeline as a Perfetto trace, with the
options and JSON output of the official ``tinker session export-trace``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tinkex.cli._click import TinkexCommand, TinkexGroup
from tinkex.cli.formatting import format_size
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options
from tinkex.cli.output import echo, note, print_json, print_properties, progress
from tinkex.cli.session import failures_as, rest_client
from tinkex.cli.trace_export import DEFAULT_WAIT_S, download, trace_url


@click.group(cls=TinkexGroup, name="session", short_help="Export session traces.")
def session_group() -> None:
    """Manage sessions."""


@session_group.command(cls=TinkexCommand, name="export-trace")
@click.argument("session_id")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Trace file to write (default: ./<SESSION_ID>.pftrace; parent folders are created).",
)
@click.option("--url-only", is_flag=True, help="Print the signed download URL instead of downloading.")
@format_options
@api_options()
def export_trace_command(
    session_id: str, output: Path | None, url_only: bool, output_format: OutputFormat, api: ApiOptions
) -> None:
    """Export a session's training and sampling requests as a Perfetto trace; open the file
    at ui.perfetto.dev. --timeout bounds the wait for the server to build it."""
    if output_format != "json":
        note(f"Exporting trace for session {session_id} (this may take a while)...")
    with failures_as("Export trace"):
        with rest_client(api) as rest:
            url = trace_url(
                rest,
                session_id,
                wait_s=api.timeout_s or DEFAULT_WAIT_S,
                on_pending=lambda: note("The server is building the trace..."),
            )
        if url_only:
            if output_format == "json":
                print_json({"session_id": session_id, "url": url})
            else:
                echo(url)  # bare, for $(tinkex session export-trace ID --url-only)
            return
        destination = output if output is not None else Path.cwd() / f"{session_id}.pftrace"
        destination.parent.mkdir(parents=True, exist_ok=True)
        with progress("Downloading trace", transfer=True) as bar:
            size = download(url, destination, bar.update)
    result: dict[str, Any] = {"session_id": session_id, "destination": str(destination)}
    if size > 0:
        result["file_size_bytes"] = size
    if output_format == "json":
        print_json(result)
    else:
        print_properties(
            f"Trace export: {session_id}",
            [("Session ID", session_id), ("Saved to", str(destination)), ("Size", format_size(size))],
        )
