from http import HTTPStatus
from typing import Any

import httpx

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

    _kwargs["json"] = body.to_dict()

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

        def _parse_response_200(
            data: object,
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
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_0 = TryAgainResponse.from_dict(data)

                return componentsschemas_future_retrieve_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_1 = FutureCompleteMetadata.from_dict(data)

                return componentsschemas_future_retrieve_response_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_2 = RequestFailedResponse.from_dict(data)

                return componentsschemas_future_retrieve_response_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_3 = ForwardBackwardOutput.from_dict(data)

                return componentsschemas_future_retrieve_response_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_4 = SampleResponse.from_dict(data)

                return componentsschemas_future_retrieve_response_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_5 = CreateModelResponse.from_dict(data)

                return componentsschemas_future_retrieve_response_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_6 = UnloadModelResponse.from_dict(data)

                return componentsschemas_future_retrieve_response_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_7 = CreateCustomLossResponse.from_dict(data)

                return componentsschemas_future_retrieve_response_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_8 = OptimStepResponse.from_dict(data)

                return componentsschemas_future_retrieve_response_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_9 = SaveWeightsResponse.from_dict(data)

                return componentsschemas_future_retrieve_response_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_10 = SaveWeightsForSamplerResponse.from_dict(data)

                return componentsschemas_future_retrieve_response_type_10
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_11 = SaveWeightsForSamplerSessionResponse.from_dict(
                    data
                )

                return componentsschemas_future_retrieve_response_type_11
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_future_retrieve_response_type_12 = SaveWeightsExternalResponse.from_dict(data)

                return componentsschemas_future_retrieve_response_type_12
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_future_retrieve_response_type_13 = LoadWeightsResponse.from_dict(data)

            return componentsschemas_future_retrieve_response_type_13

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = FutureTimeoutResponse.from_dict(response.json())

        return response_408

    if response.status_code == 410:
        response_410 = ErrorResponse.from_dict(response.json())

        return response_410

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
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
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
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
