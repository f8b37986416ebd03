"""What a session and a connection leave behind on the local server (issue #15).

* A client that hangs up in the middle of a request body costs one debug line, not tracebacks.
* The models (and sampler snapshots) of a finished session (after a short grace period), or of
  one that went idle, are unloaded, and their memory returns: the model state is
  garbage-collected and JAX holds fewer bytes.
"""

from __future__ import annotations

import gc
import logging
import socket
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import jax
import pytest

from tinkex.server.runner import ServerHandle
from tinkex.server.testing import RawClient, ServerFactory, text_datum


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def server_logs() -> Iterator[Records]:
    """Every record of the server's and uvicorn's loggers, debug included."""
    handler = Records()
    loggers = [logging.getLogger(name) for name in ("tinkex", "uvicorn", "asyncio")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield handler
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def _wait_for(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def test_a_disconnect_mid_body_logs_one_debug_line(
    server_factory: ServerFactory, server_logs: Records
) -> None:
    server = server_factory.start()
    routes = [
        ("POST", "/api/v1/create_session"),
        ("POST", "/api/v1/forward_backward"),
        ("PUT", "/api/v1/training_runs/sess-x:train:0/checkpoints/weights/w/ttl"),
    ]
    for method, path in routes:
        with socket.create_connection((server.host, server.port)) as sock:
            head = f"{method} {path} HTTP/1.1\r\nHost: local\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n"
            sock.sendall(head.encode() + b'{"tags": [')
            time.sleep(0.1)  # the handler is now waiting for the rest of the body
    disconnects = lambda: [r for r in server_logs.records if "disconnected" in r.getMessage()]  # noqa: E731
    _wait_for(lambda: len(disconnects()) == len(routes))
    time.sleep(0.2)  # anything logged late would show up now
    assert [r.levelno for r in disconnects()] == [logging.DEBUG] * len(routes)
    assert len(disconnects()) == len(routes)
    assert [r.getMessage() for r in server_logs.records if r.levelno >= logging.WARNING or r.exc_info] == []


def _live_jax_bytes() -> int:
    gc.collect()
    return sum(array.nbytes for array in jax.live_arrays())


def _model_with_state(api: RawClient, server: ServerHandle) -> tuple[str, str, str, weakref.ref[Any]]:
    """A model with gradients and a sampler snapshot; returns (session, model, sampler, ref)."""
    session = api.session()
    model_id = api.create_model(session, rank=8)
    datum = text_datum([257, *b"memory that must come back"])
    api.forward_output(api.submit_forward_backward(model_id, 1, [datum]))
    sampler = api.result(
        api.ok("save_weights_for_sampler", {"model_id": model_id, "seq_id": 2, "sampling_session_seq_id": 0})
    )
    trainable = server.context.models[model_id].trainable
    assert trainable is not None and trainable.grads is not None
    return session, model_id, str(sampler["sampling_session_id"]), weakref.ref(trainable)


def _assert_released(api: RawClient, model_id: str, sampler_id: str, state: weakref.ref[Any]) -> None:
    _wait_for(lambda: (gc.collect(), state())[1] is None)
    assert api.post("get_info", {"model_id": model_id}).status_code == 404
    assert api.http.get(f"/api/v1/samplers/{sampler_id}").status_code == 404


def test_finishing_a_session_unloads_its_models_and_memory_returns(server_factory: ServerFactory) -> None:
    server = server_factory.start(finished_session_grace_s=0.3, session_sweep_interval_s=0.05)
    api = RawClient(server.base_url)
    try:
        session, model_id, sampler_id, state = _model_with_state(api, server)
        trainable = state()
        model_bytes = sum(
            a.nbytes for a in jax.tree_util.tree_leaves((trainable.params, trainable.opt_state))
        )
        del trainable
        before = _live_jax_bytes()
        reply = api.post(f"sessions/{session}/finish", {"reason": {"type": "success"}, "detail": None})
        assert reply.status_code == 200
        _assert_released(api, model_id, sampler_id, state)
        assert before - _live_jax_bytes() >= model_bytes
        # The run and its checkpoints are on disk and stay.
        assert api.http.get(f"/api/v1/training_runs/{model_id}").status_code == 200
    finally:
        api.close()


def test_an_idle_session_expires_and_releases_its_models(server_factory: ServerFactory) -> None:
    server = server_factory.start(session_sweep_interval_s=0.05)  # the default 10-minute timeout
    api = RawClient(server.base_url)
    try:
        idle, model_id, sampler_id, state = _model_with_state(api, server)
        busy = api.session()
        busy_model = api.create_model(busy, rank=4)
        # Instead of waiting 10 minutes: the idle session last did something an hour ago.
        idle_session = server.context.sessions.find(idle)
        assert idle_session is not None
        idle_session.last_active -= 3600
        _assert_released(api, model_id, sampler_id, state)
        assert api.post("session_heartbeat", {"session_id": idle}).status_code == 410
        assert api.ok("session_heartbeat", {"session_id": busy}) == {"type": "session_heartbeat"}
        assert api.post("get_info", {"model_id": busy_model}).status_code == 200
    finally:
        api.close()
