"""Hand-made valid requests to the 0.38 endpoints added for parity (copy, external weights, join,
session polling and search, trace export, audit, billing, API key); schemathesis validates every reply.

The fuzzing of these operations runs with the others in test_schemathesis_server.py; this file
checks their success side with real resources (a saved checkpoint, a session with history).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from jsonschema import Draft202012Validator

from tinkex.server.runner import ServerHandle
from tinkex.server.testing import TEST_MODEL, RawClient, ServerFactory

from .test_schemathesis_server import SPEC_PATH, HappyPath


@pytest.fixture(scope="module")
def server(compile_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    factory = ServerFactory(models=[TEST_MODEL], compile_cache_dir=compile_cache)
    yield factory.start(data_dir=tmp_path_factory.mktemp("schemathesis-account"))
    factory.stop_all()


@pytest.mark.server
def test_account_endpoints_return_bodies_that_match_the_spec(
    server: ServerHandle, validator_for: Callable[[str], Draft202012Validator]
) -> None:
    # covers the issue-3 contract row on the success side of the 0.38 account operations
    raw = RawClient(server.base_url)
    session_id = raw.session()
    model_id = raw.create_model(session_id)
    saved = raw.result(raw.ok("save_weights", {"model_id": model_id, "path": "acct", "seq_id": 1}))
    external = raw.ok(
        "save_weights_external",
        {"model_id": model_id, "path": "ext", "seq_id": 2, "type": "save_weights_external"},
    )
    exported = raw.poll(external["request_id"]).json()
    validator_for("SaveWeightsExternalResponse").validate(exported)
    sampler_id = raw.ok(
        "create_sampling_session",
        {"session_id": session_id, "sampling_session_seq_id": 0, "base_model": TEST_MODEL},
    )["sampling_session_id"]
    raw.ok(f"sessions/{session_id}/finish", {"reason": {"type": "interrupted"}, "detail": None})
    raw.close()

    with requests.Session() as http:
        api = HappyPath(server, schemathesis.openapi.from_path(SPEC_PATH), http, validator_for)
        copied = api.call(
            "copy_weights",
            {"source_path": saved["path"], "destination_project_id": "p", "ttl_seconds": 7200},
            request_schema="CopyWeightsRequest",
        )
        assert copied["tinker_path"].endswith("/weights/acct")
        assert api.call(
            "join_sampling_session",
            {"sampling_session_id": sampler_id, "type": "join_sampling_session"},
            request_schema="JoinSamplingSessionRequest",
        ) == {"client_counter": 1, "type": "join_sampling_session"}
        polled = api.call(
            "retrieve_futures",
            {
                "target": {"type": "sampling_session", "sampling_session_id": sampler_id},
                "prev_cursor": 0,
                "timeout": 0,
                "retrieved_request_ids": [],
            },
            request_schema="FuturesRetrieveRequest",
        )
        assert polled == {"completions": [], "cursor": 0}
        assert api.call("get_session_trace_export", path={"session_id": session_id})["status"] == "ready"
        found = api.call(
            "search_sessions",
            {"session_id": session_id, "user_metadata": {}, "owner": {"type": "own"}},
            request_schema="SessionSearchRequest",
        )["sessions"]
        assert [(s["checkpoints_count"], s["status"]["type"]) for s in found] == [(2, "client_finished")]
        assert api.call("get_audit_log", query={"event_type": "checkpoints"})["entries"]
        hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        window = {
            "starting_on": (hour - timedelta(hours=1)).isoformat(),
            "ending_before": (hour + timedelta(hours=1)).isoformat(),
        }
        usage: dict[str, Any] = api.call("get_billing_usage_events", query=window)
        assert {e["event_info"]["type"] for e in usage["data"]} >= {"checkpoint", "storage"}
        storage = api.call("get_current_checkpoint_storage_usage")["data"]
        assert sum(row["checkpoint_count"] for row in storage) == 3  # save, external save, copy
        urls = api.call(
            "get_external_weights_urls",
            path={
                "training_run_id": model_id,
                "checkpoint_kind": "external_weights",
                "checkpoint_name": "ext",
            },
        )["urls"]
        assert sorted(urls) == ["adapter_config.json", "adapter_model.safetensors"]
        assert api.call("get_api_key_info")["details"]["org_details"]["name"] == "local"
        assert api.call("delete_api_key", statuses=(204,)) is None
