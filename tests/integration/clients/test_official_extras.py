"""Official-SDK methods beyond the core flow: sampler handles, the static factory, admin GETs.

The admin endpoints (audit log, billing usage, storage usage, session search) are not served
by the local server, so those calls run against a respx-mocked service instead; the request
each method sends is checked against the spec's route and parameters.
"""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest
import respx

import tinkex
from tinkex import types

from ._helpers import API_KEY, MODEL

MOCK_URL = "http://tinker.mock"


def test_sampler_handle_round_trip(service_client: tinkex.ServiceClient) -> None:
    # covers SMP-01 (official get_sampler_handle / from_sampler_handle: a credential-free hand-off)
    sampler = service_client.create_sampling_client(base_model=MODEL).result(timeout=120)
    handle = sampler.get_sampler_handle()
    assert API_KEY not in handle and "tml-" not in handle
    clone = tinkex.SamplingClient.from_sampler_handle(handle, api_key=API_KEY)
    assert clone.sampling_session_id == sampler.sampling_session_id
    assert clone.get_base_model() == MODEL
    params = types.SamplingParams(max_tokens=3, temperature=0.0, stop=[])
    prompt = types.ModelInput.from_ints([257, 104, 105])
    ours = sampler.sample(prompt, 1, params).result(timeout=120).sequences[0].tokens
    assert clone.sample(prompt, 1, params).result(timeout=120).sequences[0].tokens == ours
    with pytest.raises(tinkex.TinkexValidationError, match="handle"):
        tinkex.SamplingClient.from_sampler_handle("not a handle")


def test_sampling_client_create_factory(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-08 (official static factory returning a future)
    service_client.create_sampling_client(base_model=MODEL).result(timeout=120)  # starts the session
    created = tinkex.SamplingClient.create(service_client.holder, base_model=MODEL).result(timeout=120)
    assert isinstance(created, tinkex.SamplingClient) and created.get_base_model() == MODEL


def test_external_weights_urls(service_client: tinkex.ServiceClient) -> None:
    # covers REST-08 family: the local server exports no external weights, so it answers 404
    rest = service_client.create_rest_client()
    with pytest.raises(tinkex.TinkexValidationError, match="external_weights"):
        rest.get_external_weights_urls("tinker://run-1/weights/w")
    with pytest.raises(tinkex.NotFoundError):
        rest.get_external_weights_urls("tinker://run-1/external_weights/w").result(timeout=60)


@pytest.fixture
def mocked(monkeypatch: pytest.MonkeyPatch) -> respx.MockRouter:
    # respx intercepts httpx's own transport, so the mocked clients use it instead of aiohttp
    monkeypatch.setenv("TINKEX_TRANSPORT", "httpx")
    with respx.mock(base_url=MOCK_URL, assert_all_called=False) as router:
        router.post("/api/v1/client/config").respond(json={"pjwt_auth_enabled": False})
        router.post("/api/v1/client/dynamic_config").respond(json={})
        yield router


async def test_admin_gets_send_the_spec_requests(mocked: respx.MockRouter) -> None:
    # covers the official RestClient admin methods (plain GETs; AdminClient in the official SDK)
    audit = mocked.get("/api/v1/audit").respond(json={"entries": []})
    billing = mocked.get("/api/v1/billing/usage/events").respond(json={"data": [], "sessions": {}})
    storage = mocked.get("/api/v1/billing/usage/checkpoints/current").respond(json={"data": []})
    search = mocked.post("/api/v1/sessions/search").respond(json={"sessions": [], "next_cursor": None})
    rest = tinkex.RestClient(base_url=MOCK_URL, api_key=API_KEY)

    assert rest.get_audit_log("checkpoints", dt.date(2025, 1, 2)).result(timeout=30).entries == []
    assert audit.calls.last.request.url.params["event_type"] == "checkpoints"
    assert audit.calls.last.request.url.params["day"] == "2025-01-02"
    assert (await rest.get_audit_log_async()).entries == []
    with pytest.raises(tinkex.TinkexValidationError, match="event_type"):
        rest.get_audit_log("everything")

    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    rest.get_billing_usage(start, "2025-01-02T00:00:00Z").result(timeout=30)
    params = billing.calls.last.request.url.params
    # both bounds go out as RFC 3339 instants (a string is checked and normalised, not passed raw)
    assert dt.datetime.fromisoformat(params["starting_on"]) == start
    assert dt.datetime.fromisoformat(params["ending_before"]) == start + dt.timedelta(days=1)
    await rest.get_billing_usage_async(start, start + dt.timedelta(days=1))

    rest.get_current_checkpoint_storage_usage("proj-1").result(timeout=30)
    assert storage.calls.last.request.url.params["project_id"] == "proj-1"
    await rest.get_current_checkpoint_storage_usage_async()
    assert "project_id" not in storage.calls.last.request.url.params

    page = rest.search_sessions(types.SessionSearchRequest(display_name="nightly")).result(timeout=30)
    assert page.sessions == []
    assert json.loads(search.calls.last.request.content)["display_name"] == "nightly"
    await rest.search_sessions_async(types.SessionSearchRequest())
    assert all(call.request.headers["X-API-Key"] == API_KEY for call in mocked.calls)
    assert isinstance(mocked.calls.last.response, httpx.Response)
