"""retrieve_futures: session-wide polling of a sampler's requests over raw HTTP (protocol.md 3.5)."""

from __future__ import annotations

from typing import Any

from tinkex.server.testing import TEST_MODEL, RawClient

PROMPT = {"chunks": [{"type": "encoded_text", "tokens": list(b"abc")}]}
GREEDY = {"max_tokens": 3, "temperature": 0.0, "seed": 1}
CLONE_STRIDE = 1_000_000_000


def _sampler(api: RawClient) -> str:
    session_id = api.session()
    return str(
        api.ok(
            "create_sampling_session",
            {"session_id": session_id, "sampling_session_seq_id": 0, "base_model": TEST_MODEL},
        )["sampling_session_id"]
    )


def _sample(api: RawClient, sampler_id: str, seq_id: int) -> str:
    body = {"sampling_session_id": sampler_id, "seq_id": seq_id, "prompt": PROMPT, "sampling_params": GREEDY}
    return str(api.ok("asample", body)["request_id"])


def _poll(
    api: RawClient, sampler_id: str, cursor: int, clone: int = 0, timeout: float | None = 20
) -> dict[str, Any]:
    target = {"type": "sampling_session", "sampling_session_id": sampler_id, "cloned_sampler_id": clone}
    return api.ok(
        "retrieve_futures",
        {"target": target, "prev_cursor": cursor, "timeout": timeout, "retrieved_request_ids": []},
    )


def test_completions_arrive_in_order_after_the_cursor(api: RawClient) -> None:
    # covers protocol.md 3.5 (retrieve_futures: completions, cursor, long poll)
    sampler_id = _sampler(api)
    sent = [_sample(api, sampler_id, seq) for seq in (0, 1, 2)]
    seen: list[str] = []
    cursor = 0
    while len(seen) < len(sent):
        reply = _poll(api, sampler_id, cursor)
        assert reply["cursor"] >= cursor
        seen += [c["request_id"] for c in reply["completions"] if c["state"] == "finished"]
        cursor = reply["cursor"]
    assert seen == sent and cursor == 3  # one worker, FIFO: they finish in the order sent
    # Nothing new: an immediate poll returns nothing and keeps the cursor.
    assert _poll(api, sampler_id, cursor, timeout=0) == {"completions": [], "cursor": 3}
    # Each completion's result is then fetched as usual.
    assert api.sample_output({"request_id": sent[0]}).sequences


def test_clones_have_their_own_feeds(api: RawClient) -> None:
    # covers protocol.md 3.5 (cloned_sampler_id = seq_id // 1e9)
    sampler_id = _sampler(api)
    clone = api.ok("join_sampling_session", {"sampling_session_id": sampler_id})["client_counter"]
    mine = _sample(api, sampler_id, clone * CLONE_STRIDE + 1)
    reply = _poll(api, sampler_id, 0, clone=clone)
    assert reply == {"completions": [{"state": "finished", "request_id": mine}], "cursor": 1}
    assert _poll(api, sampler_id, 0, clone=0, timeout=0)["completions"] == []


def test_bad_polls_are_refused(api: RawClient) -> None:
    # covers protocol.md 3.5 (retrieve_futures errors)
    sampler_id = _sampler(api)
    target = {"type": "sampling_session", "sampling_session_id": sampler_id}
    assert api.post("retrieve_futures", {"target": {"type": "training_run"}}).status_code == 400
    assert api.post("retrieve_futures", {"target": target, "timeout": -1}).status_code == 400
    assert api.post("retrieve_futures", {"target": target, "prev_cursor": -2}).status_code == 400
