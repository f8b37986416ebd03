"""BillingUsageSessions: session id -> session details"""

from typing import TypeAlias

from .billing_usage_session import BillingUsageSession

BillingUsageSessions: TypeAlias = dict[str, BillingUsageSession]
