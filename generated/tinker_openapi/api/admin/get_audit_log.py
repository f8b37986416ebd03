import datetime
from typing import Any, cast

import httpx
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour import wire as _wire

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_event_type_filter import AuditEventTypeFilter
from ...models.audit_log_response import AuditLogResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset

_MODELS = __name__.rsplit(".", 3)[0] + ".models"  # tinker_openapi.api.<tag>.<operation> -> tinker_openapi.models
_PARSE_1 = _f.model(_f.ModelRef(_MODELS, "audit_log_response", "AuditLogResponse"))
_PARSE_2 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_3 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_4 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))


def _get_kwargs(
    *,
    event_type: AuditEventTypeFilter | Unset = UNSET,
    day: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_event_type: str | Unset = UNSET
    if not isinstance(event_type, Unset):
        json_event_type = event_type

    params["event_type"] = json_event_type

    json_day: str | Unset = UNSET
    if not isinstance(day, Unset):
        json_day = day.isoformat()
    params["day"] = json_day

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/audit",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuditLogResponse | ErrorResponse | None:
    if response.status_code == 200:
        return cast(AuditLogResponse | ErrorResponse, _wire.parse(response, _PARSE_1))
    if response.status_code == 400:
        return cast(AuditLogResponse | ErrorResponse, _wire.parse(response, _PARSE_2))
    if response.status_code == 403:
        return cast(AuditLogResponse | ErrorResponse, _wire.parse(response, _PARSE_3))
    if response.status_code == 422:
        return cast(AuditLogResponse | ErrorResponse, _wire.parse(response, _PARSE_4))
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuditLogResponse | ErrorResponse]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parser=lambda: _parse_response(client=client, response=response),
        http_response=response,
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    event_type: AuditEventTypeFilter | Unset = UNSET,
    day: datetime.date | Unset = UNSET,
) -> Response[AuditLogResponse | ErrorResponse]:
    """Read the audit log (admin).

    Args:
        event_type (AuditEventTypeFilter | Unset):
        day (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditLogResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        event_type=event_type,
        day=day,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    event_type: AuditEventTypeFilter | Unset = UNSET,
    day: datetime.date | Unset = UNSET,
) -> AuditLogResponse | ErrorResponse | None:
    """Read the audit log (admin).

    Args:
        event_type (AuditEventTypeFilter | Unset):
        day (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditLogResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        event_type=event_type,
        day=day,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    event_type: AuditEventTypeFilter | Unset = UNSET,
    day: datetime.date | Unset = UNSET,
) -> Response[AuditLogResponse | ErrorResponse]:
    """Read the audit log (admin).

    Args:
        event_type (AuditEventTypeFilter | Unset):
        day (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditLogResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        event_type=event_type,
        day=day,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    event_type: AuditEventTypeFilter | Unset = UNSET,
    day: datetime.date | Unset = UNSET,
) -> AuditLogResponse | ErrorResponse | None:
    """Read the audit log (admin).

    Args:
        event_type (AuditEventTypeFilter | Unset):
        day (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditLogResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            event_type=event_type,
            day=day,
        )
    ).parsed
