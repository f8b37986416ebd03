"""``tinkex billing usage | checkpoint-storage``: the organization's usage and storage, with the
options and JSON output of the official ``tinker billing`` commands.

JSON keeps the response's nesting (``event_info`` inside each row, the sessions side-table,
nulls); tables and CSV files flatten ``event_info`` into the row. The CSV files are written
by the standard ``csv`` module; ``-`` writes to stdout.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from tinkex.cli._click import CliError, TinkexCommand, TinkexGroup
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options
from tinkex.cli.output import note, print_json, print_table
from tinkex.cli.session import failures_as, rest_client


def flatten(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row with its ``event_info`` fields moved up into it (their names never collide)."""
    flat = []
    for row in rows:
        info = row.get("event_info")
        if isinstance(info, dict):
            row = {**{k: v for k, v in row.items() if k != "event_info"}, **info}
        flat.append(row)
    return flat


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The first row's keys in order, then any key only later rows have."""
    return list(dict.fromkeys(key for row in rows for key in row))


def _cell(value: Any) -> str:
    return "null" if value is None else str(value)


def write_csv(rows: Sequence[dict[str, Any]], destination: str) -> None:
    def write(out: TextIO) -> None:
        writer = csv.DictWriter(out, fieldnames=columns_of(rows), restval="")
        writer.writeheader()
        writer.writerows(rows)

    if destination == "-":
        write(sys.stdout)
        return
    try:
        with Path(destination).open("w", newline="", encoding="utf-8") as out:
            write(out)
    except OSError as error:
        raise CliError(f"Failed to write {destination}: {error}") from error
    note(f"Wrote {len(rows)} row(s) to {destination}")


def _print_rows(title: str, rows: Sequence[dict[str, Any]]) -> None:
    columns = columns_of(rows)
    print_table(title, columns, [[_cell(row.get(c)) for c in columns] for row in rows])


@click.group(cls=TinkexGroup, name="billing", short_help="Show billing usage and checkpoint storage.")
def billing_group() -> None:
    """View billing usage (needs billing view access in your organization)."""


@billing_group.command(cls=TinkexCommand, name="usage")
@click.argument("starting_on")
@click.argument("ending_before")
@click.option(
    "--csv", "csv_path", default=None, metavar="PATH", help="Write the usage rows as CSV ('-' = stdout)."
)
@click.option(
    "--sessions-csv",
    "sessions_csv_path",
    default=None,
    metavar="PATH",
    help="Also write the per-session table (session_id, user_metadata) as CSV ('-' = stdout).",
)
@format_options
@api_options()
def usage_command(
    starting_on: str,
    ending_before: str,
    csv_path: str | None,
    sessions_csv_path: str | None,
    output_format: OutputFormat,
    api: ApiOptions,
) -> None:
    """Hourly usage rows in [STARTING_ON, ENDING_BEFORE): RFC 3339 times on UTC hour boundaries
    (e.g. 2026-07-13T00:00:00Z), at most 14 days apart. Costs are estimates before credits."""
    with failures_as("Billing usage"), rest_client(api) as rest:
        response = rest.get_billing_usage(starting_on, ending_before).result()
    rows = [event.model_dump(mode="json") for event in response.data]
    sessions = {sid: session.model_dump(mode="json") for sid, session in (response.sessions or {}).items()}
    if sessions_csv_path is not None:
        session_rows = [
            {
                "session_id": sid,
                "user_metadata": None if s.get("user_metadata") is None else json.dumps(s["user_metadata"]),
            }
            for sid, s in sessions.items()
        ]
        write_csv(session_rows, sessions_csv_path)
    if csv_path is not None:
        write_csv(flatten(rows), csv_path)
    if csv_path is not None or sessions_csv_path is not None:
        return
    if output_format == "json":
        moment = response.cost_data_through
        through = moment.isoformat().replace("+00:00", "Z") if isinstance(moment, _dt.datetime) else moment
        print_json({"data": rows, "sessions": sessions, "cost_data_through": through})
        return
    _print_rows(
        f"{len(rows)} hourly usage row(s)" if rows else "No billing usage in this window", flatten(rows)
    )


@billing_group.command(cls=TinkexCommand, name="checkpoint-storage")
@click.option("--project-id", default=None, help="Only this project's storage.")
@click.option("--csv", "csv_path", default=None, metavar="PATH", help="Write the rows as CSV ('-' = stdout).")
@format_options
@api_options()
def checkpoint_storage_command(
    project_id: str | None, csv_path: str | None, output_format: OutputFormat, api: ApiOptions
) -> None:
    """Current checkpoint storage by project and owner, with its projected monthly cost."""
    with failures_as("Checkpoint storage"), rest_client(api) as rest:
        response = rest.get_current_checkpoint_storage_usage(project_id=project_id).result()
    rate = response.effective_rate_usd_per_gigabyte_month
    rows = [item.model_dump(mode="json") for item in response.data]
    table_rows = [{"effective_rate_usd_per_gigabyte_month": rate, **row} for row in rows]
    if csv_path is not None:
        write_csv(table_rows, csv_path)
    elif output_format == "json":
        print_json({"effective_rate_usd_per_gigabyte_month": rate, "data": rows})
    else:
        _print_rows("Current checkpoint storage" if rows else "No active checkpoint storage", table_rows)
