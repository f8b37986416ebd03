"""Usage figures from the server's own accounting: hourly usage events and checkpoint storage.

The local server charges nothing, so every cost and rate is 0.0 and storage is marked ``free``; the
quantities are real: tokens trained on (forward and forward/backward), prompt tokens prefilled and
tokens sampled, checkpoints saved, all counted from the requests that finished (``activity``),
and gigabyte-hours of the checkpoints now on disk over the hours they existed in the window.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from tinkex.server.activity import Activity
from tinkex.server.storage_records import CheckpointRecord, format_time
from tinkex.server.validation import ApiError

MAX_WINDOW = timedelta(days=14)
HOUR = timedelta(hours=1)
GIGABYTE = 1_000_000_000
_TRAINING = frozenset({"forward", "forward_backward"})
_CHECKPOINT_SAVES = frozenset({"save_weights", "save_weights_for_sampler"})


def parse_window(starting_on: str | None, ending_before: str | None) -> tuple[datetime, datetime]:
    """The hour-aligned window ``[starting_on, ending_before)`` of at most 14 days (400 otherwise)."""
    bounds = []
    for name, raw in (("starting_on", starting_on), ("ending_before", ending_before)):
        if not raw:
            raise ApiError(400, f"{name}: required, an RFC 3339 date-time on the hour")
        try:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            raise ApiError(400, f"{name}: not an RFC 3339 date-time: {raw!r}") from None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        if value.minute or value.second or value.microsecond:
            raise ApiError(400, f"{name}: must be on the hour, got {raw!r}")
        bounds.append(value)
    start, end = bounds
    if end <= start:
        raise ApiError(400, "ending_before: must be after starting_on")
    if end - start > MAX_WINDOW:
        raise ApiError(400, "ending_before: the window may span at most 14 days")
    return start, end


def _hour_of(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC).replace(minute=0, second=0, microsecond=0)


def _event(
    bucket: datetime, session_id: str | None, base_model: str | None, owner: str | None, info: dict[str, Any]
) -> dict[str, Any]:
    return {
        "bucket_start": format_time(bucket),
        "bucket_end": format_time(bucket + HOUR),
        "base_model": base_model,
        "user_id": owner or "local",
        "session_id": session_id,
        "estimated_cost_usd": 0.0,
        "event_info": info,
    }


def usage_events(
    activities: Iterable[Activity],
    checkpoints: Iterable[tuple[CheckpointRecord, str | None, str | None]],
    start: datetime,
    end: datetime,
    now: datetime,
    owner: str | None,
) -> list[dict[str, Any]]:
    """Events per (hour, session, base model, kind). ``checkpoints`` are ``owner``'s, as
    (record, session, base model)."""
    tokens: dict[tuple[datetime, str | None, str | None, str | None, str], int] = defaultdict(int)
    for activity in activities:
        if activity.failed or activity.finished_at is None:
            continue
        bucket = _hour_of(activity.finished_at)
        if not start <= bucket < end:
            continue
        key = (bucket, activity.session_id, activity.base_model, activity.owner)
        if activity.request_type in _TRAINING:
            tokens[(*key, "training")] += activity.tokens
        elif activity.request_type == "sample":
            tokens[(*key, "sampling_prefill")] += activity.tokens
            tokens[(*key, "sampling_sample")] += activity.sampled_tokens
        elif activity.request_type in _CHECKPOINT_SAVES and activity.tinker_path is not None:
            tokens[(*key, "checkpoint")] += 1
    events = []
    for (bucket, session_id, base_model, owner, kind), amount in sorted(tokens.items(), key=_sort_key):
        if kind == "checkpoint":
            info: dict[str, Any] = {"type": kind, "count": amount}
        elif kind == "sampling_prefill":
            info = {"type": kind, "cached": False, "token_count": amount}
        else:
            info = {"type": kind, "token_count": amount}
        events.append(_event(bucket, session_id, base_model, owner, info))
    events.extend(_storage_events(checkpoints, start, min(end, now), owner))
    return events


def _sort_key(item: tuple[tuple[Any, ...], float]) -> tuple[str, ...]:
    return tuple("" if part is None else str(part) for part in item[0])


def _storage_events(
    checkpoints: Iterable[tuple[CheckpointRecord, str | None, str | None]],
    start: datetime,
    end: datetime,
    owner: str | None,
) -> list[dict[str, Any]]:
    """Gigabyte-hours per hour bucket and session, for the checkpoints on disk in that hour."""
    usage: dict[tuple[datetime, str | None, str | None], float] = defaultdict(float)
    for record, session_id, base_model in checkpoints:
        held_from = max(record.created_at, start)
        bucket = held_from.replace(minute=0, second=0, microsecond=0)
        while bucket < end:
            overlap = min(bucket + HOUR, end) - max(bucket, held_from)
            if overlap > timedelta(0):
                hours = overlap / HOUR
                usage[(bucket, session_id, base_model)] += record.size_bytes / GIGABYTE * hours
            bucket += HOUR
    return [
        _event(
            bucket, session_id, base_model, None, {"type": "storage", "free": True, "gigabyte_hours": amount}
        )
        for (bucket, session_id, base_model), amount in sorted(usage.items(), key=_sort_key)
    ]


def storage_rows(
    checkpoints: Iterable[tuple[CheckpointRecord, str | None]], owner: str | None
) -> list[dict[str, Any]]:
    """Current checkpoint count and size, one row per project (``checkpoints`` are (record, project))."""
    totals: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    for record, project_id in checkpoints:
        totals[project_id][0] += 1
        totals[project_id][1] += record.size_bytes
    return [
        {
            "project_id": project_id,
            "org_user_urn": f"tml:user:{owner or 'local'}",
            "user_name": owner or "local",
            "checkpoint_count": count,
            "size_bytes": size,
            "size_gigabytes": size / GIGABYTE,
            "estimated_monthly_cost_usd": 0.0,
        }
        for project_id, (count, size) in sorted(totals.items(), key=lambda item: item[0] or "")
    ]
