"""Table value formatting (features CLI-15, §5.14)."""

from __future__ import annotations

import datetime as dt

import pytest

from tinkex.cli.formatting import (
    format_bool,
    format_expires,
    format_lora,
    format_size,
    format_status,
    humanize_time,
    iso_timestamp,
)

NOW = dt.datetime(2025, 6, 1, 12, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (None, "N/A"),
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1.0 KB"),
        (1536, "1.5 KB"),
        (5 * 1024**2, "5.0 MB"),
        (3 * 1024**3 + 1024**3 // 2, "3.5 GB"),
        (2 * 1024**4, "2.0 TB"),
        (4096 * 1024**4, "4096.0 TB"),
    ],
)
def test_format_size(size: int | None, text: str) -> None:  # covers CLI-15
    assert format_size(size) == text


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (NOW - dt.timedelta(hours=3, minutes=5), "3 hours ago"),
        (NOW + dt.timedelta(days=2, hours=1), "in 2 days"),
        (NOW - dt.timedelta(minutes=1), "1 minute ago"),
        (NOW - dt.timedelta(seconds=42), "42 seconds ago"),
        (NOW - dt.timedelta(days=400), "1 year ago"),
        (NOW, "just now"),
    ],
)
def test_humanize_time(moment: dt.datetime, text: str) -> None:  # covers CLI-15 (later: humanized tables)
    assert humanize_time(moment, now=NOW) == text


def test_time_edge_values() -> None:  # covers CLI-15
    naive = dt.datetime(2025, 6, 1, 11, 0, 0)  # a naive time is read as UTC
    assert humanize_time(naive, now=NOW) == "1 hour ago"
    assert humanize_time(None) == "N/A"
    assert humanize_time("not-a-time") == "not-a-time"
    assert format_expires(None) == "never"
    assert format_expires(NOW + dt.timedelta(hours=1, seconds=5), now=NOW) == "in 1 hour"
    assert iso_timestamp(NOW) == "2025-06-01T12:00:00+00:00"
    assert iso_timestamp(None) is None


def test_lora_status_and_bool() -> None:  # covers CLI-15
    assert format_lora(True, 8) == "Yes (rank 8)"
    assert format_lora(True, None) == "Yes"
    assert format_lora(False, 8) == "No"
    assert format_status(True) == "Failed"
    assert format_status(False) == "OK"  # not "Active": a closed session's run is not active
    assert (format_bool(True), format_bool(False), format_bool(None)) == ("Yes", "No", "N/A")
