from typing import Any, cast
from urllib.parse import quote

import httpx
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour import wire as _wire

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.checkpoint_archive_url_response import CheckpointArchiveUrlResponse
from ...models.checkpoint_kind import CheckpointKind
from ...models.error_response import ErrorResponse
from ...types import Response

_MODELS = __name__.rsplit(".", 3)[0] + ".models"  # tinker_openapi.api.<tag>.<operation> -> tinker_openapi.models
_PARSE_1 = _f.model(_f.ModelRef(_MODELS, "checkpoint_archive_url_response", "CheckpointArchiveUrlResponse"))
_PARSE_3 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_4 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))


def _get_kwargs(
    training_run_id: str,
    checkpoint_kind: CheckpointKind,
    checkpoint_name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/training_runs/{training_run_id}/checkpoints/{checkpoint_kind}/{checkpoint_name}/archive".format(
            training_run_id=quote(str(training_run_id), safe=""),
            checkpoint_kind=quote(str(checkpoint_kind), safe=""),
            checkpoint_name=quote(str(checkpoint_name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | CheckpointArchiveUrlResponse | ErrorResponse | None:
    if response.status_code == 200:
        return cast(Any | CheckpointArchiveUrlResponse | ErrorResponse, _wire.parse(response, _PARSE_1))
    if response.status_code == 302:
        return None
    if response.status_code == 400:
        return cast(Any | CheckpointArchiveUrlResponse | ErrorResponse, _wire.parse(response, _PARSE_3))
    if response.status_code == 404:
        return cast(Any | CheckpointArchiveUrlResponse | ErrorResponse, _wire.parse(response, _PARSE_4))
    if response.status_code == 503:
        return None
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | CheckpointArchiveUrlResponse | ErrorResponse]:
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parser=lambda: _parse_response(client=client, response=response),
        http_response=response,
    )


def sync_detailed(
    training_run_id: str,
    checkpoint_kind: CheckpointKind,
    checkpoint_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | CheckpointArchiveUrlResponse | ErrorResponse]:
    """Get a signed download URL of a checkpoint archive (0.25; clients do not follow the redirect).

    Args:
        training_run_id (str):
        checkpoint_kind (CheckpointKind): first segment of a checkpoint id; weights = training,
            sampler_weights = sampler, external_weights = external (0.38)
        checkpoint_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CheckpointArchiveUrlResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        training_run_id=training_run_id,
        checkpoint_kind=checkpoint_kind,
        checkpoint_name=checkpoint_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    training_run_id: str,
    checkpoint_kind: CheckpointKind,
    checkpoint_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | CheckpointArchiveUrlResponse | ErrorResponse | None:
    """Get a signed download URL of a checkpoint archive (0.25; clients do not follow the redirect).

    Args:
        training_run_id (str):
        checkpoint_kind (CheckpointKind): first segment of a checkpoint id; weights = training,
            sampler_weights = sampler, external_weights = external (0.38)
        checkpoint_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CheckpointArchiveUrlResponse | ErrorResponse
    """

    return sync_detailed(
        training_run_id=training_run_id,
        checkpoint_kind=checkpoint_kind,
        checkpoint_name=checkpoint_name,
        client=client,
    ).parsed


async def asyncio_detailed(
    training_run_id: str,
    checkpoint_kind: CheckpointKind,
    checkpoint_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | CheckpointArchiveUrlResponse | ErrorResponse]:
    """Get a signed download URL of a checkpoint archive (0.25; clients do not follow the redirect).

    Args:
        training_run_id (str):
        checkpoint_kind (CheckpointKind): first segment of a checkpoint id; weights = training,
            sampler_weights = sampler, external_weights = external (0.38)
        checkpoint_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CheckpointArchiveUrlResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        training_run_id=training_run_id,
        checkpoint_kind=checkpoint_kind,
        checkpoint_name=checkpoint_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    training_run_id: str,
    checkpoint_kind: CheckpointKind,
    checkpoint_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | CheckpointArchiveUrlResponse | ErrorResponse | None:
    """Get a signed download URL of a checkpoint archive (0.25; clients do not follow the redirect).

    Args:
        training_run_id (str):
        checkpoint_kind (CheckpointKind): first segment of a checkpoint id; weights = training,
            sampler_weights = sampler, external_weights = external (0.38)
        checkpoint_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CheckpointArchiveUrlResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            training_run_id=training_run_id,
            checkpoint_kind=checkpoint_kind,
            checkpoint_name=checkpoint_name,
            client=client,
        )
    ).parsed
