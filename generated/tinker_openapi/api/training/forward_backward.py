from typing import Any, cast

import httpx
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour import wire as _wire

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.forward_backward_request import ForwardBackwardRequest
from ...models.untyped_api_future import UntypedAPIFuture
from ...types import UNSET, File, Response, Unset

_MODELS = __name__.rsplit(".", 3)[0] + ".models"  # tinker_openapi.api.<tag>.<operation> -> tinker_openapi.models
_PARSE_1 = _f.model(_f.ModelRef(_MODELS, "untyped_api_future", "UntypedAPIFuture"))
_PARSE_2 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_3 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_4 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_5 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))


def _get_kwargs(
    *,
    body: ForwardBackwardRequest | File | Unset = UNSET,
    content_encoding: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(content_encoding, Unset):
        headers["Content-Encoding"] = content_encoding

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/forward_backward",
    }

    if isinstance(body, ForwardBackwardRequest):
        _kwargs["content"] = _wire.encode_json(body.to_dict())
        headers["Content-Type"] = "application/json"

    if isinstance(body, File):
        _kwargs["content"] = body.payload.read() if hasattr(body.payload, "read") else body.payload
        headers["Content-Type"] = "application/x-protobuf"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | UntypedAPIFuture | None:
    if response.status_code == 200:
        return cast(ErrorResponse | UntypedAPIFuture, _wire.parse(response, _PARSE_1))
    if response.status_code == 400:
        return cast(ErrorResponse | UntypedAPIFuture, _wire.parse(response, _PARSE_2))
    if response.status_code == 404:
        return cast(ErrorResponse | UntypedAPIFuture, _wire.parse(response, _PARSE_3))
    if response.status_code == 415:
        return cast(ErrorResponse | UntypedAPIFuture, _wire.parse(response, _PARSE_4))
    if response.status_code == 422:
        return cast(ErrorResponse | UntypedAPIFuture, _wire.parse(response, _PARSE_5))
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | UntypedAPIFuture]:
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
    body: ForwardBackwardRequest | File | Unset = UNSET,
    content_encoding: str | Unset = UNSET,
) -> Response[ErrorResponse | UntypedAPIFuture]:
    """Run a forward and backward pass (or a forward-only pass) over a chunk of datums.

     The official SDK (0.25+) sends the protobuf `tinker_public.ForwardBackwardRequest`
    (`Content-Type: application/x-protobuf`, optionally `Content-Encoding: zstd`);
    forward-only passes set its `forward_only` field. Older clients (SDK 0.15, Tinkex) send
    the JSON form. The result (ForwardBackwardOutput) arrives through a future. Requests
    of one model are executed in `seq_id` order; a repeated `(model_id, seq_id)` is the
    same request.

    Args:
        content_encoding (str | Unset):
        body (ForwardBackwardRequest): JSON form of the forward_backward request (SDK 0.15,
            Tinkex); 0.25+ send the protobuf form.
        body (File): serialized tinker_public.ForwardBackwardRequest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UntypedAPIFuture]
    """

    kwargs = _get_kwargs(
        body=body,
        content_encoding=content_encoding,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ForwardBackwardRequest | File | Unset = UNSET,
    content_encoding: str | Unset = UNSET,
) -> ErrorResponse | UntypedAPIFuture | None:
    """Run a forward and backward pass (or a forward-only pass) over a chunk of datums.

     The official SDK (0.25+) sends the protobuf `tinker_public.ForwardBackwardRequest`
    (`Content-Type: application/x-protobuf`, optionally `Content-Encoding: zstd`);
    forward-only passes set its `forward_only` field. Older clients (SDK 0.15, Tinkex) send
    the JSON form. The result (ForwardBackwardOutput) arrives through a future. Requests
    of one model are executed in `seq_id` order; a repeated `(model_id, seq_id)` is the
    same request.

    Args:
        content_encoding (str | Unset):
        body (ForwardBackwardRequest): JSON form of the forward_backward request (SDK 0.15,
            Tinkex); 0.25+ send the protobuf form.
        body (File): serialized tinker_public.ForwardBackwardRequest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UntypedAPIFuture
    """

    return sync_detailed(
        client=client,
        body=body,
        content_encoding=content_encoding,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ForwardBackwardRequest | File | Unset = UNSET,
    content_encoding: str | Unset = UNSET,
) -> Response[ErrorResponse | UntypedAPIFuture]:
    """Run a forward and backward pass (or a forward-only pass) over a chunk of datums.

     The official SDK (0.25+) sends the protobuf `tinker_public.ForwardBackwardRequest`
    (`Content-Type: application/x-protobuf`, optionally `Content-Encoding: zstd`);
    forward-only passes set its `forward_only` field. Older clients (SDK 0.15, Tinkex) send
    the JSON form. The result (ForwardBackwardOutput) arrives through a future. Requests
    of one model are executed in `seq_id` order; a repeated `(model_id, seq_id)` is the
    same request.

    Args:
        content_encoding (str | Unset):
        body (ForwardBackwardRequest): JSON form of the forward_backward request (SDK 0.15,
            Tinkex); 0.25+ send the protobuf form.
        body (File): serialized tinker_public.ForwardBackwardRequest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UntypedAPIFuture]
    """

    kwargs = _get_kwargs(
        body=body,
        content_encoding=content_encoding,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ForwardBackwardRequest | File | Unset = UNSET,
    content_encoding: str | Unset = UNSET,
) -> ErrorResponse | UntypedAPIFuture | None:
    """Run a forward and backward pass (or a forward-only pass) over a chunk of datums.

     The official SDK (0.25+) sends the protobuf `tinker_public.ForwardBackwardRequest`
    (`Content-Type: application/x-protobuf`, optionally `Content-Encoding: zstd`);
    forward-only passes set its `forward_only` field. Older clients (SDK 0.15, Tinkex) send
    the JSON form. The result (ForwardBackwardOutput) arrives through a future. Requests
    of one model are executed in `seq_id` order; a repeated `(model_id, seq_id)` is the
    same request.

    Args:
        content_encoding (str | Unset):
        body (ForwardBackwardRequest): JSON form of the forward_backward request (SDK 0.15,
            Tinkex); 0.25+ send the protobuf form.
        body (File): serialized tinker_public.ForwardBackwardRequest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UntypedAPIFuture
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            content_encoding=content_encoding,
        )
    ).parsed
