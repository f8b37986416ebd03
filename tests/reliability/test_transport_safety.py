"""Transport safety against a real socket server that misbehaves on purpose (issue 14 §2).

* a body trickled a byte every 0.2 s ends in ``APITimeoutError`` within the timeout plus slack:
  every attempt has a wall-clock deadline covering the body, not just the headers;
* thousands of ``100 Continue`` lines never crash the client (no RecursionError);
* an HTML page, a garbled gzip body, or JSON that does not match the schema, all with status
  200, raise ``APIResponseValidationError`` with the status and the request id (sent once: the
  clients here are configured with ``max_retries=0``);
* a connection the server closes or resets before replying is an ``APIConnectionError``, not
  a timeout;
* a response past the size cap (measured after decompression: a gzip bomb) raises the typed
  ``ResponseTooLargeError`` and memory stays bounded.

The calls are real SDK calls (``ServiceClient.get_server_capabilities``), through the default
transport and through httpx's own.
"""

from __future__ import annotations

import asyncio
import functools
import os
import socket
import struct
import subprocess
import sys
import time
import zlib
from typing import TypeVar

import pytest

import tinkex

from ._raw_http import RawHttpServer, RawRequest, response

TRANSPORTS = ["aiohttp", "httpx"]
E = TypeVar("E", bound=BaseException)
TIMEOUT_S = 1.0
# Far inside the timeout: only a deadline over the whole body, not one per read, ends the call.
TRICKLE_GAP_S = 0.2
SLACK_S = 3.0  # a loaded 2-core CI box: scheduling, not the deadline, is what this allows for


def _service(url: str, transport: str, **kwargs: object) -> tinkex.ServiceClient:
    return tinkex.ServiceClient(
        base_url=url,
        api_key="tml-transport-test",
        transport=transport,
        max_retries=0,
        timeout=TIMEOUT_S,
        **kwargs,
    )


