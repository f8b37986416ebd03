"""Helpers for tests that run against the local server: start/stop servers, a raw protocol client.

``RawClient`` speaks the wire protocol directly (httpx + the protobuf codec), so server tests do
not depend on the SDK under test. ``ServerFactory`` starts extra servers (e.g. a restart on the
same data dir) and stops all of them at the end. ``server_process`` runs one in a child process,
for tests that kill it or change its process-wide limits.
"""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import numpy as np

from tinkex._wire.proto_codec import (
    ForwardBackwardOutputData,
    WireChunk,
    WireDatum,
    WireSampleResponse,
    WireTensor,
    decode_forward_backward_output,
    decode_sample_response,
    encode_forward_backward_request,
)
from tinkex.server.runner import ServerHandle, start_server

TEST_MODEL = "local/byte-tiny"
PROTOBUF = "application/x-protobuf"


class ServerFactory:
    """Starts servers on free loopback ports; ``stop_all()`` shuts every one of them down."""

    def __init__(self, **defaults: Any) -> None:
        self._defaults = defaults
        self.handles: list[ServerHandle] = []

    def start(self, **overrides: Any) -> ServerHandle:
        handle = start_server(**{**self._defaults, **overrides})
        self.handles.append(handle)
        return handle

    def stop_all(self) -> None:
        while self.handles:
            self.handles.pop().stop()


@dataclass
class ServerProcess:
    """A server in a child process: its URL, the process, and what it printed."""

    base_url: str
    process: subprocess.Popen[str]
    _lines: queue.Queue[str] = field(repr=False)
    _seen: list[str] = field(default_factory=list, repr=False)

    def output(self) -> str:
        """Everything the process printed until now."""
        while not self._lines.empty():
            self._seen.append(self._lines.get())
        return "".join(self._seen)


_WITH_OPEN_FILES = (
    "import resource, runpy; "
    "resource.setrlimit(resource.RLIMIT_NOFILE, ({}, resource.getrlimit(resource.RLIMIT_NOFILE)[1])); "
    "runpy.run_module('tinkex.server', run_name='__main__')"
)


@contextmanager
def server_process(
    *args: str,
    env: Mapping[str, str] | None = None,
    soft_open_files: int | None = None,
    startup_timeout_s: float = 120.0,
) -> Iterator[ServerProcess]:
    """Run ``python -m tinkex.server --port 0 ARGS`` until it prints its URL; kill it on exit.

    ``soft_open_files`` starts it with that soft limit on open files (macOS's default is 256).

    A start that fails raises RuntimeError with the process's output.
    """
    command = [sys.executable, "-m", "tinkex.server", "--port", "0", *args]
    if soft_open_files is not None:  # lower the soft open-file limit first (POSIX only)
        command[1:3] = ["-c", _WITH_OPEN_FILES.format(soft_open_files)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=None if env is None else dict(env),
    )
    lines: queue.Queue[str] = queue.Queue()
    stdout = process.stdout
    assert stdout is not None

    def pump() -> None:
        for line in stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    started = ServerProcess("", process, lines)
    try:
        deadline = time.monotonic() + startup_timeout_s
        while time.monotonic() < deadline and not started.base_url:
            if process.poll() is not None and lines.empty():
                break
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            started._seen.append(line)
            match = re.search(r"listening on (http://\S+)", line)
            started.base_url = match.group(1) if match else ""
        if not started.base_url:
            time.sleep(0.2)  # let the reader collect the last lines of a failed start
            raise RuntimeError(
                f"the server process did not start (exit {process.poll()}):\n{started.output()}"
            )
        yield started
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(30)


@contextmanager
def hold_worker(handle: ServerHandle, timeout_s: float = 30.0) -> Iterator[threading.Event]:
    """Occupy the worker thread until the block exits, so queued jobs stay pending meanwhile."""
    release = threading.Event()
    started = threading.Event()

    def occupy() -> None:
        started.set()
        release.wait(timeout_s)

    handle.context.worker.submit(occupy, lambda result, error: None)
    started.wait(timeout_s)
    try:
        yield release
    finally:
        release.set()


