from typing import Any, cast

import httpx
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour import wire as _wire

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_custom_loss_response import CreateCustomLossResponse
from ...models.create_model_response import CreateModelResponse
from ...models.error_response import ErrorResponse
from ...models.forward_backward_output import ForwardBackwardOutput
from ...models.future_complete_metadata import FutureCompleteMetadata
from ...models.future_retrieve_request import FutureRetrieveRequest
from ...models.future_timeout_response import FutureTimeoutResponse
from ...models.load_weights_response import LoadWeightsResponse
from ...models.optim_step_response import OptimStepResponse
from ...models.request_failed_response import RequestFailedResponse
from ...models.sample_response import SampleResponse
from ...models.save_weights_external_response import SaveWeightsExternalResponse
from ...models.save_weights_for_sampler_response import SaveWeightsForSamplerResponse
from ...models.save_weights_for_sampler_session_response import SaveWeightsForSamplerSessionResponse
from ...models.save_weights_response import SaveWeightsResponse
from ...models.try_again_response import TryAgainResponse
from ...models.unload_model_response import UnloadModelResponse
from ...types import UNSET, Response, Unset

_MODELS = __name__.rsplit(".", 3)[0] + ".models"  # tinker_openapi.api.<tag>.<operation> -> tinker_openapi.models
_PARSE_1 = _f.untagged(
    _f.ModelRef(_MODELS, "try_again_response", "TryAgainResponse"),
    _f.ModelRef(_MODELS, "future_complete_metadata", "FutureCompleteMetadata"),
    _f.ModelRef(_MODELS, "request_failed_response", "RequestFailedResponse"),
    _f.ModelRef(_MODELS, "forward_backward_output", "ForwardBackwardOutput"),
    _f.ModelRef(_MODELS, "sample_response", "SampleResponse"),
    _f.ModelRef(_MODELS, "create_model_response", "CreateModelResponse"),
    _f.ModelRef(_MODELS, "unload_model_response", "UnloadModelResponse"),
    _f.ModelRef(_MODELS, "create_custom_loss_response", "CreateCustomLossResponse"),
    _f.ModelRef(_MODELS, "optim_step_response", "OptimStepResponse"),
    _f.ModelRef(_MODELS, "save_weights_response", "SaveWeightsResponse"),
    _f.ModelRef(_MODELS, "save_weights_for_sampler_response", "SaveWeightsForSamplerResponse"),
    _f.ModelRef(_MODELS, "save_weights_for_sampler_session_response", "SaveWeightsForSamplerSessionResponse"),
    _f.ModelRef(_MODELS, "save_weights_external_response", "SaveWeightsExternalResponse"),
    _f.ModelRef(_MODELS, "load_weights_response", "LoadWeightsResponse"),
)
_PARSE_2 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_3 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))
_PARSE_4 = _f.model(_f.ModelRef(_MODELS, "future_timeout_response", "FutureTimeoutResponse"))
_PARSE_5 = _f.model(_f.ModelRef(_MODELS, "error_response", "ErrorResponse"))


