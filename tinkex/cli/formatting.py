"""Human-readable values for tables (features CLI-15, §5.14): sizes, times, LoRA, status.

JSON output never goes through these: it keeps raw numbers and ISO-8601 timestamps.
"""

from __future__ import annotations

import datetime as _dt

_SIZE_UNITS = ("KB", "MB", "GB", "TB")
_TIME_UNITS = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
    ("second", 1),
)


def format_size(size_bytes: int | None) -> str:
    """``N B`` below 1 KiB, else one decimal in KB/MB/GB/TB (powers of 1024); ``N/A`` when unknown."""
    if size_bytes is None:
        return "N/A"
    if size_bytes < 1024:
        return f"{size_bytes} B"
    value = float(size_bytes) / 1024.0
    index = 0
    while value >= 1024.0 and index < len(_SIZE_UNITS) - 1:
        value /= 1024.0
        index += 1
    return f"{value:.1f} {_SIZE_UNITS[index]}"


def iso_timestamp(value: _dt.datetime | str | None) -> str | None:
    """ISO-8601 for JSON output (a server string that was not a timestamp is kept as is)."""
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def humanize_time(
    value: _dt.datetime | str | None, *, now: _dt.datetime | None = None, missing: str = "N/A"
) -> str:
    """A relative time such as ``3 hours ago`` or ``in 2 days`` (§5.14 tables)."""
    if value is None:
        return missing
    if isinstance(value, str):
        return value
    moment = value if value.tzinfo is not None else value.replace(tzinfo=_dt.UTC)
    reference = now or _dt.datetime.now(_dt.UTC)
    seconds = (moment - reference).total_seconds()
    future = seconds > 0
    seconds = abs(seconds)
    if seconds < 1:
        return "just now"
    for name, length in _TIME_UNITS:
        if seconds >= length:
            count = int(seconds // length)
            phrase = f"{count} {name}" + ("" if count == 1 else "s")
            return f"in {phrase}" if future else f"{phrase} ago"
    raise AssertionError("unreachable: every positive duration is at least a second")


def format_expires(value: _dt.datetime | str | None, *, now: _dt.datetime | None = None) -> str:
    return humanize_time(value, now=now, missing="never")


def format_lora(is_lora: bool, rank: int | None) -> str:
    if not is_lora:
        return "No"
    return f"Yes (rank {rank})" if rank else "Yes"


def format_status(corrupted: bool) -> str:
    """A run is ``Failed`` when the server marked it corrupted, else ``OK`` (the official words).

    Not "Active": a run outlives its session, and the run record says nothing about whether
    a session still holds it."""
    return "Failed" if corrupted else "OK"


def format_bool(value: bool | None) -> str:
    if value is None:
        return "N/A"
    return "Yes" if value else "No"