def _refused_with(error: type[E], server: RawHttpServer, transport: str, **kwargs: object) -> E:
    """The ``error`` one ``get_server_capabilities`` call against ``server`` raises."""
    service = _service(server.url, transport, **kwargs)
    try:
        with pytest.raises(error) as caught:
            service.get_server_capabilities()
    finally:
        service.close()
    return caught.value


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_trickled_body_times_out_within_the_deadline(transport: str) -> None:
    async def trickle(request: RawRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{")
        await writer.drain()
        for _ in range(300):
            await asyncio.sleep(TRICKLE_GAP_S)
            writer.write(b" ")
            await writer.drain()

    with RawHttpServer(trickle) as server:
        service = _service(server.url, transport)
        started = time.monotonic()
        with pytest.raises(tinkex.APITimeoutError):
            service.get_server_capabilities()
        elapsed = time.monotonic() - started
        service.close()
    assert TIMEOUT_S * 0.9 <= elapsed <= TIMEOUT_S + SLACK_S, elapsed


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_thousands_of_continue_lines_do_not_crash_the_client(transport: str) -> None:
    async def continues(request: RawRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n" * 5000)
        writer.write(response(200, b'{"supported_models": []}', headers={"content-type": "application/json"}))

    with RawHttpServer(continues) as server:
        service = _service(server.url, transport)
        try:
            result = service.get_server_capabilities()
        except tinkex.APIError:
            pass  # a typed refusal is fine; a crash (RecursionError) or a hang is not
        else:
            assert result.supported_models == []
        finally:
            service.close()


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("reset", [False, True], ids=["closed", "reset"])
def test_a_connection_dropped_before_the_reply_is_a_connection_error(transport: str, reset: bool) -> None:
    """The server reads the request, then closes (or resets) the connection without a word: an
    ``APIConnectionError`` naming what happened, never an ``APITimeoutError`` (nothing timed out;
    aiohttp's dropped-connection errors reach httpx as ``ConnectTimeout``)."""

    async def drop(request: RawRequest, writer: asyncio.StreamWriter) -> None:
        if reset:  # linger 0: close() sends RST instead of FIN
            linger = struct.pack("ii", 1, 0)
            writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        writer.close()

    with RawHttpServer(drop) as server:
        error = _refused_with(tinkex.APIConnectionError, server, transport)
    assert not isinstance(error, tinkex.APITimeoutError), error
    assert "timed out" not in str(error)
    assert server.requests  # it was sent (aiohttp itself sends an idempotent GET again once)


def _answering(body: bytes, **headers: str) -> RawHttpServer:
    async def answer(request: RawRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(response(200, body, headers={"x-request-id": "req-garbled-1", **headers}))

    return RawHttpServer(answer)


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b"<html><body>Bad gateway page served as 200</body></html>", {"content-type": "text/html"}),
        (
            b"\x1f\x8b\x08\x00garbage that is not gzip",
            {"content-type": "application/json", "content-encoding": "gzip"},
        ),
        (b'{"supported_models": "not a list"}', {"content-type": "application/json"}),
        (b"[1, 2, 3]", {"content-type": "application/json"}),
    ],
    ids=["html", "garbled-gzip", "wrong-shape", "not-an-object"],
)
def test_an_unparseable_2xx_is_an_api_response_validation_error(
    transport: str, body: bytes, headers: dict[str, str]
) -> None:
    with _answering(body, **headers) as server:
        error = _refused_with(tinkex.APIResponseValidationError, server, transport)
    assert error.status_code == 200
    assert len(server.requests) == 1  # a client configured with max_retries=0 sends it once
    if "content-encoding" not in headers:  # a body that cannot even be decoded has no reply to read
        assert error.request_id == "req-garbled-1"


@functools.cache  # built once for both transports: compressing 512 MiB takes about a second
def _gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes, gzip-compressed without ever holding them (about size/1000 bytes)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip stream
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    return b"".join([*parts, packer.flush()])


BOMB_CHILD = """
import sys
import tinkex
from tinkex import ResponseTooLargeError

service = tinkex.ServiceClient(base_url=sys.argv[1], api_key="tml-transport-test", transport=sys.argv[2],
                               max_retries=0, timeout=30, max_response_bytes=8 * 1024 * 1024)
try:
    service.get_server_capabilities()
except ResponseTooLargeError as exc:
    print("refused", exc.status_code, "max_response_bytes" in str(exc))
finally:
    service.close()
# VmHWM: this process's own peak (ru_maxrss would include the parent's peak, inherited at fork).
status = open("/proc/self/status").read()
print("peak_mib", int(status.split("VmHWM:")[1].split()[0]) // 1024)
"""


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_gzip_bomb_stops_at_the_size_cap(transport: str) -> None:
    bomb = _gzip_bomb(512 * 1024 * 1024)  # ~0.5 MB on the wire, 512 MiB once inflated
    with _answering(bomb, **{"content-type": "application/json", "content-encoding": "gzip"}) as server:
        # A fresh process, so its peak RSS is the client's own (this one has trained models).
        child = subprocess.run(
            [sys.executable, "-c", BOMB_CHILD, server.url, transport],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "TINKER_TELEMETRY": "0"},
        )
    assert child.returncode == 0, child.stderr
    assert "refused 200 True" in child.stdout
    peak = int(child.stdout.split("peak_mib")[1].split()[0])
    assert peak < 400, f"peak RSS {peak} MiB for a 512 MiB bomb with an 8 MiB cap"


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_plain_body_past_the_cap_is_refused(transport: str, declared: bool) -> None:
    body = b'{"supported_models": [], "pad": "' + b"x" * (2 << 20) + b'"}'

    async def answer(request: RawRequest, writer: asyncio.StreamWriter) -> None:
        if declared:
            writer.write(response(200, body, headers={"content-type": "application/json"}))
            return
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        for start in range(0, len(body), 65536):
            piece = body[start : start + 65536]
            writer.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        writer.write(b"0\r\n\r\n")

    with RawHttpServer(answer) as server:
        error = _refused_with(tinkex.ResponseTooLargeError, server, transport, max_response_bytes=1 << 20)
    assert "max_response_bytes" in str(error)
