"""AuditEventDetails: a map"""

from typing import TypeAlias

AuditEventDetails: TypeAlias = AuditEventDetails
