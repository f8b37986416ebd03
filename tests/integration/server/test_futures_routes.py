"""retrieve_future: long-poll, try_again, errors, injected future faults (protocol.md 4.2)."""

from __future__ import annotations

from tinkex.server.faults_rules import FaultMatch, FaultRule, FutureFault
from tinkex.server.runner import ServerHandle
from tinkex.server.testing import TEST_MODEL, RawClient, ServerFactory, hold_worker

SAMPLE = {
    "base_model": TEST_MODEL,
    "prompt": {"chunks": [{"tokens": [1, 2, 3]}]},
    "sampling_params": {"max_tokens": 2},
}


def test_long_poll_answers_try_again_while_the_job_waits(server_factory: ServerFactory) -> None:
    # covers FUT-06
    server = server_factory.start(long_poll_s=0.2)
    api = RawClient(server.base_url)
    with hold_worker(server):
        future = api.ok("asample", SAMPLE)
        pending = api.ok("retrieve_future", {"request_id": future["request_id"], "allow_metadata_only": True})
        assert pending == {"type": "try_again", "request_id": future["request_id"], "queue_state": "active"}
    assert api.sample_output(future).sequences
    api.close()


def test_unknown_future_is_404(api: RawClient) -> None:
    response = api.post("retrieve_future", {"request_id": "req-from-another-boot-1"})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("request_id:")


def test_injected_try_again_and_failure(api: RawClient, local_server: ServerHandle) -> None:
    # covers FUT-05, FUT-08
    assert local_server.faults is not None
    rule = FutureFault(try_again_count=2, queue_state="paused_capacity", queue_state_reason="busy")
    local_server.faults.add(FaultRule(action=rule, match=FaultMatch(request_type="sample")))
    future = api.ok("asample", SAMPLE)
    for _ in range(2):
        reply = api.ok("retrieve_future", {"request_id": future["request_id"]})
        assert (reply["type"], reply["queue_state"], reply["queue_state_reason"]) == (
            "try_again",
            "paused_capacity",
            "busy",
        )
    assert api.sample_output(future).sequences

    local_server.faults.reset()
    told = FutureFault(try_again_count=1, queue_state="paused_rate_limit", retry_after_ms=40)
    local_server.faults.add(FaultRule(action=told, match=FaultMatch(request_type="sample")))
    future = api.ok("asample", SAMPLE)
    reply = api.ok("retrieve_future", {"request_id": future["request_id"]})
    assert (reply["type"], reply["retry_after_ms"]) == ("try_again", 40)
    assert api.sample_output(future).sequences

    local_server.faults.reset()
    local_server.faults.add(
        FaultRule(action=FutureFault(fail_with=("boom", "server")), match=FaultMatch(request_type="sample"))
    )
    failed = api.poll(api.ok("asample", SAMPLE)["request_id"]).json()
    assert failed == {"error": "boom", "category": "server"}


async def test_future_store_ttl_lru_and_dedupe_index() -> None:
    from tinkex.server.futures import FutureStore

    now = [0.0]
    store = FutureStore(ttl_s=10.0, max_completed=2, clock=lambda: now[0])
    first = store.create("optim_step", "m", [("seq", "m", "1")])
    assert store.find([("seq", "m", "1")]) is first
    store.complete(first, {"metrics": {}})
    second, third = store.create("sample", None, []), store.create("sample", None, [])
    store.complete(second, {})
    store.complete(third, {})
    store.create("sample", None, [])  # over the LRU limit of 2 completed: the oldest goes
    assert store.get(first.request_id) is None
    assert store.find([("seq", "m", "1")]) is None
    now[0] = 11.0
    store.create("sample", None, [])  # past the TTL: every completed future goes
    assert store.get(second.request_id) is None and store.get(third.request_id) is None
    assert len(store) == 2  # the two pending ones stay
