"""A loopback HTTP server playing both the Tinker API and the signed-URL host, for crafted
checkpoint archives (tests/reliability/test_downloads_*.py).

The checkpoint archive route answers 302 to ``archive_target`` (as the service does). Paths:

* ``/<name>``: ``routes[name]`` with ``Content-Length`` and any ``headers[name]``;
* ``/truncated/<name>``: promises four times the bytes it sends, then closes;
* ``/status/<code>``: that status, empty;
* ``/redirect/<n>/<name>``: ``n`` hops of 307 before ``/<name>``; ``/loop``: 307 to itself;
* ``/endless``: a chunked body of zeros that never ends (until the client hangs up);
* any POST (client startup): ``{}``.
"""

from __future__ import annotations

import io
import tarfile
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

ENDLESS_CHUNK = b"\0" * 65536


def make_tar(build: Callable[[tarfile.TarFile], Any], mode: str = "w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as tar:  # type: ignore[call-overload]
        build(tar)
    return buffer.getvalue()


def add_file(
    tar: tarfile.TarFile, name: str, data: bytes = b"x", *, pax: dict[str, str] | None = None
) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    if pax:
        info.pax_headers = pax
    tar.addfile(info, io.BytesIO(data))


def add_dir(tar: tarfile.TarFile, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    tar.addfile(info)


def add_special(tar: tarfile.TarFile, name: str, kind: bytes, link: str = "") -> None:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    tar.addfile(info)


class ArchiveServer:
    def __init__(self) -> None:
        self.routes: dict[str, bytes] = {}
        self.headers: dict[str, dict[str, str]] = {}
        self.archive_target = ""
        self.endless_bytes_sent = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                del args

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self._answer(200, b"{}", {"Content-Type": "application/json"})

            def _answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path.startswith("/api/v1/") and self.path.endswith("/archive"):
                    return self._answer(302, headers={"Location": outer.url(outer.archive_target)})
                parts = unquote(self.path).strip("/").split("/")
                if parts[0] == "status":
                    return self._answer(int(parts[1]))
                if parts[0] == "loop":
                    return self._answer(307, headers={"Location": "/loop"})
                if parts[0] == "redirect":
                    hops, name = int(parts[1]), parts[2]
                    location = f"/redirect/{hops - 1}/{name}" if hops > 1 else f"/{name}"
                    return self._answer(307, headers={"Location": location})
                if parts[0] == "endless":
                    return self._endless()
                body = outer.routes[parts[-1]]
                if parts[0] == "truncated":
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body) * 4))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return None
                headers = {"Content-Type": "application/gzip", **outer.headers.get(parts[-1], {})}
                return self._answer(200, body, headers)

            def _endless(self) -> None:
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self.close_connection = True
                try:
                    while True:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(ENDLESS_CHUNK), ENDLESS_CHUNK))
                        outer.endless_bytes_sent += len(ENDLESS_CHUNK)
                except OSError:  # the client hung up: what the test expects
                    return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{path.lstrip('/')}"
