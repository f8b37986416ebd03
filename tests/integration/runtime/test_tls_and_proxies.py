"""TLS, CA settings, HTTP/2 and proxies, as httpx users expect them (issue 14 §1).

* A real TLS endpoint (hypercorn, HTTP/2 and HTTP/1.1, a certificate from a test CA made with
  trustme): ``verify=`` a CA bundle path or an ``ssl.SSLContext``, ``SSL_CERT_FILE`` from the
  environment (``trust_env``, on by default, switchable), and ``http2=True`` negotiating HTTP/2.
* A real forward proxy (proxy.py, in its own process): an explicit ``proxy=``, and
  ``HTTP_PROXY``/``HTTPS_PROXY``/``NO_PROXY`` from the environment, through both transports.
"""

# covers HTTP-15, CFG-14, CFG-15

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

import tinkex

TRANSPORTS = ["aiohttp", "httpx"]
CAPABILITIES = b'{"supported_models": [{"model_name": "tls-model"}]}'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The two read-only Tinker endpoints these tests call, and the HTTP version they arrived in."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    body = CAPABILITIES if scope["path"].endswith("get_server_capabilities") else b'{"status": "ok"}'
    headers = [(b"content-type", b"application/json"), (b"x-http-version", scope["http_version"].encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def ca_file(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture(scope="module")
def tls_url(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from hypercorn.asyncio import serve
    from hypercorn.config import Config

    folder = tmp_path_factory.mktemp("tls")
    cert = ca.issue_cert("localhost", "127.0.0.1")
    cert.private_key_pem.write_to_path(str(folder / "key.pem"))
    cert.cert_chain_pems[0].write_to_path(str(folder / "cert.pem"))
    port = _free_port()
    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    config.certfile, config.keyfile = str(folder / "cert.pem"), str(folder / "key.pem")
    config.alpn_protocols = ["h2", "http/1.1"]
    config.accesslog = config.errorlog = None
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    thread = threading.Thread(
        target=loop.run_until_complete, args=(serve(_app, config, shutdown_trigger=stop.wait),), daemon=True
    )
    thread.start()
    _wait_for_port(port)
    yield f"https://localhost:{port}"
    loop.call_soon_threadsafe(stop.set)
    thread.join(timeout=10)


def _wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


def _service(url: str, **kwargs: Any) -> tinkex.ServiceClient:
    return tinkex.ServiceClient(
        base_url=url, api_key="tml-tls-test-key", max_retries=0, timeout=10.0, **kwargs
    )


def _capabilities(service: tinkex.ServiceClient) -> list[str | None]:
    try:
        return service.get_server_capabilities().model_names()
    finally:
        service.close()


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_ca_bundle_path_or_context_verifies_the_server(tls_url: str, ca_file: str, transport: str) -> None:
    assert _capabilities(_service(tls_url, verify=ca_file, transport=transport)) == ["tls-model"]
    context = ssl.create_default_context(cafile=ca_file)
    assert _capabilities(_service(tls_url, verify=context, transport=transport)) == ["tls-model"]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_an_unknown_ca_is_refused(
    tls_url: str, transport: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    monkeypatch.setenv("SSL_CERT_FILE", str(other))  # trust only a CA that did not sign the server
    with pytest.raises(tinkex.APIConnectionError):
        _capabilities(_service(tls_url, transport=transport))


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_ssl_cert_file_is_honoured_unless_trust_env_is_off(
    tls_url: str, ca_file: str, transport: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", ca_file)
    assert _capabilities(_service(tls_url, transport=transport)) == ["tls-model"]
    monkeypatch.setenv("SSL_CERT_DIR", str(Path(ca_file).parent))
    with pytest.raises(tinkex.APIConnectionError):  # the environment is ignored: system CAs only
        _capabilities(_service(tls_url, transport=transport, trust_env=False))


def test_http2_is_negotiated_when_asked_for(tls_url: str, ca_file: str) -> None:
    with _service(tls_url, verify=ca_file, http2=True) as service:
        raw = service.with_raw_response.get_server_capabilities()
        assert raw.http_response.http_version == "HTTP/2"
        assert raw.headers["x-http-version"] == "2"
    with _service(tls_url, verify=ca_file) as service:  # the default: HTTP/1.1
        assert service.with_raw_response.get_server_capabilities().headers["x-http-version"] == "1.1"


# ---- proxies ----------------------------------------------------------------------------------


class ForwardProxy:
    """proxy.py on a free loopback port, its access log in a file."""

    def __init__(self, log_file: Path) -> None:
        self.port = _free_port()
        self.log_file = log_file
        self._process = subprocess.Popen(
            [
                sys.executable, "-m", "proxy", "--hostname", "127.0.0.1", "--port", str(self.port),
                "--num-workers", "1", "--num-acceptors", "1", "--log-file", str(log_file), "--log-level", "INFO",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait_for_port(self.port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def saw(self, fragment: str) -> bool:
        # proxy.py logs each request it relays once the exchange ends.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if fragment in self.log_file.read_text(encoding="utf-8", errors="replace"):
                return True
            time.sleep(0.05)
        return False

    def close(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)


@pytest.fixture(scope="module")
def forward_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForwardProxy]:
    proxy = ForwardProxy(tmp_path_factory.mktemp("proxy") / "access.log")
    yield proxy
    proxy.close()


def _health(service: tinkex.ServiceClient) -> str:
    try:
        return str(service.health_check().status)
    finally:
        service.close()


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_an_explicit_proxy_carries_the_requests(
    local_server: Any, forward_proxy: ForwardProxy, transport: str
) -> None:
    assert _health(_service(local_server.base_url, proxy=forward_proxy.url, transport=transport)) == "ok"
    assert forward_proxy.saw(f"{local_server.port}/api/v1/healthz")


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_environment_proxies_and_no_proxy(
    local_server: Any, forward_proxy: ForwardProxy, transport: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = local_server.base_url.replace("127.0.0.1", "localhost")  # a path the proxy has not logged yet
    monkeypatch.setenv("HTTP_PROXY", forward_proxy.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    assert _health(_service(url + "/", transport=transport)) == "ok"
    assert forward_proxy.saw(f"localhost:{local_server.port}/api/v1/healthz")

    before = forward_proxy.log_file.read_text(encoding="utf-8", errors="replace").count(
        "/api/v1/get_server_capabilities"
    )
    monkeypatch.setenv("NO_PROXY", "localhost")
    _capabilities(_service(url, transport=transport))
    monkeypatch.delenv("NO_PROXY")
    _capabilities(_service(url, transport=transport, trust_env=False))
    time.sleep(0.5)
    after = forward_proxy.log_file.read_text(encoding="utf-8", errors="replace").count(
        "/api/v1/get_server_capabilities"
    )
    assert after == before, "NO_PROXY and trust_env=False must both bypass the proxy"


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_https_through_the_proxy_tunnel(
    tls_url: str, ca_file: str, forward_proxy: ForwardProxy, transport: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", forward_proxy.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    assert _capabilities(_service(tls_url, verify=ca_file, transport=transport)) == ["tls-model"]
    assert forward_proxy.saw(f"CONNECT localhost:{tls_url.rsplit(':', 1)[1]}")
