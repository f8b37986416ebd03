"""save_weights, save_weights_for_sampler, load_weights, and checkpoints surviving a restart (protocol.md 3.3)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tinkex.server.testing import TEST_MODEL, RawClient, ServerFactory, text_datum

PHRASE = list(b"checkpoint me")


def _train_once(api: RawClient, model_id: str, seq: int) -> None:
    api.forward_output(api.submit_forward_backward(model_id, seq, [text_datum(PHRASE)]))
    api.optim_step(model_id, seq + 1, learning_rate=1e-2)


def _logprobs(api: RawClient, model_id: str, seq: int) -> np.ndarray:
    out = api.forward_output(
        api.submit_forward_backward(model_id, seq, [text_datum(PHRASE)], forward_only=True)
    )
    return np.asarray(out.loss_fn_outputs[0]["logprobs"])


def test_save_and_load_state_onto_a_model_and_as_a_new_model(api: RawClient) -> None:
    # covers TRN-09, TRN-10, SVC-04, SVC-05
    session_id = api.session()
    model_id = api.create_model(session_id, 0, seed=1)
    _train_once(api, model_id, 1)
    saved = api.result(api.ok("save_weights", {"model_id": model_id, "path": "step1", "seq_id": 3}))
    assert saved == {"path": f"tinker://{model_id}/weights/step1", "type": "save_weights"}
    trained = _logprobs(api, model_id, 4)

    other = api.create_model(session_id, 1, seed=2)
    assert not np.array_equal(_logprobs(api, other, 1), trained)
    loaded = api.result(
        api.ok("load_weights", {"model_id": other, "path": saved["path"], "seq_id": 2, "optimizer": True})
    )
    assert loaded == {"path": saved["path"], "type": "load_weights"}
    np.testing.assert_array_equal(_logprobs(api, other, 3), trained)

    created = api.result(
        api.ok(
            "load_weights",
            {"session_id": session_id, "model_seq_id": 2, "path": saved["path"], "optimizer": False},
        )
    )
    assert created["model_id"] == f"{session_id}:train:2"
    np.testing.assert_array_equal(_logprobs(api, created["model_id"], 1), trained)
    info = api.ok("get_info", {"model_id": created["model_id"]})
    assert info["lora_rank"] == 8


def test_duplicate_checkpoint_name_fails_the_future_as_a_user_error(api: RawClient) -> None:
    model_id = api.create_model(api.session())
    api.result(api.ok("save_weights", {"model_id": model_id, "path": "dup", "seq_id": 1}))
    failed = api.poll(
        api.ok("save_weights", {"model_id": model_id, "path": "dup", "seq_id": 2})["request_id"]
    ).json()
    assert failed["category"] == "user"
    assert "already exists" in failed["error"]
    again = api.result(
        api.ok("save_weights", {"model_id": model_id, "path": "dup", "seq_id": 3, "overwrite": True})
    )
    assert again["path"].endswith("/weights/dup")


def test_sampler_weights_named_and_unnamed(api: RawClient) -> None:
    # covers TRN-07, TRN-08
    session_id = api.session()
    model_id = api.create_model(session_id)
    named = api.result(api.ok("save_weights_for_sampler", {"model_id": model_id, "path": "s1", "seq_id": 1}))
    assert named["path"] == f"tinker://{model_id}/sampler_weights/s1"
    unnamed = api.result(
        api.ok(
            "save_weights_for_sampler",
            {"model_id": model_id, "seq_id": 2, "sampling_session_seq_id": 0, "kind": "snapshot"},
        )
    )
    assert unnamed == {"type": "save_weights_for_sampler", "sampling_session_id": f"{session_id}:sample:0"}
    sampler = api.http.get(f"/api/v1/samplers/{unnamed['sampling_session_id']}").json()
    assert sampler["base_model"] == TEST_MODEL
    checkpoints = api.http.get(f"/api/v1/training_runs/{model_id}/checkpoints").json()["checkpoints"]
    assert [c["checkpoint_id"] for c in checkpoints] == ["sampler_weights/s1"]


def test_restart_keeps_checkpoints(server_factory: ServerFactory, tmp_path: Path) -> None:
    # a fresh process on the same data dir lists and loads what the old one saved
    first = server_factory.start(data_dir=tmp_path)
    api = RawClient(first.base_url)
    model_id = api.create_model(api.session(), seed=5)
    _train_once(api, model_id, 1)
    path = api.result(api.ok("save_weights", {"model_id": model_id, "path": "kept", "seq_id": 3}))["path"]
    expected = _logprobs(api, model_id, 4)
    api.close()
    first.stop()

    second = server_factory.start(data_dir=tmp_path)
    api = RawClient(second.base_url)
    assert api.post("get_info", {"model_id": model_id}).status_code == 404  # models live in memory
    runs = api.http.get("/api/v1/training_runs").json()["training_runs"]
    assert [r["training_run_id"] for r in runs] == [model_id]
    created = api.result(
        api.ok(
            "load_weights", {"session_id": api.session(), "model_seq_id": 0, "path": path, "optimizer": True}
        )
    )
    np.testing.assert_array_equal(_logprobs(api, created["model_id"], 1), expected)
    api.close()
