"""``AdminClient``: the organization-admin REST calls (audit log, billing), as in the official SDK 0.38.

Built like ``RestClient`` (``AdminClient()`` reads the environment) and sharing its calls:
each method is the ``RestClient`` method of the same name, which tinkex keeps as well.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Literal

from ._compat.deprecations import official_deprecations
from ._core.holder import ClientHolder
from .futures import APIFuture
from .rest_client import RestClient
from .types import AuditLogResponse, BillingUsageResponse, CurrentCheckpointStorageUsageResponse

__all__ = ["AdminClient"]

AuditEventType = Literal["all", "checkpoints", "projects", "teams", "organizations"]


@official_deprecations
class AdminClient:
    """Audit log and billing figures of the caller's organization (admin roles on the service)."""

    def __init__(
        self, _holder: ClientHolder | None = None, *, base_url: str | None = None, api_key: str | None = None
    ) -> None:
        self._rest = RestClient(_holder, base_url=base_url, api_key=api_key)
        self.holder = self._rest.holder

    def get_telemetry(self) -> Any:
        return self.holder.reporter

    def get_audit_log(
        self, event_type: AuditEventType = "all", day: _dt.date | None = None
    ) -> APIFuture[AuditLogResponse]:
        """The organization's audit events of one UTC day (default today), of one kind or all."""
        return self._rest.get_audit_log(event_type, day)

    async def get_audit_log_async(
        self, event_type: AuditEventType = "all", day: _dt.date | None = None
    ) -> AuditLogResponse:
        return await self._rest.get_audit_log_async(event_type, day)

    def get_billing_usage(
        self, starting_on: _dt.datetime | str, ending_before: _dt.datetime | str
    ) -> APIFuture[BillingUsageResponse]:
        """Hourly usage events in ``[starting_on, ending_before)`` (RFC 3339; at most 14 days)."""
        return self._rest.get_billing_usage(starting_on, ending_before)

    async def get_billing_usage_async(
        self, starting_on: _dt.datetime | str, ending_before: _dt.datetime | str
    ) -> BillingUsageResponse:
        return await self._rest.get_billing_usage_async(starting_on, ending_before)

    def get_current_checkpoint_storage_usage(
        self, project_id: str | None = None
    ) -> APIFuture[CurrentCheckpointStorageUsageResponse]:
        """Current checkpoint count, size and projected storage cost, by project and owner."""
        return self._rest.get_current_checkpoint_storage_usage(project_id)

    async def get_current_checkpoint_storage_usage_async(
        self, project_id: str | None = None
    ) -> CurrentCheckpointStorageUsageResponse:
        return await self._rest.get_current_checkpoint_storage_usage_async(project_id)
