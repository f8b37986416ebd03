"""AuditEventDetails: a map"""

from typing import Any, TypeAlias

AuditEventDetails: TypeAlias = dict[str, Any]
