from enum import StrEnum


class AuditEventTypeFilter(StrEnum):
    ALL = "all"
    CHECKPOINTS = "checkpoints"
    ORGANIZATIONS = "organizations"
    PROJECTS = "projects"
    TEAMS = "teams"

    def __str__(self) -> str:
        return str(self.value)
