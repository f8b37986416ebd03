from typing import Any, cast
from urllib.parse import quote

import httpx
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour import wire as _wire

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_scope import AccessScope
from ...models.error_response import ErrorResponse
from ...models.get_session_response import GetSessionResponse
from ...types import UNSET, Response, Unset

_MODELS = __name__.rsplit(".", 3)[0] + ".models"  # tinker_openapi.api.<tag>.<operation> -> tinker_openapi.models
_PARSE_1 = _f.model(_f.ModelRef(_MODELS, "get_session_response", "GetSessionResponse"))
_PARSE_2 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_3 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))


def _get_kwargs(
    session_id: str,
    *,
    access_scope: AccessScope | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_access_scope: str | Unset = UNSET
    if not isinstance(access_scope, Unset):
        json_access_scope = access_scope

    params["access_scope"] = json_access_scope

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/sessions/{session_id}".format(
            session_id=quote(str(session_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GetSessionResponse | None:
    if response.status_code == 200:
        return cast(ErrorResponse | GetSessionResponse, _wire.parse(response, _PARSE_1))
    if response.status_code == 400:
        return cast(ErrorResponse | GetSessionResponse, _wire.parse(response, _PARSE_2))
    if response.status_code == 404:
        return cast(ErrorResponse | GetSessionResponse, _wire.parse(response, _PARSE_3))
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | GetSessionResponse]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parser=lambda: _parse_response(client=client, response=response),
        http_response=response,
    )


def sync_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    access_scope: AccessScope | Unset = UNSET,
) -> Response[ErrorResponse | GetSessionResponse]:
    """Describe a session (its training runs and samplers).

    Args:
        session_id (str):
        access_scope (AccessScope | Unset): owned (default) or accessible

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GetSessionResponse]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        access_scope=access_scope,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    access_scope: AccessScope | Unset = UNSET,
) -> ErrorResponse | GetSessionResponse | None:
    """Describe a session (its training runs and samplers).

    Args:
        session_id (str):
        access_scope (AccessScope | Unset): owned (default) or accessible

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GetSessionResponse
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        access_scope=access_scope,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    access_scope: AccessScope | Unset = UNSET,
) -> Response[ErrorResponse | GetSessionResponse]:
    """Describe a session (its training runs and samplers).

    Args:
        session_id (str):
        access_scope (AccessScope | Unset): owned (default) or accessible

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GetSessionResponse]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        access_scope=access_scope,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    access_scope: AccessScope | Unset = UNSET,
) -> ErrorResponse | GetSessionResponse | None:
    """Describe a session (its training runs and samplers).

    Args:
        session_id (str):
        access_scope (AccessScope | Unset): owned (default) or accessible

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GetSessionResponse
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            access_scope=access_scope,
        )
    ).parsed
