"""Search, external-weights and administration calls of ``RestClient`` (hosted-service endpoints).

The official SDK 0.38 moved audit and billing to an ``AdminClient``; tinkex keeps them on
``RestClient`` as plain REST calls.
"""

from __future__ import annotations

import datetime as _dt

from tinker_openapi.api.admin import (
    get_audit_log,
    get_billing_usage_events,
    get_current_checkpoint_storage_usage,
)
from tinker_openapi.api.rest import get_external_weights_urls, search_sessions

from ..errors import TinkexValidationError
from ..futures import APIFuture
from ..types import (
    AuditLogResponse,
    BillingUsageResponse,
    CurrentCheckpointStorageUsageResponse,
    ExternalWeightsUrlsResponse,
    ParsedCheckpointTinkerPath,
    SessionSearchRequest,
    SessionSearchResponse,
)
from .rest_calls import RestCalls

AUDIT_EVENT_TYPES = ("all", "checkpoints", "projects", "teams", "organizations")


def _external_weights_path(tinker_path: str) -> ParsedCheckpointTinkerPath:
    parsed = ParsedCheckpointTinkerPath.from_tinker_path(tinker_path)
    if not parsed.checkpoint_id.startswith("external_weights/"):
        raise TinkexValidationError(
            f"expected a tinker://<run>/external_weights/<name> path, got {tinker_path!r}",
            field="tinker_path",
        )
    return parsed


def _audit_event_type(event_type: str) -> str:
    if event_type not in AUDIT_EVENT_TYPES:
        raise TinkexValidationError(
            f"event_type must be one of {', '.join(AUDIT_EVENT_TYPES)}, got {event_type!r}",
            field="event_type",
        )
    return event_type


def _rfc3339(value: _dt.datetime | str, field: str) -> _dt.datetime:
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return _dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise TinkexValidationError(f"{field} must be a datetime or an RFC 3339 string", field=field)


class RestAdmin:
    def __init__(self, calls: RestCalls) -> None:
        self._calls = calls

    async def get_external_weights_urls_async(self, tinker_path: str) -> ExternalWeightsUrlsResponse:
        parsed = _external_weights_path(tinker_path)
        urls: ExternalWeightsUrlsResponse = await self._calls.checkpoint_call(
            get_external_weights_urls, parsed.training_run_id, parsed.checkpoint_id
        )
        return urls

    def get_external_weights_urls(self, tinker_path: str) -> APIFuture[ExternalWeightsUrlsResponse]:
        _external_weights_path(tinker_path)
        return self._calls.future(
            self.get_external_weights_urls_async(tinker_path), "get_external_weights_urls"
        )

    async def search_sessions_async(self, request: SessionSearchRequest) -> SessionSearchResponse:
        if not isinstance(request, SessionSearchRequest):
            raise TinkexValidationError("request must be a SessionSearchRequest", field="request")
        found: SessionSearchResponse = await self._calls.call(search_sessions, body=request)
        return found

    def search_sessions(self, request: SessionSearchRequest) -> APIFuture[SessionSearchResponse]:
        if not isinstance(request, SessionSearchRequest):
            raise TinkexValidationError("request must be a SessionSearchRequest", field="request")
        return self._calls.future(self.search_sessions_async(request), "search_sessions")

    # ---- administration (plain GETs; the official SDK moved them to AdminClient) ----
    async def get_audit_log_async(self, event_type: str, day: _dt.date | None) -> AuditLogResponse:
        log: AuditLogResponse = await self._calls.call(
            get_audit_log, event_type=_audit_event_type(event_type), day=day
        )
        return log

    def get_audit_log(self, event_type: str, day: _dt.date | None) -> APIFuture[AuditLogResponse]:
        _audit_event_type(event_type)
        return self._calls.future(self.get_audit_log_async(event_type, day), "get_audit_log")

    async def get_billing_usage_async(
        self, starting_on: _dt.datetime | str, ending_before: _dt.datetime | str
    ) -> BillingUsageResponse:
        usage: BillingUsageResponse = await self._calls.call(
            get_billing_usage_events,
            starting_on=_rfc3339(starting_on, "starting_on"),
            ending_before=_rfc3339(ending_before, "ending_before"),
        )
        return usage

    def get_billing_usage(
        self, starting_on: _dt.datetime | str, ending_before: _dt.datetime | str
    ) -> APIFuture[BillingUsageResponse]:
        _rfc3339(starting_on, "starting_on")
        _rfc3339(ending_before, "ending_before")
        return self._calls.future(
            self.get_billing_usage_async(starting_on, ending_before), "get_billing_usage"
        )

    async def get_current_checkpoint_storage_usage_async(
        self, project_id: str | None
    ) -> CurrentCheckpointStorageUsageResponse:
        storage: CurrentCheckpointStorageUsageResponse = await self._calls.call(
            get_current_checkpoint_storage_usage, project_id=project_id
        )
        return storage

    def get_current_checkpoint_storage_usage(
        self, project_id: str | None
    ) -> APIFuture[CurrentCheckpointStorageUsageResponse]:
        coro = self.get_current_checkpoint_storage_usage_async(project_id)
        return self._calls.future(coro, "get_current_checkpoint_storage_usage")
