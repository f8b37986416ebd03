from typing import Any, cast
from urllib.parse import quote

import httpx
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour import wire as _wire

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.get_sampler_response import GetSamplerResponse
from ...types import Response

_MODELS = __name__.rsplit(".", 3)[0] + ".models"  # tinker_openapi.api.<tag>.<operation> -> tinker_openapi.models
_PARSE_1 = _f.model(_f.ModelRef(_MODELS, "get_sampler_response", "GetSamplerResponse"))
_PARSE_2 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_3 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))


def _get_kwargs(
    sampler_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/samplers/{sampler_id}".format(
            sampler_id=quote(str(sampler_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GetSamplerResponse | None:
    if response.status_code == 200:
        return cast(ErrorResponse | GetSamplerResponse, _wire.parse(response, _PARSE_1))
    if response.status_code == 400:
        return cast(ErrorResponse | GetSamplerResponse, _wire.parse(response, _PARSE_2))
    if response.status_code == 404:
        return cast(ErrorResponse | GetSamplerResponse, _wire.parse(response, _PARSE_3))
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | GetSamplerResponse]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parser=lambda: _parse_response(client=client, response=response),
        http_response=response,
    )


def sync_detailed(
    sampler_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | GetSamplerResponse]:
    """Describe a sampler (sampling session).

    Args:
        sampler_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GetSamplerResponse]
    """

    kwargs = _get_kwargs(
        sampler_id=sampler_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sampler_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | GetSamplerResponse | None:
    """Describe a sampler (sampling session).

    Args:
        sampler_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GetSamplerResponse
    """

    return sync_detailed(
        sampler_id=sampler_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    sampler_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | GetSamplerResponse]:
    """Describe a sampler (sampling session).

    Args:
        sampler_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GetSamplerResponse]
    """

    kwargs = _get_kwargs(
        sampler_id=sampler_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sampler_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | GetSamplerResponse | None:
    """Describe a sampler (sampling session).

    Args:
        sampler_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GetSamplerResponse
    """

    return (
        await asyncio_detailed(
            sampler_id=sampler_id,
            client=client,
        )
    ).parsed
