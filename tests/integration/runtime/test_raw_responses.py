"""``with_raw_response`` / ``with_streaming_response`` on ServiceClient and RestClient
(features HTTP-25, HTTP-26, HTTP-28)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable

import pytest

import tinkex
from tinkex.server.faults import FaultInjector
from tinkex.types import GetServerCapabilitiesResponse, TrainingRunsResponse

from .conftest import CAPABILITIES_ROUTE, MODEL, requests_to, status_rule

ServiceFactory = Callable[..., tinkex.ServiceClient]


def test_raw_capabilities_expose_status_headers_timing_and_parse(
    make_client: ServiceFactory, faults: FaultInjector
) -> None:
    # covers HTTP-25, HTTP-26
    faults.add(status_rule(CAPABILITIES_ROUTE, 503, first_n=1, retry_after_ms="10"))
    raw = make_client().with_raw_response.get_server_capabilities()
    assert raw.status_code == 200
    assert raw.method == "GET" and raw.url.path == CAPABILITIES_ROUTE
    assert raw.headers["content-type"].startswith("application/json")
    assert raw.retries_taken == 1  # the 503 was retried by the normal HTTP layer
    assert requests_to(faults, CAPABILITIES_ROUTE) == 2
    assert raw.elapsed > dt.timedelta(0)
    parsed = raw.parse(GetServerCapabilitiesResponse)
    assert MODEL in [m.model_name for m in parsed.supported_models]
    assert raw.json()["supported_models"][0]["model_name"] == MODEL


def test_raw_health_check_and_async_twin_from_another_event_loop(make_client: ServiceFactory) -> None:
    # covers HTTP-26
    client = make_client()
    assert client.with_raw_response.health_check().json() == {"status": "ok"}

    async def from_user_loop() -> int:
        raw = await client.with_raw_response.health_check_async()
        return raw.status_code

    assert asyncio.run(from_user_loop()) == 200


def test_raw_errors_still_raise_the_official_exceptions(
    make_client: ServiceFactory, faults: FaultInjector
) -> None:
    # covers HTTP-21, HTTP-26
    faults.add(status_rule(CAPABILITIES_ROUTE, 404, first_n=1))
    with pytest.raises(tinkex.NotFoundError):
        make_client().with_raw_response.get_server_capabilities()


def test_raw_access_rejects_unknown_methods_and_bad_arguments(make_client: ServiceFactory) -> None:
    # covers HTTP-26
    client = make_client()
    with pytest.raises(AttributeError, match=r"no method 'sample'.*get_server_capabilities"):
        client.with_raw_response.sample  # noqa: B018
    rest = client.create_rest_client()
    with pytest.raises(TypeError, match="no_such_argument"):
        rest.with_raw_response.list_training_runs(no_such_argument=1)
    assert "list_training_runs_async" in dir(rest.with_raw_response)


def test_rest_raw_response_parses_into_the_typed_result(make_client: ServiceFactory) -> None:
    # covers HTTP-25, HTTP-26
    rest = make_client().create_rest_client()
    raw = rest.with_raw_response.list_training_runs(limit=3)
    assert raw.status_code == 200
    assert raw.url.params["limit"] == "3"
    page = raw.parse(TrainingRunsResponse)
    assert page.cursor.limit == 3


def test_streaming_response_is_read_incrementally_and_closed(make_client: ServiceFactory) -> None:
    # covers HTTP-26, HTTP-28
    client = make_client()
    with client.with_streaming_response.get_server_capabilities() as response:
        assert response.status_code == 200
        body = b"".join(response.iter_bytes())
    assert response.is_closed
    assert MODEL in [m["model_name"] for m in json.loads(body)["supported_models"]]


def test_streaming_error_reply_is_read_into_the_error_and_closed(
    make_client: ServiceFactory, faults: FaultInjector
) -> None:
    # covers HTTP-21, HTTP-28: as the official SDK, an error reply to a streamed call is read (so
    # the error carries the server's message) and closed (so the connection goes back to the pool)
    faults.add(status_rule(CAPABILITIES_ROUTE, 404, first_n=1))
    client = make_client()
    with (
        pytest.raises(tinkex.NotFoundError) as caught,
        client.with_streaming_response.get_server_capabilities(),
    ):
        pass
    assert "injected fault" in str(caught.value.body)
    assert caught.value.response.is_closed


def test_async_streaming_response_from_another_event_loop(make_client: ServiceFactory) -> None:
    # covers HTTP-26, HTTP-28
    rest = make_client().create_rest_client()

    async def read_lines() -> list[str]:
        async with rest.with_streaming_response.list_training_runs_async(limit=2) as response:
            assert response.status_code == 200
            lines = [line async for line in response.aiter_lines()]
        assert response.is_closed
        return lines

    lines = asyncio.run(read_lines())
    assert json.loads("".join(lines))["cursor"]["limit"] == 2