def text_datum(tokens: Sequence[int], weights: Sequence[float] | None = None) -> WireDatum:
    """A next-token datum: inputs are ``tokens[:-1]``, targets ``tokens[1:]``."""
    n = len(tokens) - 1
    w = np.ones(n, np.float32) if weights is None else np.asarray(weights, np.float32)
    return WireDatum(
        chunks=[WireChunk.text(list(tokens[:-1]))],
        inputs={
            "target_tokens": WireTensor(np.asarray(tokens[1:], np.int64), "int64", (n,)),
            "weights": WireTensor(w, "float32", (n,)),
        },
    )


def json_datum(tokens: Sequence[int]) -> dict[str, Any]:
    """The legacy JSON form of ``text_datum``."""
    n = len(tokens) - 1
    return {
        "model_input": {"chunks": [{"type": "encoded_text", "tokens": list(tokens[:-1])}]},
        "loss_fn_inputs": {
            "target_tokens": {"data": list(tokens[1:]), "dtype": "int64", "shape": [n]},
            "weights": {"data": [1.0] * n, "dtype": "float32", "shape": [n]},
        },
    }


class RawClient:
    """Minimal protocol client over httpx for server tests."""

    def __init__(self, base_url: str, timeout_s: float = 120.0) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=timeout_s)

    def close(self) -> None:
        self.http.close()

    def post(self, path: str, body: dict[str, Any] | None = None, **kwargs: Any) -> httpx.Response:
        return self.http.post(f"/api/v1/{path}", json=body if body is not None else {}, **kwargs)

    def ok(self, path: str, body: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
        response = self.post(path, body, **kwargs)
        if response.status_code != 200:
            raise AssertionError(f"{path}: HTTP {response.status_code}: {response.text}")
        reply: dict[str, Any] = response.json()
        return reply

    def poll(self, request_id: str, *, protobuf: bool = False) -> httpx.Response:
        """Poll until the reply is not ``try_again``; returns the final HTTP response."""
        headers = {"accept": PROTOBUF} if protobuf else {}
        while True:
            response = self.post(
                "retrieve_future", {"request_id": request_id, "allow_metadata_only": False}, headers=headers
            )
            if response.status_code != 200 or PROTOBUF in response.headers.get("content-type", ""):
                return response
            if response.json().get("type") != "try_again":
                return response

    def result(self, future: dict[str, Any]) -> dict[str, Any]:
        """The JSON result of a future reply; fails on an error result."""
        reply: dict[str, Any] = self.poll(future["request_id"]).json()
        if "error" in reply:
            raise AssertionError(f"future {future['request_id']} failed: {reply}")
        return reply

    def session(self) -> str:
        return str(
            self.ok("create_session", {"tags": [], "user_metadata": {}, "sdk_version": "test"})["session_id"]
        )

    def create_model(self, session_id: str, model_seq_id: int = 0, rank: int = 8, seed: int = 0) -> str:
        future = self.ok(
            "create_model",
            {
                "session_id": session_id,
                "model_seq_id": model_seq_id,
                "base_model": TEST_MODEL,
                "lora_config": {"rank": rank, "seed": seed},
            },
        )
        return str(self.result(future)["model_id"])

    def submit_forward_backward(
        self,
        model_id: str,
        seq_id: int,
        data: Sequence[WireDatum],
        *,
        forward_only: bool = False,
        **headers: str,
    ) -> dict[str, Any]:
        body = encode_forward_backward_request(model_id, seq_id, "cross_entropy", {}, data, forward_only)
        response = self.http.post(
            "/api/v1/forward_backward", content=body, headers={"content-type": PROTOBUF, **headers}
        )
        if response.status_code != 200:
            raise AssertionError(f"forward_backward: HTTP {response.status_code}: {response.text}")
        reply: dict[str, Any] = response.json()
        return reply

    def forward_output(self, future: dict[str, Any]) -> ForwardBackwardOutputData:
        response = self.poll(future["request_id"], protobuf=True)
        assert PROTOBUF in response.headers["content-type"], response.text
        return decode_forward_backward_output(response.content)

    def sample_output(self, future: dict[str, Any]) -> WireSampleResponse:
        response = self.poll(future["request_id"], protobuf=True)
        assert PROTOBUF in response.headers["content-type"], response.text
        return decode_sample_response(response.content)

    def optim_step(self, model_id: str, seq_id: int, learning_rate: float = 3e-3) -> dict[str, Any]:
        future = self.ok(
            "optim_step",
            {"model_id": model_id, "seq_id": seq_id, "adam_params": {"learning_rate": learning_rate}},
        )
        return self.result(future)
