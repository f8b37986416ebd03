import datetime
from typing import Any, cast

import httpx
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour import wire as _wire

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.billing_usage_response import BillingUsageResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response

_MODELS = __name__.rsplit(".", 3)[0] + ".models"  # tinker_openapi.api.<tag>.<operation> -> tinker_openapi.models
_PARSE_1 = _f.model(_f.ModelRef(_MODELS, "billing_usage_response", "BillingUsageResponse"))
_PARSE_2 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_3 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_4 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))


def _get_kwargs(
    *,
    starting_on: datetime.datetime,
    ending_before: datetime.datetime,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_starting_on = starting_on.isoformat()
    params["starting_on"] = json_starting_on

    json_ending_before = ending_before.isoformat()
    params["ending_before"] = json_ending_before

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/billing/usage/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BillingUsageResponse | ErrorResponse | None:
    if response.status_code == 200:
        return cast(BillingUsageResponse | ErrorResponse, _wire.parse(response, _PARSE_1))
    if response.status_code == 400:
        return cast(BillingUsageResponse | ErrorResponse, _wire.parse(response, _PARSE_2))
    if response.status_code == 403:
        return cast(BillingUsageResponse | ErrorResponse, _wire.parse(response, _PARSE_3))
    if response.status_code == 422:
        return cast(BillingUsageResponse | ErrorResponse, _wire.parse(response, _PARSE_4))
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BillingUsageResponse | ErrorResponse]:
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
    starting_on: datetime.datetime,
    ending_before: datetime.datetime,
) -> Response[BillingUsageResponse | ErrorResponse]:
    """Hourly usage events in a window of at most 14 days (admin).

    Args:
        starting_on (datetime.datetime):
        ending_before (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BillingUsageResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        starting_on=starting_on,
        ending_before=ending_before,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    starting_on: datetime.datetime,
    ending_before: datetime.datetime,
) -> BillingUsageResponse | ErrorResponse | None:
    """Hourly usage events in a window of at most 14 days (admin).

    Args:
        starting_on (datetime.datetime):
        ending_before (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BillingUsageResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        starting_on=starting_on,
        ending_before=ending_before,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    starting_on: datetime.datetime,
    ending_before: datetime.datetime,
) -> Response[BillingUsageResponse | ErrorResponse]:
    """Hourly usage events in a window of at most 14 days (admin).

    Args:
        starting_on (datetime.datetime):
        ending_before (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BillingUsageResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        starting_on=starting_on,
        ending_before=ending_before,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    starting_on: datetime.datetime,
    ending_before: datetime.datetime,
) -> BillingUsageResponse | ErrorResponse | None:
    """Hourly usage events in a window of at most 14 days (admin).

    Args:
        starting_on (datetime.datetime):
        ending_before (datetime.datetime):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BillingUsageResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            starting_on=starting_on,
            ending_before=ending_before,
        )
    ).parsed
