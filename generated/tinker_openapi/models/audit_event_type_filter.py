from typing import Literal

AuditEventTypeFilter = Literal["all", "checkpoints", "organizations", "projects", "teams"]

AUDIT_EVENT_TYPE_FILTER_VALUES: set[AuditEventTypeFilter] = {
    "all",
    "checkpoints",
    "organizations",
    "projects",
    "teams",
}


def check_audit_event_type_filter(value: str) -> AuditEventTypeFilter:
    if value in AUDIT_EVENT_TYPE_FILTER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AUDIT_EVENT_TYPE_FILTER_VALUES!r}")