def _get_kwargs(
    *,
    body: FutureRetrieveRequest,
    x_tinker_request_iteration: int | Unset = UNSET,
    x_tinker_request_type: str | Unset = UNSET,
    x_tinker_create_promise_roundtrip_time: float | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_tinker_request_iteration, Unset):
        headers["X-Tinker-Request-Iteration"] = str(x_tinker_request_iteration)

    if not isinstance(x_tinker_request_type, Unset):
        headers["X-Tinker-Request-Type"] = x_tinker_request_type

    if not isinstance(x_tinker_create_promise_roundtrip_time, Unset):
        headers["X-Tinker-Create-Promise-Roundtrip-Time"] = str(x_tinker_create_promise_roundtrip_time)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/retrieve_future",
    }

    _kwargs["content"] = _wire.encode_json(body.to_dict())
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    CreateCustomLossResponse
    | CreateModelResponse
    | ForwardBackwardOutput
    | FutureCompleteMetadata
    | LoadWeightsResponse
    | OptimStepResponse
    | RequestFailedResponse
    | SampleResponse
    | SaveWeightsExternalResponse
    | SaveWeightsForSamplerResponse
    | SaveWeightsForSamplerSessionResponse
    | SaveWeightsResponse
    | TryAgainResponse
    | UnloadModelResponse
    | ErrorResponse
    | FutureTimeoutResponse
    | None
):
    if response.status_code == 200:
        return cast(
            CreateCustomLossResponse
            | CreateModelResponse
            | ForwardBackwardOutput
            | FutureCompleteMetadata
            | LoadWeightsResponse
            | OptimStepResponse
            | RequestFailedResponse
            | SampleResponse
            | SaveWeightsExternalResponse
            | SaveWeightsForSamplerResponse
            | SaveWeightsForSamplerSessionResponse
            | SaveWeightsResponse
            | TryAgainResponse
            | UnloadModelResponse
            | ErrorResponse
            | FutureTimeoutResponse,
            _wire.parse(response, _PARSE_1),
        )
    if response.status_code == 400:
        return cast(
            CreateCustomLossResponse
            | CreateModelResponse
            | ForwardBackwardOutput
            | FutureCompleteMetadata
            | LoadWeightsResponse
            | OptimStepResponse
            | RequestFailedResponse
            | SampleResponse
            | SaveWeightsExternalResponse
            | SaveWeightsForSamplerResponse
            | SaveWeightsForSamplerSessionResponse
            | SaveWeightsResponse
            | TryAgainResponse
            | UnloadModelResponse
            | ErrorResponse
            | FutureTimeoutResponse,
            _wire.parse(response, _PARSE_2),
        )
    if response.status_code == 404:
        return cast(
            CreateCustomLossResponse
            | CreateModelResponse
            | ForwardBackwardOutput
            | FutureCompleteMetadata
            | LoadWeightsResponse
            | OptimStepResponse
            | RequestFailedResponse
            | SampleResponse
            | SaveWeightsExternalResponse
            | SaveWeightsForSamplerResponse
            | SaveWeightsForSamplerSessionResponse
            | SaveWeightsResponse
            | TryAgainResponse
            | UnloadModelResponse
            | ErrorResponse
            | FutureTimeoutResponse,
            _wire.parse(response, _PARSE_3),
        )
    if response.status_code == 408:
        return cast(
            CreateCustomLossResponse
            | CreateModelResponse
            | ForwardBackwardOutput
            | FutureCompleteMetadata
            | LoadWeightsResponse
            | OptimStepResponse
            | RequestFailedResponse
            | SampleResponse
            | SaveWeightsExternalResponse
            | SaveWeightsForSamplerResponse
            | SaveWeightsForSamplerSessionResponse
            | SaveWeightsResponse
            | TryAgainResponse
            | UnloadModelResponse
            | ErrorResponse
            | FutureTimeoutResponse,
            _wire.parse(response, _PARSE_4),
        )
    if response.status_code == 410:
        return cast(
            CreateCustomLossResponse
            | CreateModelResponse
            | ForwardBackwardOutput
            | FutureCompleteMetadata
            | LoadWeightsResponse
            | OptimStepResponse
            | RequestFailedResponse
            | SampleResponse
            | SaveWeightsExternalResponse
            | SaveWeightsForSamplerResponse
            | SaveWeightsForSamplerSessionResponse
            | SaveWeightsResponse
            | TryAgainResponse
            | UnloadModelResponse
            | ErrorResponse
            | FutureTimeoutResponse,
            _wire.parse(response, _PARSE_5),
        )
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    CreateCustomLossResponse
    | CreateModelResponse
    | ForwardBackwardOutput
    | FutureCompleteMetadata
    | LoadWeightsResponse
    | OptimStepResponse
    | RequestFailedResponse
    | SampleResponse
    | SaveWeightsExternalResponse
    | SaveWeightsForSamplerResponse
    | SaveWeightsForSamplerSessionResponse
    | SaveWeightsResponse
    | TryAgainResponse
    | UnloadModelResponse
    | ErrorResponse
    | FutureTimeoutResponse
]:
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
    body: FutureRetrieveRequest,
    x_tinker_request_iteration: int | Unset = UNSET,
    x_tinker_request_type: str | Unset = UNSET,
    x_tinker_create_promise_roundtrip_time: float | Unset = UNSET,
) -> Response[
    CreateCustomLossResponse
    | CreateModelResponse
    | ForwardBackwardOutput
    | FutureCompleteMetadata
    | LoadWeightsResponse
    | OptimStepResponse
    | RequestFailedResponse
    | SampleResponse
    | SaveWeightsExternalResponse
    | SaveWeightsForSamplerResponse
    | SaveWeightsForSamplerSessionResponse
    | SaveWeightsResponse
    | TryAgainResponse
    | UnloadModelResponse
    | ErrorResponse
    | FutureTimeoutResponse
]:
    """Poll a future; the server long-polls (well under 45 s) before answering try_again.

     A 200 reply is, in this order of precedence (clients dispatch on it themselves):
    a protobuf body (`Content-Type: application/x-protobuf`, only for ForwardBackwardOutput
    and SampleResponse results when the poll accepts it), `TryAgainResponse` (`type: try_again`),
    `FutureCompleteMetadata` (`status: complete_metadata`, only when `allow_metadata_only`),
    `RequestFailedResponse` (has `error`), otherwise the success payload of the originating
    request. A success payload never has a top-level `error` key. Which success model
    applies is known from the request type, not from the payload.

    Args:
        x_tinker_request_iteration (int | Unset):
        x_tinker_request_type (str | Unset):
        x_tinker_create_promise_roundtrip_time (float | Unset):
        body (FutureRetrieveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateCustomLossResponse | CreateModelResponse | ForwardBackwardOutput | FutureCompleteMetadata | LoadWeightsResponse | OptimStepResponse | RequestFailedResponse | SampleResponse | SaveWeightsExternalResponse | SaveWeightsForSamplerResponse | SaveWeightsForSamplerSessionResponse | SaveWeightsResponse | TryAgainResponse | UnloadModelResponse | ErrorResponse | FutureTimeoutResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_tinker_request_iteration=x_tinker_request_iteration,
        x_tinker_request_type=x_tinker_request_type,
        x_tinker_create_promise_roundtrip_time=x_tinker_create_promise_roundtrip_time,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: FutureRetrieveRequest,
    x_tinker_request_iteration: int | Unset = UNSET,
    x_tinker_request_type: str | Unset = UNSET,
    x_tinker_create_promise_roundtrip_time: float | Unset = UNSET,
) -> (
    CreateCustomLossResponse
    | CreateModelResponse
    | ForwardBackwardOutput
    | FutureCompleteMetadata
    | LoadWeightsResponse
    | OptimStepResponse
    | RequestFailedResponse
    | SampleResponse
    | SaveWeightsExternalResponse
    | SaveWeightsForSamplerResponse
    | SaveWeightsForSamplerSessionResponse
    | SaveWeightsResponse
    | TryAgainResponse
    | UnloadModelResponse
    | ErrorResponse
    | FutureTimeoutResponse
    | None
):
    """Poll a future; the server long-polls (well under 45 s) before answering try_again.

     A 200 reply is, in this order of precedence (clients dispatch on it themselves):
    a protobuf body (`Content-Type: application/x-protobuf`, only for ForwardBackwardOutput
    and SampleResponse results when the poll accepts it), `TryAgainResponse` (`type: try_again`),
    `FutureCompleteMetadata` (`status: complete_metadata`, only when `allow_metadata_only`),
    `RequestFailedResponse` (has `error`), otherwise the success payload of the originating
    request. A success payload never has a top-level `error` key. Which success model
    applies is known from the request type, not from the payload.

    Args:
        x_tinker_request_iteration (int | Unset):
        x_tinker_request_type (str | Unset):
        x_tinker_create_promise_roundtrip_time (float | Unset):
        body (FutureRetrieveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateCustomLossResponse | CreateModelResponse | ForwardBackwardOutput | FutureCompleteMetadata | LoadWeightsResponse | OptimStepResponse | RequestFailedResponse | SampleResponse | SaveWeightsExternalResponse | SaveWeightsForSamplerResponse | SaveWeightsForSamplerSessionResponse | SaveWeightsResponse | TryAgainResponse | UnloadModelResponse | ErrorResponse | FutureTimeoutResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        x_tinker_request_iteration=x_tinker_request_iteration,
        x_tinker_request_type=x_tinker_request_type,
        x_tinker_create_promise_roundtrip_time=x_tinker_create_promise_roundtrip_time,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FutureRetrieveRequest,
    x_tinker_request_iteration: int | Unset = UNSET,
    x_tinker_request_type: str | Unset = UNSET,
    x_tinker_create_promise_roundtrip_time: float | Unset = UNSET,
) -> Response[
    CreateCustomLossResponse
    | CreateModelResponse
    | ForwardBackwardOutput
    | FutureCompleteMetadata
    | LoadWeightsResponse
    | OptimStepResponse
    | RequestFailedResponse
    | SampleResponse
    | SaveWeightsExternalResponse
    | SaveWeightsForSamplerResponse
    | SaveWeightsForSamplerSessionResponse
    | SaveWeightsResponse
    | TryAgainResponse
    | UnloadModelResponse
    | ErrorResponse
    | FutureTimeoutResponse
]:
    """Poll a future; the server long-polls (well under 45 s) before answering try_again.

     A 200 reply is, in this order of precedence (clients dispatch on it themselves):
    a protobuf body (`Content-Type: application/x-protobuf`, only for ForwardBackwardOutput
    and SampleResponse results when the poll accepts it), `TryAgainResponse` (`type: try_again`),
    `FutureCompleteMetadata` (`status: complete_metadata`, only when `allow_metadata_only`),
    `RequestFailedResponse` (has `error`), otherwise the success payload of the originating
    request. A success payload never has a top-level `error` key. Which success model
    applies is known from the request type, not from the payload.

    Args:
        x_tinker_request_iteration (int | Unset):
        x_tinker_request_type (str | Unset):
        x_tinker_create_promise_roundtrip_time (float | Unset):
        body (FutureRetrieveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateCustomLossResponse | CreateModelResponse | ForwardBackwardOutput | FutureCompleteMetadata | LoadWeightsResponse | OptimStepResponse | RequestFailedResponse | SampleResponse | SaveWeightsExternalResponse | SaveWeightsForSamplerResponse | SaveWeightsForSamplerSessionResponse | SaveWeightsResponse | TryAgainResponse | UnloadModelResponse | ErrorResponse | FutureTimeoutResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_tinker_request_iteration=x_tinker_request_iteration,
        x_tinker_request_type=x_tinker_request_type,
        x_tinker_create_promise_roundtrip_time=x_tinker_create_promise_roundtrip_time,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FutureRetrieveRequest,
    x_tinker_request_iteration: int | Unset = UNSET,
    x_tinker_request_type: str | Unset = UNSET,
    x_tinker_create_promise_roundtrip_time: float | Unset = UNSET,
) -> (
    CreateCustomLossResponse
    | CreateModelResponse
    | ForwardBackwardOutput
    | FutureCompleteMetadata
    | LoadWeightsResponse
    | OptimStepResponse
    | RequestFailedResponse
    | SampleResponse
    | SaveWeightsExternalResponse
    | SaveWeightsForSamplerResponse
    | SaveWeightsForSamplerSessionResponse
    | SaveWeightsResponse
    | TryAgainResponse
    | UnloadModelResponse
    | ErrorResponse
    | FutureTimeoutResponse
    | None
):
    """Poll a future; the server long-polls (well under 45 s) before answering try_again.

     A 200 reply is, in this order of precedence (clients dispatch on it themselves):
    a protobuf body (`Content-Type: application/x-protobuf`, only for ForwardBackwardOutput
    and SampleResponse results when the poll accepts it), `TryAgainResponse` (`type: try_again`),
    `FutureCompleteMetadata` (`status: complete_metadata`, only when `allow_metadata_only`),
    `RequestFailedResponse` (has `error`), otherwise the success payload of the originating
    request. A success payload never has a top-level `error` key. Which success model
    applies is known from the request type, not from the payload.

    Args:
        x_tinker_request_iteration (int | Unset):
        x_tinker_request_type (str | Unset):
        x_tinker_create_promise_roundtrip_time (float | Unset):
        body (FutureRetrieveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateCustomLossResponse | CreateModelResponse | ForwardBackwardOutput | FutureCompleteMetadata | LoadWeightsResponse | OptimStepResponse | RequestFailedResponse | SampleResponse | SaveWeightsExternalResponse | SaveWeightsForSamplerResponse | SaveWeightsForSamplerSessionResponse | SaveWeightsResponse | TryAgainResponse | UnloadModelResponse | ErrorResponse | FutureTimeoutResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_tinker_request_iteration=x_tinker_request_iteration,
            x_tinker_request_type=x_tinker_request_type,
            x_tinker_create_promise_roundtrip_time=x_tinker_create_promise_roundtrip_time,
        )
    ).parsed
