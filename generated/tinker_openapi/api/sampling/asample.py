from typing import Any, cast

import httpx
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour import wire as _wire

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.sample_api_future import SampleAPIFuture
from ...models.sample_request import SampleRequest
from ...types import UNSET, Response, Unset

_MODELS = __name__.rsplit(".", 3)[0] + ".models"  # tinker_openapi.api.<tag>.<operation> -> tinker_openapi.models
_PARSE_1 = _f.model(_f.ModelRef(_MODELS, "sample_api_future", "SampleAPIFuture"))
_PARSE_2 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_3 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_4 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))


def _get_kwargs(
    *,
    body: SampleRequest,
    x_tinker_sampling_backpressure: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_tinker_sampling_backpressure, Unset):
        headers["X-Tinker-Sampling-Backpressure"] = x_tinker_sampling_backpressure

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/asample",
    }

    _kwargs["content"] = _wire.encode_json(body.to_dict())
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | SampleAPIFuture | None:
    if response.status_code == 200:
        return cast(Any | ErrorResponse | SampleAPIFuture, _wire.parse(response, _PARSE_1))
    if response.status_code == 400:
        return cast(Any | ErrorResponse | SampleAPIFuture, _wire.parse(response, _PARSE_2))
    if response.status_code == 404:
        return cast(Any | ErrorResponse | SampleAPIFuture, _wire.parse(response, _PARSE_3))
    if response.status_code == 422:
        return cast(Any | ErrorResponse | SampleAPIFuture, _wire.parse(response, _PARSE_4))
    if response.status_code == 429:
        return None
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorResponse | SampleAPIFuture]:
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
    body: SampleRequest,
    x_tinker_sampling_backpressure: str | Unset = UNSET,
) -> Response[Any | ErrorResponse | SampleAPIFuture]:
    """Submit a sampling request; the result (SampleResponse, protobuf for 0.25+ clients) arrives through a
    future.

    Args:
        x_tinker_sampling_backpressure (str | Unset):
        body (SampleRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | SampleAPIFuture]
    """

    kwargs = _get_kwargs(
        body=body,
        x_tinker_sampling_backpressure=x_tinker_sampling_backpressure,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: SampleRequest,
    x_tinker_sampling_backpressure: str | Unset = UNSET,
) -> Any | ErrorResponse | SampleAPIFuture | None:
    """Submit a sampling request; the result (SampleResponse, protobuf for 0.25+ clients) arrives through a
    future.

    Args:
        x_tinker_sampling_backpressure (str | Unset):
        body (SampleRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | SampleAPIFuture
    """

    return sync_detailed(
        client=client,
        body=body,
        x_tinker_sampling_backpressure=x_tinker_sampling_backpressure,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SampleRequest,
    x_tinker_sampling_backpressure: str | Unset = UNSET,
) -> Response[Any | ErrorResponse | SampleAPIFuture]:
    """Submit a sampling request; the result (SampleResponse, protobuf for 0.25+ clients) arrives through a
    future.

    Args:
        x_tinker_sampling_backpressure (str | Unset):
        body (SampleRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | SampleAPIFuture]
    """

    kwargs = _get_kwargs(
        body=body,
        x_tinker_sampling_backpressure=x_tinker_sampling_backpressure,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SampleRequest,
    x_tinker_sampling_backpressure: str | Unset = UNSET,
) -> Any | ErrorResponse | SampleAPIFuture | None:
    """Submit a sampling request; the result (SampleResponse, protobuf for 0.25+ clients) arrives through a
    future.

    Args:
        x_tinker_sampling_backpressure (str | Unset):
        body (SampleRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | SampleAPIFuture
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_tinker_sampling_backpressure=x_tinker_sampling_backpressure,
        )
    ).parsed
