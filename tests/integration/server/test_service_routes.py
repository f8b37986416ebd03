"""Bootstrap, service and session endpoints of the local server (protocol.md 3.1, 3.6 sessions)."""

from __future__ import annotations

from tinkex.server.testing import TEST_MODEL, RawClient


def test_health_config_and_capabilities(api: RawClient) -> None:
    # covers SVC-09, SVC-10
    assert api.http.get("/api/v1/healthz").json() == {"status": "ok"}
    config = api.ok("client/config", {"sdk_version": "0.38.0"})
    assert config["pjwt_auth_enabled"] is False
    assert config["fwdbwd_max_chunk_len"] >= 1
    assert api.ok("client/dynamic_config", {"sdk_version": "0.38.0"})["refresh_interval_sec"] > 0
    models = api.http.get("/api/v1/get_server_capabilities").json()["supported_models"]
    assert models == [
        {"model_name": TEST_MODEL, "max_context_length": 512, "trainable": True, "sampleable": True}
    ]


def test_session_lifecycle(api: RawClient) -> None:
    # covers SES-01, SES-02, REST-02, REST-03
    created = api.ok(
        "create_session",
        {
            "tags": ["a"],
            "user_metadata": {"k": "v"},
            "sdk_version": "x",
            "type": "create_session",
            "new_field": 1,
        },
    )
    session_id = created["session_id"]
    assert created["type"] == "create_session"
    assert api.ok("session_heartbeat", {"session_id": session_id, "type": "session_heartbeat"}) == {
        "type": "session_heartbeat"
    }
    assert session_id in api.http.get("/api/v1/sessions", params={"limit": 100}).json()["sessions"]
    detail = api.http.get(f"/api/v1/sessions/{session_id}").json()
    assert detail == {"training_run_ids": [], "sampler_ids": [], "user_metadata": {"k": "v"}}
    assert (
        api.http.put(f"/api/v1/sessions/{session_id}/project", json={"project_id": "p1"}).status_code == 200
    )
    assert api.ok("telemetry", {"events": [], "session_id": session_id}) == {"status": "accepted"}

    finish = api.post(f"sessions/{session_id}/finish", {"reason": {"type": "success"}, "detail": None})
    assert finish.status_code == 200
    # a finished session stops its heartbeats (410) and creates nothing more
    assert api.post("session_heartbeat", {"session_id": session_id}).status_code == 410
    refused = api.post(
        "create_model", {"session_id": session_id, "model_seq_id": 0, "base_model": TEST_MODEL}
    )
    assert refused.status_code == 410


def test_unknown_session_and_route_are_json_404(api: RawClient) -> None:
    response = api.post("session_heartbeat", {"session_id": "nope"})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("session_id:")
    missing = api.http.get("/api/v1/no_such_endpoint")
    assert missing.status_code == 404
    assert "detail" in missing.json()
    unknown_sampler = {"target": {"type": "sampling_session", "sampling_session_id": "nope"}}
    assert api.post("retrieve_futures", unknown_sampler).status_code == 404
