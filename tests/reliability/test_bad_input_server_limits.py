"""Oversized and deeply nested bodies are refused without exhausting the server's memory
(covers the server body limit in ``tinkex/server/limits.py``; issue 9 "bad input").

The server runs in this process, so the process RSS, sampled on a thread while the request is
in flight, is the server's memory. Every case sends (or declares) far more than the limit and
checks that the growth stays well below what buffering the body would cost.
"""

from __future__ import annotations

import select
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import pytest
import zstandard

import tinkex
from tests.conftest import TEST_API_KEY
from tinkex import types as T

from ._inputs import RssPeak, record_tally, tally

pytestmark = pytest.mark.usefixtures("record_tally")
__all__ = ["record_tally"]

LIMIT = 8 << 20  # the fresh server's max_body_bytes for these tests
MiB = 1 << 20


@pytest.fixture(scope="module")
def limited_server(compile_cache: Any) -> Iterator[Any]:
    from tinkex.server.testing import TEST_MODEL, ServerFactory

    factory = ServerFactory(models=[TEST_MODEL], enable_test_hooks=True, compile_cache_dir=compile_cache)
    yield factory.start(max_body_bytes=LIMIT)
    factory.stop_all()


def _status_line(sock: socket.socket) -> bytes:
    sock.settimeout(30)
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.split(b"\r\n", 1)[0]


def _stream_chunked(server: Any, path: str, total: int, chunk: int = MiB) -> bytes:
    """Send ``total`` bytes chunked (no Content-Length) until the server answers; its status line."""
    sock = socket.create_connection((server.host, server.port))
    try:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        piece = f"{chunk:x}\r\n".encode() + b"7" * chunk + b"\r\n"
        sent = 0
        while sent < total:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:  # the server answered early: stop sending, as a real client would
                break
            try:
                sock.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += chunk
        tally("server bytes offered", sent)
        return _status_line(sock)
    finally:
        sock.close()


def test_declared_oversized_body_is_refused_unread(limited_server: Any) -> None:
    sock = socket.create_connection((limited_server.host, limited_server.port))
    try:
        with RssPeak() as rss:
            sock.sendall(
                b"POST /api/v1/forward_backward HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                b"Content-Length: 209715200\r\n\r\n"  # 200 MB promised, none sent
            )
            status = _status_line(sock)
    finally:
        sock.close()
    tally("oversized bodies tried")
    assert status.startswith(b"HTTP/1.1 413"), status
    tally("oversized bodies refused")
    assert rss.growth < 32 * MiB


def test_streamed_oversized_body_is_cut_off(limited_server: Any) -> None:
    with RssPeak() as rss:
        status = _stream_chunked(limited_server, "/api/v1/create_session", total=256 * MiB)
    tally("oversized bodies tried")
    assert status.startswith(b"HTTP/1.1 413"), status
    tally("oversized bodies refused")
    # Buffering the 256 MiB offered would show; reading up to the 8 MiB limit may not.
    assert rss.growth < 64 * MiB, rss.growth


def test_zstd_bomb_is_refused_after_bounded_decompression(limited_server: Any) -> None:
    bomb = zstandard.ZstdCompressor(level=19).compress(b"\0" * (512 * MiB))  # ~16 KB on the wire
    with RssPeak() as rss, httpx.Client(base_url=limited_server.base_url, timeout=60) as client:
        reply = client.post(
            "/api/v1/forward_backward",
            content=bomb,
            headers={"content-type": "application/json", "content-encoding": "zstd"},
        )
    tally("oversized bodies tried")
    assert reply.status_code == 413 and reply.json()["detail"].startswith("body:")
    tally("oversized bodies refused")
    assert rss.growth < 96 * MiB, rss.growth


@pytest.mark.parametrize("depth", [2_000, 100_000])  # orjson stops at 1024 levels
def test_deeply_nested_json_is_a_400(limited_server: Any, depth: int) -> None:
    nested = b'{"model_id": ' + b"[" * depth + b"]" * depth + b"}"
    with httpx.Client(base_url=limited_server.base_url, timeout=60) as client:
        for path in ("/api/v1/forward_backward", "/api/v1/create_session", "/api/v1/asample"):
            reply = client.post(path, content=nested, headers={"content-type": "application/json"})
            tally("deeply nested bodies tried")
            assert reply.status_code == 400, (path, reply.status_code, reply.text[:200])
            tally("deeply nested bodies refused")
        assert client.get("/api/v1/healthz").status_code == 200  # and the server is still up


def test_forward_backward_with_a_million_tokens_is_refused(limited_server: Any) -> None:
    # One datum cannot be split into chunks, so the SDK sends it whole: the server's limit
    # (not the client's chunking) is what refuses it.
    tokens = np.arange(1_000_000, dtype=np.int64) % 256
    datum = T.Datum(
        model_input=T.ModelInput.from_ints(tokens),
        loss_fn_inputs={"target_tokens": tokens, "weights": np.ones(tokens.size, dtype=np.float32)},
    )
    service = tinkex.ServiceClient(
        base_url=limited_server.base_url, api_key=TEST_API_KEY, telemetry_enabled=False, max_retries=0
    )
    try:
        training = service.create_lora_training_client(base_model="local/byte-tiny", rank=2).result(
            timeout=120
        )
        with RssPeak() as rss, pytest.raises(tinkex.APIStatusError) as info:
            training.forward_backward([datum], "cross_entropy").result(timeout=120)
        tally("oversized bodies tried")
        assert info.value.status_code == 413, info.value
        tally("oversized bodies refused")
        assert rss.growth < 256 * MiB, rss.growth
        # The refusal leaves the client usable.
        small = T.Datum(
            model_input=T.ModelInput.from_ints([1, 2]),
            loss_fn_inputs={"target_tokens": [2, 3], "weights": [1.0, 1.0]},
        )
        assert training.forward_backward([small], "cross_entropy").result(timeout=120).loss_fn_outputs
    finally:
        service.close().result(timeout=60)
