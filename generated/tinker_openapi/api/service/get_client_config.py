from typing import Any, cast

import httpx
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour import wire as _wire

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_config_request import ClientConfigRequest
from ...models.client_config_response import ClientConfigResponse
from ...models.error_response import ErrorResponse
from ...types import Response

_MODELS = __name__.rsplit(".", 3)[0] + ".models"  # tinker_openapi.api.<tag>.<operation> -> tinker_openapi.models
_PARSE_1 = _f.model(_f.ModelRef(_MODELS, "client_config_response", "ClientConfigResponse"))
_PARSE_2 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_3 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))


def _get_kwargs(
    *,
    body: ClientConfigRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/client/config",
    }

    _kwargs["content"] = _wire.encode_json(body.to_dict())
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClientConfigResponse | ErrorResponse | None:
    if response.status_code == 200:
        return cast(ClientConfigResponse | ErrorResponse, _wire.parse(response, _PARSE_1))
    if response.status_code == 400:
        return cast(ClientConfigResponse | ErrorResponse, _wire.parse(response, _PARSE_2))
    if response.status_code == 422:
        return cast(ClientConfigResponse | ErrorResponse, _wire.parse(response, _PARSE_3))
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ClientConfigResponse | ErrorResponse]:
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
    body: ClientConfigRequest,
) -> Response[ClientConfigResponse | ErrorResponse]:
    """Fetch the server's client feature flags (the only mandatory bootstrap call).

     A 404 here aborts client construction in the official SDK; `{}` is a valid reply.

    Args:
        body (ClientConfigRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientConfigResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ClientConfigRequest,
) -> ClientConfigResponse | ErrorResponse | None:
    """Fetch the server's client feature flags (the only mandatory bootstrap call).

     A 404 here aborts client construction in the official SDK; `{}` is a valid reply.

    Args:
        body (ClientConfigRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientConfigResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ClientConfigRequest,
) -> Response[ClientConfigResponse | ErrorResponse]:
    """Fetch the server's client feature flags (the only mandatory bootstrap call).

     A 404 here aborts client construction in the official SDK; `{}` is a valid reply.

    Args:
        body (ClientConfigRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientConfigResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ClientConfigRequest,
) -> ClientConfigResponse | ErrorResponse | None:
    """Fetch the server's client feature flags (the only mandatory bootstrap call).

     A 404 here aborts client construction in the official SDK; `{}` is a valid reply.

    Args:
        body (ClientConfigRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientConfigResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
