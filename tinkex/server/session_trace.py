"""A session's timeline as a trace that Perfetto (ui.perfetto.dev) and chrome://tracing open.

The trace uses the Trace Event JSON format, which Perfetto imports as it is: one process for the
session, one track (thread) per model or sampler, and for every request two complete ("X") slices,
the time it waited in the server's queue and the time it ran. Timestamps are microseconds since
the Unix epoch, so traces of several sessions line up when opened together.
"""

from __future__ import annotations

from typing import Any

from tinkex.server.activity import Activity

_SESSION_PID = 1


def _track_name(activity: Activity) -> str:
    if activity.model_id is not None:
        return activity.model_id
    if activity.base_model is not None:
        return f"sampling {activity.base_model}"
    return activity.request_type


def _us(seconds: float) -> int:
    return round(seconds * 1_000_000)


def build_trace(session_id: str, activities: list[Activity]) -> dict[str, Any]:
    """The trace of one session's requests (finished or not; unfinished ones end at their last stamp)."""
    events: list[dict[str, Any]] = [
        {"ph": "M", "pid": _SESSION_PID, "tid": 0, "name": "process_name", "args": {"name": session_id}}
    ]
    tracks: dict[str, int] = {}
    for activity in sorted(activities, key=lambda a: a.submitted_at):
        track = _track_name(activity)
        if track not in tracks:
            tracks[track] = len(tracks) + 1
            events.append(
                {
                    "ph": "M",
                    "pid": _SESSION_PID,
                    "tid": tracks[track],
                    "name": "thread_name",
                    "args": {"name": track},
                }
            )
        tid = tracks[track]
        args: dict[str, Any] = {"request_id": activity.request_id, "failed": activity.failed}
        if activity.tokens:
            args["tokens"] = activity.tokens
        if activity.sampled_tokens:
            args["sampled_tokens"] = activity.sampled_tokens
        if activity.tinker_path is not None:
            args["tinker_path"] = activity.tinker_path
        started = activity.started_at if activity.started_at is not None else activity.finished_at
        if started is not None and started > activity.submitted_at:
            events.append(
                {
                    "ph": "X",
                    "cat": "queue",
                    "name": f"{activity.request_type} (queued)",
                    "pid": _SESSION_PID,
                    "tid": tid,
                    "ts": _us(activity.submitted_at),
                    "dur": _us(started - activity.submitted_at),
                    "args": args,
                }
            )
        if activity.started_at is not None:
            end = activity.finished_at if activity.finished_at is not None else activity.started_at
            events.append(
                {
                    "ph": "X",
                    "cat": "request",
                    "name": activity.request_type,
                    "pid": _SESSION_PID,
                    "tid": tid,
                    "ts": _us(activity.started_at),
                    "dur": _us(end - activity.started_at),
                    "args": args,
                }
            )
    return {"traceEvents": events, "displayTimeUnit": "ms", "otherData": {"session_id": session_id}}
