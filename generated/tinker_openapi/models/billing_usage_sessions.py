"""BillingUsageSessions: session id -> session details"""

from typing import TypeAlias

BillingUsageSessions: TypeAlias = BillingUsageSessions
