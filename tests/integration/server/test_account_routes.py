"""0.38 endpoints over raw HTTP: copy_weights, session trace export, billing, audit, API key, join.

Every figure is checked against what the test itself made the server do, in a session of its own
(the shared server also serves other tests, so replies are filtered by session where they mix).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from tinkex.server.runner import ServerHandle
from tinkex.server.storage_files import directory_name
from tinkex.server.testing import TEST_MODEL, RawClient, ServerFactory, text_datum

PHRASE = list(b"copy and trace me")
PROMPT = {"chunks": [{"type": "encoded_text", "tokens": list(b"abc")}]}
GREEDY = {"max_tokens": 4, "temperature": 0.0, "seed": 1}


def _logprobs(api: RawClient, model_id: str, seq: int) -> np.ndarray:
    out = api.forward_output(
        api.submit_forward_backward(model_id, seq, [text_datum(PHRASE)], forward_only=True)
    )
    return np.asarray(out.loss_fn_outputs[0]["logprobs"])


def _busy_session(api: RawClient) -> dict[str, Any]:
    """A session that trained, saved and sampled: what the trace and billing must show."""
    session_id = api.session()
    model_id = api.create_model(session_id, 0, seed=3)
    api.forward_output(api.submit_forward_backward(model_id, 1, [text_datum(PHRASE), text_datum(PHRASE[:5])]))
    api.optim_step(model_id, 2)
    saved = api.result(api.ok("save_weights", {"model_id": model_id, "path": "acct", "seq_id": 3}))
    sampler = api.ok(
        "create_sampling_session",
        {"session_id": session_id, "sampling_session_seq_id": 0, "base_model": TEST_MODEL},
    )["sampling_session_id"]
    sample = api.sample_output(
        api.ok(
            "asample",
            {"sampling_session_id": sampler, "prompt": PROMPT, "sampling_params": GREEDY, "num_samples": 2},
        )
    )
    return {
        "session_id": session_id,
        "model_id": model_id,
        "path": saved["path"],
        "sampler_id": sampler,
        "training_tokens": (len(PHRASE) - 1) + 4,
        "sampled_tokens": sum(int(np.asarray(seq.tokens).size) for seq in sample.sequences),
    }


@pytest.fixture(scope="module")
def busy(local_server: ServerHandle) -> Any:
    api = RawClient(local_server.base_url)
    yield _busy_session(api)
    api.close()


def test_copy_weights_shares_the_checkpoint_under_a_new_run(
    api: RawClient, busy: dict[str, Any], local_server: ServerHandle
) -> None:
    # covers protocol.md 3.3 (copy_weights)
    key = {"x-idempotency-key": "copy-once"}
    reply = api.ok(
        "copy_weights", {"source_path": busy["path"], "destination_project_id": "archive"}, headers=key
    )
    copy_path = reply["tinker_path"]
    assert copy_path.startswith("tinker://copy-") and copy_path.endswith("/weights/acct")
    assert api.ok("copy_weights", {"source_path": busy["path"]}, headers=key) == reply  # a retry: same copy

    run_id = copy_path.removeprefix("tinker://").split("/")[0]
    run = api.http.get(f"/api/v1/training_runs/{run_id}").json()
    assert run["base_model"] == TEST_MODEL and run["lora_rank"] == 8
    listed = api.http.get(f"/api/v1/training_runs/{run_id}/checkpoints").json()["checkpoints"]
    assert [c["checkpoint_id"] for c in listed] == ["weights/acct"]

    # No bytes are duplicated: the copy's files are the source's (hard links).
    def adapter(path: str) -> Path:
        run, kind, name = path.removeprefix("tinker://").split("/")
        return (
            local_server.data_dir / "runs" / directory_name(run) / kind / name / "adapter_model.safetensors"
        )

    assert adapter(copy_path).stat().st_ino == adapter(busy["path"]).stat().st_ino

    # The copy loads as the source does: same weights, same logprobs.
    session_id = api.session()
    from_source = api.result(
        api.ok(
            "load_weights",
            {"session_id": session_id, "model_seq_id": 0, "path": busy["path"], "optimizer": False},
        )
    )
    from_copy = api.result(
        api.ok(
            "load_weights",
            {"session_id": session_id, "model_seq_id": 1, "path": copy_path, "optimizer": False},
        )
    )
    np.testing.assert_array_equal(
        _logprobs(api, from_copy["model_id"], 1), _logprobs(api, from_source["model_id"], 1)
    )


def test_copy_weights_refuses_bad_sources_and_ttls(api: RawClient, busy: dict[str, Any]) -> None:
    # covers protocol.md 3.3 (copy_weights errors)
    missing = api.post("copy_weights", {"source_path": f"tinker://{busy['model_id']}/weights/nope"})
    assert missing.status_code == 404
    assert api.post("copy_weights", {"source_path": "not-a-path"}).status_code == 400
    short = api.post("copy_weights", {"source_path": busy["path"], "ttl_seconds": 60})
    assert short.status_code == 400 and "ttl_seconds" in short.json()["detail"]


def test_session_trace_export_is_a_signed_perfetto_json_trace(api: RawClient, busy: dict[str, Any]) -> None:
    # covers protocol.md 3.6 (sessions/{id}/trace_export)
    reply = api.http.get(f"/api/v1/sessions/{busy['session_id']}/trace_export").json()
    assert reply["status"] == "ready"
    trace = httpx.get(reply["url"]).json()  # no API key: the URL is signed
    events = trace["traceEvents"]
    names = {e["args"]["name"] for e in events if e["ph"] == "M"}
    assert {busy["session_id"], busy["model_id"], f"sampling {TEST_MODEL}"} <= names
    slices = [e for e in events if e["ph"] == "X" and e["cat"] == "request"]
    assert [e["name"] for e in slices] == [
        "create_model",
        "forward_backward",
        "optim_step",
        "save_weights",
        "sample",
    ]
    assert all(e["dur"] >= 0 and e["ts"] > 1.6e15 for e in slices)  # microseconds since the epoch
    by_name = {e["name"]: e["args"] for e in slices}
    assert by_name["forward_backward"]["tokens"] == busy["training_tokens"]
    assert by_name["sample"]["sampled_tokens"] == busy["sampled_tokens"]
    assert by_name["save_weights"]["tinker_path"] == busy["path"]

    tampered = reply["url"].replace("signature=", "signature=0")
    assert httpx.get(tampered).status_code == 403
    assert api.http.get("/api/v1/sessions/sess-unknown/trace_export").status_code == 404


def _window() -> dict[str, str]:
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    return {
        "starting_on": (hour - timedelta(hours=1)).isoformat(),
        "ending_before": (hour + timedelta(hours=2)).isoformat(),
    }


def test_billing_usage_counts_what_the_session_did(api: RawClient, busy: dict[str, Any]) -> None:
    # covers protocol.md 3.7 (billing usage from the server's own accounting)
    reply = api.http.get("/api/v1/billing/usage/events", params=_window()).json()
    mine = [e for e in reply["data"] if e["session_id"] == busy["session_id"]]
    totals: dict[str, float] = {}
    for event in mine:
        info = event["event_info"]
        amount = info.get("token_count", info.get("count", info.get("gigabyte_hours")))
        totals[info["type"]] = totals.get(info["type"], 0) + amount
        assert event["base_model"] == TEST_MODEL and event["estimated_cost_usd"] == 0.0
    assert totals["training"] == busy["training_tokens"]
    assert totals["sampling_prefill"] == 3
    assert totals["sampling_sample"] == busy["sampled_tokens"]
    assert totals["checkpoint"] == 1
    assert 0 < totals["storage"] < 1
    assert busy["session_id"] in reply["sessions"]


def test_billing_usage_window_is_checked(api: RawClient) -> None:
    # covers protocol.md 3.7 (window rules: hour-aligned, at most 14 days)
    bad = [
        {"starting_on": "2026-01-01T00:30:00Z", "ending_before": "2026-01-02T00:00:00Z"},
        {"starting_on": "2026-01-01T00:00:00Z", "ending_before": "2026-01-20T00:00:00Z"},
        {"starting_on": "2026-01-02T00:00:00Z", "ending_before": "2026-01-01T00:00:00Z"},
        {"starting_on": "yesterday", "ending_before": "2026-01-01T00:00:00Z"},
    ]
    for params in bad:
        assert api.http.get("/api/v1/billing/usage/events", params=params).status_code == 400, params


def test_checkpoint_storage_matches_the_checkpoint_listing(api: RawClient, busy: dict[str, Any]) -> None:
    # covers protocol.md 3.7 (current checkpoint storage)
    listed = api.http.get("/api/v1/checkpoints", params={"limit": 10_000}).json()["checkpoints"]
    rows = api.http.get("/api/v1/billing/usage/checkpoints/current").json()["data"]
    assert sum(r["checkpoint_count"] for r in rows) == len(listed)
    assert sum(r["size_bytes"] for r in rows) == sum(c["size_bytes"] for c in listed)
    assert (
        api.http.get("/api/v1/billing/usage/checkpoints/current", params={"project_id": "none-such"}).json()[
            "data"
        ]
        == []
    )


def test_audit_log_lists_checkpoint_events_of_the_day(api: RawClient, busy: dict[str, Any]) -> None:
    # covers protocol.md 3.7 (audit log)
    entries = api.http.get("/api/v1/audit", params={"event_type": "checkpoints"}).json()["entries"]
    saves = [
        e for e in entries if e["tinker_path"] == busy["path"] and e["event"] == "checkpoint.save_weights"
    ]
    assert len(saves) == 1 and saves[0]["model_id"] == busy["model_id"]
    assert api.http.get("/api/v1/audit", params={"event_type": "teams"}).json() == {"entries": []}
    assert api.http.get("/api/v1/audit", params={"day": "2000-01-01"}).json() == {"entries": []}
    assert api.http.get("/api/v1/audit", params={"event_type": "everything"}).status_code == 400


def test_join_sampling_session_counts_clones(api: RawClient, busy: dict[str, Any]) -> None:
    # covers protocol.md 3.4 (join_sampling_session)
    counters = [
        api.ok("join_sampling_session", {"sampling_session_id": busy["sampler_id"]})["client_counter"]
        for _ in range(2)
    ]
    assert counters == [1, 2]
    assert api.post("join_sampling_session", {"sampling_session_id": "nope:sample:0"}).status_code == 404


def test_api_key_me_describes_and_revokes_the_presented_key(server_factory: ServerFactory) -> None:
    # covers protocol.md 3.7 (auth/apikey/me GET and DELETE)
    server = server_factory.start(api_keys=["tml-alice-key", "tml-bob-key"])
    alice = httpx.Client(base_url=server.base_url, headers={"X-API-Key": "tml-alice-key"})
    bob = httpx.Client(base_url=server.base_url, headers={"X-API-Key": "tml-bob-key"})
    me = alice.get("/api/v1/auth/apikey/me").json()
    assert set(me) == {"key_id", "name", "note", "details"} and "tml-alice-key" not in str(me)
    assert me["key_id"] != bob.get("/api/v1/auth/apikey/me").json()["key_id"]
    assert alice.delete("/api/v1/auth/apikey/me").status_code == 204
    assert alice.get("/api/v1/auth/apikey/me").status_code == 401
    assert bob.get("/api/v1/auth/apikey/me").status_code == 200  # only the presented key is revoked
    # Other owners' figures stay private: bob's billing never shows alice's sessions.
    assert bob.get("/api/v1/billing/usage/checkpoints/current").json()["data"] == []


def _search(api: RawClient, **body: Any) -> dict[str, Any]:
    return api.ok("sessions/search", {"user_metadata": {}, "owner": {"type": "own"}, **body})


def test_session_search_filters_and_pages_newest_first(api: RawClient) -> None:
    # covers protocol.md 3.6 and 5.11-5.12 (sessions/search)
    tag = {"suite": f"search-{datetime.now(UTC).timestamp()}"}
    ids = [
        api.ok(
            "create_session", {"tags": [], "user_metadata": tag, "sdk_version": "t", "display_name": name}
        )["session_id"]
        for name in ("first", "second", "third")
    ]
    model_id = api.create_model(ids[0], 0)
    api.result(api.ok("save_weights", {"model_id": model_id, "path": "found", "seq_id": 1}))
    api.ok(f"sessions/{ids[1]}/finish", {"reason": {"type": "errored"}, "detail": "boom"})

    everything = _search(api, user_metadata=tag)["sessions"]
    assert [s["session_id"] for s in everything] == ids[::-1]
    first = everything[-1]
    assert first["checkpoints_count"] == 1 and first["checkpoint_storage_bytes"] > 0
    assert first["status"] == {"type": "active"} and first["display_name"] == "first"
    assert first["user_metadata"] == tag and first["owner"] == "tml:user:local"

    page = _search(api, user_metadata=tag, limit=2)
    assert [s["session_id"] for s in page["sessions"]] == ids[:0:-1]
    rest = _search(api, user_metadata=tag, limit=2, cursor=page["next_cursor"])
    assert [s["session_id"] for s in rest["sessions"]] == ids[:1] and "next_cursor" not in rest

    errored = _search(api, user_metadata=tag, statuses=[{"type": "client_finished", "reasons": ["errored"]}])
    assert [(s["session_id"], s["status"]["reason"]["type"]) for s in errored["sessions"]] == [
        (ids[1], "errored")
    ]
    active = _search(api, user_metadata=tag, statuses=[{"type": "active"}])["sessions"]
    assert {s["session_id"] for s in active} == {ids[0], ids[2]}
    assert [s["session_id"] for s in _search(api, display_name="third", user_metadata=tag)["sessions"]] == [
        ids[2]
    ]
    assert _search(api, user_metadata=tag, owner={"type": "user", "owner_urns": ["tml:user:someone"]}) == {
        "sessions": []
    }
    assert api.post("sessions/search", {"limit": 0}).status_code == 400
    assert api.post("sessions/search", {"statuses": [{"type": "sleeping"}]}).status_code == 400


def test_each_key_copies_traces_and_counts_only_what_it_may_see(server_factory: ServerFactory) -> None:
    # covers protocol.md 3.3 (copy_weights of a published checkpoint) and local-server.md (ownership)
    server = server_factory.start(api_keys=["tml-alice-key", "tml-bob-key"])
    alice, bob = RawClient(server.base_url), RawClient(server.base_url)
    alice.http.headers["X-API-Key"], bob.http.headers["X-API-Key"] = "tml-alice-key", "tml-bob-key"
    try:
        session_id = alice.session()
        model_id = alice.create_model(session_id, 0, rank=4)
        path = alice.result(alice.ok("save_weights", {"model_id": model_id, "path": "mine", "seq_id": 1}))[
            "path"
        ]

        assert bob.post("copy_weights", {"source_path": path}).status_code == 404  # private: unknown to bob
        assert bob.http.get(f"/api/v1/sessions/{session_id}/trace_export").status_code == 404
        assert _search(bob)["sessions"] == []
        usage = bob.http.get("/api/v1/billing/usage/events", params=_window()).json()
        assert usage["data"] == [] and usage["sessions"] == {}
        assert bob.http.get("/api/v1/audit").json() == {"entries": []}

        run_id, checkpoint_id = path.removeprefix("tinker://").split("/", 1)
        alice.http.post(
            f"/api/v1/training_runs/{run_id}/checkpoints/{checkpoint_id}/publish"
        ).raise_for_status()
        copy_path = bob.ok("copy_weights", {"source_path": path})["tinker_path"]  # published: readable
        copy_run = copy_path.removeprefix("tinker://").split("/")[0]
        assert bob.http.get(f"/api/v1/training_runs/{copy_run}").status_code == 200
        assert alice.http.get(f"/api/v1/training_runs/{copy_run}").status_code == 404  # the copy is bob's
        bob_rows = bob.http.get("/api/v1/billing/usage/checkpoints/current").json()["data"]
        assert [row["checkpoint_count"] for row in bob_rows] == [1]
    finally:
        alice.close()
        bob.close()
