from typing import Any, cast
from urllib.parse import quote

import httpx
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour import wire as _wire

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_scope import AccessScope
from ...models.error_response import ErrorResponse
from ...models.training_run import TrainingRun
from ...types import UNSET, Response, Unset

_MODELS = __name__.rsplit(".", 3)[0] + ".models"  # tinker_openapi.api.<tag>.<operation> -> tinker_openapi.models
_PARSE_1 = _f.model(_f.ModelRef(_MODELS, "training_run", "TrainingRun"))
_PARSE_2 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_3 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))


def _get_kwargs(
    training_run_id: str,
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
        "url": "/api/v1/training_runs/{training_run_id}".format(
            training_run_id=quote(str(training_run_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | TrainingRun | None:
    if response.status_code == 200:
        return cast(ErrorResponse | TrainingRun, _wire.parse(response, _PARSE_1))
    if response.status_code == 400:
        return cast(ErrorResponse | TrainingRun, _wire.parse(response, _PARSE_2))
    if response.status_code == 404:
        return cast(ErrorResponse | TrainingRun, _wire.parse(response, _PARSE_3))
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | TrainingRun]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parser=lambda: _parse_response(client=client, response=response),
        http_response=response,
    )


def sync_detailed(
    training_run_id: str,
    *,
    client: AuthenticatedClient | Client,
    access_scope: AccessScope | Unset = UNSET,
) -> Response[ErrorResponse | TrainingRun]:
    """Describe one training run (its id equals the model id).

    Args:
        training_run_id (str):
        access_scope (AccessScope | Unset): owned (default) or accessible

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TrainingRun]
    """

    kwargs = _get_kwargs(
        training_run_id=training_run_id,
        access_scope=access_scope,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    training_run_id: str,
    *,
    client: AuthenticatedClient | Client,
    access_scope: AccessScope | Unset = UNSET,
) -> ErrorResponse | TrainingRun | None:
    """Describe one training run (its id equals the model id).

    Args:
        training_run_id (str):
        access_scope (AccessScope | Unset): owned (default) or accessible

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TrainingRun
    """

    return sync_detailed(
        training_run_id=training_run_id,
        client=client,
        access_scope=access_scope,
    ).parsed


async def asyncio_detailed(
    training_run_id: str,
    *,
    client: AuthenticatedClient | Client,
    access_scope: AccessScope | Unset = UNSET,
) -> Response[ErrorResponse | TrainingRun]:
    """Describe one training run (its id equals the model id).

    Args:
        training_run_id (str):
        access_scope (AccessScope | Unset): owned (default) or accessible

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TrainingRun]
    """

    kwargs = _get_kwargs(
        training_run_id=training_run_id,
        access_scope=access_scope,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    training_run_id: str,
    *,
    client: AuthenticatedClient | Client,
    access_scope: AccessScope | Unset = UNSET,
) -> ErrorResponse | TrainingRun | None:
    """Describe one training run (its id equals the model id).

    Args:
        training_run_id (str):
        access_scope (AccessScope | Unset): owned (default) or accessible

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TrainingRun
    """

    return (
        await asyncio_detailed(
            training_run_id=training_run_id,
            client=client,
            access_scope=access_scope,
        )
    ).parsed
