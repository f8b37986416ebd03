"""Failures of client calls reach telemetry as typed exception events; fatal exits are flushed.

Everything is read back from the local server (``GET /_local/telemetry``, test hooks on).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import tinkex
from tinkex import types
from tinkex.server.faults import FaultRule

from .conftest import MODEL, TEST_API_KEY, ScriptRun, session_events, telemetry_bodies


@pytest.fixture
def client(local_server: Any) -> Iterator[tinkex.ServiceClient]:
    service = tinkex.ServiceClient(
        base_url=local_server.base_url, api_key=TEST_API_KEY, telemetry_enabled=True
    )
    yield service
    service.close().result(timeout=60)


def exception_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        e
        for e in events
        if e["event"] == "UNHANDLED_EXCEPTION"
        or (e["event"] == "GENERIC_EVENT" and e["event_name"] == "user_error")
    ]


def test_local_server_returns_telemetry_bodies_oldest_first(
    local_server: Any, client: tinkex.ServiceClient
) -> None:
    client.create_lora_training_client(MODEL, rank=2).result()  # starts the session and its reporter
    reporter = client.get_telemetry()
    assert reporter is not None
    assert reporter.wait_until_drained(timeout=30)  # covers TEL-07
    bodies = telemetry_bodies(local_server.base_url)
    ours = [b for b in bodies if b["session_id"] == client.holder.session_id]
    assert ours and ours[0]["events"][0]["event"] == "SESSION_START"
    indices = [e["event_session_index"] for b in ours for e in b["events"]]
    assert indices == sorted(indices)


# covers TEL-09
# covers SVC-14
def test_failed_create_is_a_user_error_event_then_session_end(
    local_server: Any, client: tinkex.ServiceClient
) -> None:
    with pytest.raises(tinkex.BadRequestError):
        client.create_lora_training_client("no/such-model", rank=2).result()
    events = session_events(local_server.base_url, str(client.holder.session_id))
    [failure] = exception_events(events)
    data = failure["event_data"]
    assert data["operation"] == "create_lora_training_client"
    assert data["category"] == "user"
    assert data["error_type"] == "BadRequestError"
    assert data["status_code"] == 400
    assert [e["event"] for e in events].count("SESSION_END") == 1  # the fatal flush ended the session
    assert TEST_API_KEY not in json.dumps(events)


# covers TEL-09
def test_failed_sample_carries_request_id_and_category(
    local_server: Any, client: tinkex.ServiceClient
) -> None:
    local_server.faults.add(
        FaultRule.from_json(
            {
                "match": {"request_type": "sample"},
                "window": {"first_n": 1},
                "action": {"type": "future", "fail_with": {"error": "sampler exploded", "category": "user"}},
            }
        )
    )
    sampler = client.create_sampling_client(base_model=MODEL).result()
    with pytest.raises(tinkex.RequestFailedError) as caught:
        sampler.sample(types.ModelInput.from_ints([1, 2]), 1, types.SamplingParams(max_tokens=2)).result()
    events = session_events(local_server.base_url, str(client.holder.session_id))
    [failure] = exception_events(events)
    assert failure["event_data"]["operation"] == "sample"
    assert failure["event_data"]["request_id"] == caught.value.request_id
    assert failure["event_data"]["category"] == "user"
    assert failure["event_data"]["error_type"] == "RequestFailedError"


# covers TEL-09
def test_failed_training_and_load_calls_are_reported(local_server: Any, client: tinkex.ServiceClient) -> None:
    training = client.create_lora_training_client(MODEL, rank=2).result()
    local_server.faults.add(
        FaultRule.from_json(
            {
                "match": {"request_type": "forward_backward"},
                "window": {"first_n": 1},
                "action": {
                    "type": "future",
                    "fail_with": {"error": "server fell over", "category": "server"},
                },
            }
        )
    )
    datum = types.Datum(
        model_input=types.ModelInput.from_ints([1, 2, 3]),
        loss_fn_inputs={"target_tokens": [2, 3, 4], "weights": [1.0, 1.0, 1.0]},
    )
    with pytest.raises(tinkex.RequestFailedError):
        training.forward_backward([datum], "cross_entropy").result()
    with pytest.raises(tinkex.TinkerError):
        training.load_state("tinker://no-such-run/weights/nothing").result()
    events = exception_events(session_events(local_server.base_url, str(client.holder.session_id)))
    unhandled = [e for e in events if e["event"] == "UNHANDLED_EXCEPTION"]
    assert any(
        "operation=forward_backward" in e["error_message"] and "category=server" in e["error_message"]
        for e in unhandled
    )
    operations = {e["event_data"]["operation"] for e in events if e["event"] == "GENERIC_EVENT"}
    assert "load_state" in operations


# covers TEL-09
def test_failed_rest_call_is_reported(local_server: Any, client: tinkex.ServiceClient) -> None:
    rest = client.create_rest_client()
    with pytest.raises(tinkex.NotFoundError):
        rest.get_training_run("no-such-run").result()
    reporter = rest.get_telemetry()
    assert reporter is not None and reporter.wait_until_drained(timeout=30)
    bodies = [b for b in telemetry_bodies(local_server.base_url) if b["session_id"] == reporter.session_id]
    [failure] = exception_events([e for b in bodies for e in b["events"]])
    assert failure["event_data"]["operation"] == "get_training_run"
    assert failure["event_data"]["status_code"] == 404


# covers TEL-05
def test_uncaught_exception_is_flushed_before_exit(
    run_script: Callable[..., ScriptRun], local_server: Any
) -> None:
    run = run_script(
        """
        import tinkex
        service = tinkex.ServiceClient()
        service.create_rest_client()
        service.get_server_capabilities()
        service.create_lora_training_client("local/byte-tiny", rank=2).result()
        print(service.holder.session_id, flush=True)
        raise ValueError("the script failed")
        """,
        TINKER_TELEMETRY="1",
    )
    session_id = run.stdout.strip()
    assert run.returncode == 1
    assert run.stderr.strip().splitlines()[-1] == "ValueError: the script failed"
    assert run.noise() == []
    events = session_events(local_server.base_url, session_id)
    kinds = [e["event"] for e in events]
    [fatal] = [e for e in events if e["event"] == "UNHANDLED_EXCEPTION"]
    assert fatal["error_type"] == "ValueError"
    assert kinds.count("SESSION_END") == 1
    assert kinds.index("UNHANDLED_EXCEPTION") < kinds.index("SESSION_END")
    assert TEST_API_KEY not in json.dumps(events)
