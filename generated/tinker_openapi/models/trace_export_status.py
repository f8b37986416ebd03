from typing import Literal

TraceExportStatus = Literal["failed", "pending", "ready"]

TRACE_EXPORT_STATUS_VALUES: set[TraceExportStatus] = {
    "failed",
    "pending",
    "ready",
}


def check_trace_export_status(value: str) -> TraceExportStatus:
    if value in TRACE_EXPORT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TRACE_EXPORT_STATUS_VALUES!r}")
