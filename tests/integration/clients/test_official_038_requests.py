"""The official 0.38 calls tinkex added (copy_weights, export_session_trace, whoami, AdminClient),
checked at the request level against a respx-mocked service: route, body, headers, parsing.

Their end-to-end runs against the local server are in ``test_official_038_server.py``.
"""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
import respx

import tinkex
from tinkex._clients import rest_weights as _rest_weights

from ._helpers import API_KEY

MOCK_URL = "http://tinker.mock"


def _jwt(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none'})}.{part(claims)}.signature"


@pytest.fixture
def mocked(monkeypatch: pytest.MonkeyPatch) -> respx.MockRouter:
    monkeypatch.setenv("TINKEX_TRANSPORT", "httpx")  # respx intercepts httpx's own transport
    monkeypatch.delenv("TINKER_PROJECT_ID", raising=False)
    with respx.mock(base_url=MOCK_URL, assert_all_called=False) as router:
        router.post("/api/v1/client/config").respond(json={"pjwt_auth_enabled": False})
        router.post("/api/v1/client/dynamic_config").respond(json={})
        yield router


async def test_copy_weights_sends_one_idempotent_request(mocked: respx.MockRouter) -> None:
    # covers the official RestClient.copy_weights / copy_weights_async (0.38)
    route = mocked.post("/api/v1/copy_weights").respond(json={"tinker_path": "tinker://run-9/weights/w"})
    rest = tinkex.RestClient(base_url=MOCK_URL, api_key=API_KEY)
    path = "tinker://run-1/weights/w"
    assert (
        rest.copy_weights(path, "proj-2", ttl_seconds=7200).result(timeout=30) == "tinker://run-9/weights/w"
    )
    request = route.calls.last.request
    assert json.loads(request.content) == {
        "source_path": path,
        "destination_project_id": "proj-2",
        "ttl_seconds": 7200,
    }
    assert "X-Tinker-Weights-Access-Token" not in request.headers
    assert request.headers["X-Idempotency-Key"]

    copied = await rest.copy_weights_async(path, "proj-2", weights_access_token="wat-secret")
    assert copied == "tinker://run-9/weights/w"
    assert route.calls.last.request.headers["X-Tinker-Weights-Access-Token"] == "wat-secret"

    with pytest.raises(ValueError, match="TINKER_PROJECT_ID"):
        rest.copy_weights(path)
    with pytest.raises(tinkex.TinkexValidationError, match="tinker://"):
        rest.copy_weights("run-1/weights/w", "proj-2")


def test_service_copy_weights_uses_its_project(mocked: respx.MockRouter) -> None:
    # covers the official ServiceClient.copy_weights: the copy lands in the client's project
    route = mocked.post("/api/v1/copy_weights").respond(json={"tinker_path": "tinker://run-3/weights/w"})
    service = tinkex.ServiceClient(project_id="proj-archive", base_url=MOCK_URL, api_key=API_KEY)
    try:
        assert service.copy_weights("tinker://run-1/weights/w").result(timeout=30).endswith("run-3/weights/w")
        assert json.loads(route.calls.last.request.content)["destination_project_id"] == "proj-archive"
    finally:
        service.close().result(timeout=30)


async def test_export_session_trace_polls_until_ready(
    mocked: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # covers the official RestClient.export_session_trace (poll every 5 s until ready)
    monkeypatch.setattr(_rest_weights, "TRACE_EXPORT_POLL_INTERVAL", 0.0)
    route = mocked.get("/api/v1/sessions/sess-1/trace_export")
    route.side_effect = [
        respx.MockResponse(200, json={"status": "pending"}),
        respx.MockResponse(200, json={"status": "ready", "url": "http://files.mock/sess-1.pftrace"}),
    ]
    rest = tinkex.RestClient(base_url=MOCK_URL, api_key=API_KEY)
    assert rest.export_session_trace("sess-1").result(timeout=30) == "http://files.mock/sess-1.pftrace"
    assert route.call_count == 2

    mocked.get("/api/v1/sessions/sess-2/trace_export").respond(json={"status": "failed", "error": "boom"})
    with pytest.raises(RuntimeError, match="sess-2: boom"):
        await rest.export_session_trace_async("sess-2")


def test_whoami_reads_jwt_claims(mocked: respx.MockRouter) -> None:
    # covers the official RestClient.whoami: a JWT credential answers without a request
    token = _jwt({"sub": "tml:user:u1", "org_id": "o1", "email": "a@b.c", "exp": 4102444800})
    rest = tinkex.RestClient(base_url=MOCK_URL, api_key=token)
    who = rest.whoami().result(timeout=30)
    assert (who.user_urn, who.org_urn, who.email) == ("tml:user:u1", "tml:organization:o1", "a@b.c")
    assert not [c for c in mocked.calls if "auth" in c.request.url.path]


def test_whoami_exchanges_an_api_key_for_a_jwt(mocked: respx.MockRouter) -> None:
    # A plain key: one auth/token exchange, whose JWT carries the identity (no email: None).
    token = _jwt({"sub": "tml:user:u2", "org_id": "o2", "email": ""})
    route = mocked.post("/api/v1/auth/token").respond(json={"jwt": token})
    who = tinkex.RestClient(base_url=MOCK_URL, api_key=API_KEY).whoami().result(timeout=30)
    assert (who.user_urn, who.org_urn, who.email) == ("tml:user:u2", "tml:organization:o2", None)
    assert route.calls.last.request.headers["X-API-Key"] == API_KEY


def test_whoami_without_jwt_mode_says_so(mocked: respx.MockRouter) -> None:
    mocked.post("/api/v1/auth/token").respond(404, json={"detail": "JWT mode is off"})
    with pytest.raises(RuntimeError, match="requires JWT auth"):
        tinkex.RestClient(base_url=MOCK_URL, api_key=API_KEY).whoami().result(timeout=30)


async def test_admin_client_sends_the_spec_requests(mocked: respx.MockRouter) -> None:
    # covers the official AdminClient (0.38): audit log, billing usage, checkpoint storage
    audit = mocked.get("/api/v1/audit").respond(json={"entries": []})
    billing = mocked.get("/api/v1/billing/usage/events").respond(json={"data": [], "sessions": {}})
    storage = mocked.get("/api/v1/billing/usage/checkpoints/current").respond(json={"data": []})
    admin = tinkex.AdminClient(base_url=MOCK_URL, api_key=API_KEY)
    assert admin.get_audit_log("projects", dt.date(2025, 3, 4)).result(timeout=30).entries == []
    assert audit.calls.last.request.url.params["day"] == "2025-03-04"
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    await admin.get_billing_usage(start, start + dt.timedelta(hours=1))
    assert dt.datetime.fromisoformat(billing.calls.last.request.url.params["starting_on"]) == start
    assert (await admin.get_current_checkpoint_storage_usage_async("proj-1")).data == []
    assert storage.calls.last.request.url.params["project_id"] == "proj-1"
