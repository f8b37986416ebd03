"""What the future poll loop sends and how it reads each reply (features FUT-02, FUT-04,
HTTP-13, HTTP-16, TYP-39), against a respx-mocked ``retrieve_future``."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
import pytest
import respx

from tinkex._config.env import EnvSnapshot
from tinkex._core.requests import FutureOutcome, PollOptions, poll_future
from tinkex._http.calls import ApiClient
from tinkex.config import resolve_config
from tinkex.errors import RequestFailedError

BASE = "http://poll.test"
RETRIEVE = f"{BASE}/api/v1/retrieve_future"
TRY_AGAIN = {"type": "try_again", "request_id": "req-1", "queue_state": "active"}
FORWARD_OUTPUT = {
    "loss_fn_output_type": "cross_entropy",
    "loss_fn_outputs": [{"logprobs": {"data": [-0.5], "dtype": "float32", "shape": [1]}}],
    "metrics": {"loss:sum": 0.5},
}


async def _no_sleep(_: float) -> None:
    return None


def _client() -> ApiClient:
    config = resolve_config(
        env=EnvSnapshot.read({}),
        api_key="tml-poll-test",
        base_url=BASE,
        transport="httpx",  # respx intercepts httpx's own pool
    )
    return ApiClient(config)


def _poll(replies: list[dict[str, Any]], **options: Any) -> tuple[Any, list[httpx.Request]]:
    """Poll ``req-1`` through the replies; the result (the payload) and the requests sent."""
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(RETRIEVE).mock(side_effect=[httpx.Response(200, json=r) for r in replies])

        async def run() -> Any:
            api = _client()
            try:
                poll = PollOptions(request_type="ForwardBackward", sleep=_no_sleep, **options)
                return await poll_future(api, "req-1", poll, lambda outcome: outcome)
            finally:
                await api.aclose()

        outcome = asyncio.run(run())
        return outcome, [call.request for call in route.calls]


def test_each_poll_names_its_iteration_type_and_raw_mode() -> None:
    # covers FUT-02, HTTP-13, HTTP-16
    outcome, requests = _poll([TRY_AGAIN, TRY_AGAIN, FORWARD_OUTPUT], submitted_at=time.perf_counter())
    assert isinstance(outcome, FutureOutcome) and outcome.payload == FORWARD_OUTPUT
    assert [r.headers["x-tinker-request-iteration"] for r in requests] == ["0", "1", "2"]
    assert {r.headers["x-tinker-request-type"] for r in requests} == {"ForwardBackward"}
    assert {r.headers["x-stainless-raw-response"] for r in requests} == {"raw"}
    assert {r.url.path for r in requests} == {"/api/v1/retrieve_future"}
    assert all(json.loads(r.content)["request_id"] == "req-1" for r in requests)
    # the create-promise round trip is measured once, on the first poll only
    assert float(requests[0].headers["x-tinker-create-promise-roundtrip-time"]) >= 0
    assert all("x-tinker-create-promise-roundtrip-time" not in r.headers for r in requests[1:])


def test_no_roundtrip_header_without_a_submission_time() -> None:
    # covers HTTP-13
    _, requests = _poll([FORWARD_OUTPUT])
    assert "x-tinker-create-promise-roundtrip-time" not in requests[0].headers


@pytest.mark.parametrize(
    "body",
    [
        FORWARD_OUTPUT,  # no status, but a forward/backward output: the whole body is the result
        {"type": "save_weights", "path": "tinker://r/weights/a"},  # a type other than try_again
        {"model_id": "m-1"},  # any other object without an error
    ],
)
def test_a_direct_payload_counts_as_completed(body: dict[str, Any]) -> None:
    # covers FUT-04, TYP-39
    outcome, requests = _poll([body])
    assert outcome.payload == body and len(requests) == 1


def test_try_again_is_pending_and_an_error_body_is_failed() -> None:
    # covers TYP-39
    failure = {"error": "bad datum", "category": "user"}
    with pytest.raises(RequestFailedError, match="bad datum") as raised:
        _poll([TRY_AGAIN, failure])
    assert raised.value.request_id == "req-1"
    assert raised.value.category.value.lower() == "user"


def test_a_crashing_reader_still_resolves_the_future() -> None:
    # covers TRN-17: a crash while reading a result reaches the caller instead of hanging it
    from tinkex.futures import APIFuture

    def crash(outcome: FutureOutcome) -> Any:
        raise KeyError("loss_fn_outputs")

    async def run() -> Any:
        api = _client()
        try:
            poll = PollOptions(request_type="ForwardBackward", sleep=_no_sleep)
            return await poll_future(api, "req-1", poll, crash)
        finally:
            await api.aclose()

    with respx.mock(assert_all_called=True) as mock:
        mock.post(RETRIEVE).respond(200, json=FORWARD_OUTPUT)
        future = APIFuture.submit(run())
        with pytest.raises(KeyError, match="loss_fn_outputs"):
            future.result(timeout=60)
    assert future.done()
