"""``tinkex version [--json] [--deps]`` (features CLI-03, §5.4)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import click

from tinkex.cli._click import TinkexCommand
from tinkex.cli.options import current_format
from tinkex.cli.output import echo, print_json

GIT_TIMEOUT_S = 5.0


def package_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("tinkex")
    except metadata.PackageNotFoundError:
        return "unknown"


def git_commit() -> str | None:
    """The short commit of the source checkout tinkex runs from; None for an installed wheel.

    Only a checkout that holds this package counts, so running from inside some other
    repository never reports that repository's commit."""
    root = Path(__file__).resolve().parents[3]
    if not (root / ".git").exists():
        return None
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and commit else None


def print_version(as_json: bool) -> None:
    version, commit = package_version(), git_commit()
    if as_json:
        print_json({"version": version, "commit": commit})
    else:
        echo(f"tinkex {version}" + (f" ({commit})" if commit else ""))


@click.command(cls=TinkexCommand, name="version", short_help="Show the tinkex version.")
@click.option("--json", "as_json", is_flag=True, help='Print {"version": ..., "commit": ...} as JSON.')
@click.option("--deps", is_flag=True, help="Reserved for listing dependency versions; currently no effect.")
def version_command(as_json: bool, deps: bool) -> None:
    """Show the tinkex version (and the git commit of a source checkout)."""
    del deps  # accepted for Tinkex parity (§5.4)
    print_version(current_format(as_json=as_json) == "json")  # --json, else `tinkex -f json version`
