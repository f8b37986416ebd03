"""A minimal real server for the REST routes and fault middleware: Starlette on uvicorn, loopback.

The app holds only the parts under test (storage, REST routes, fault middleware and admin
routes) plus one stand-in training endpoint that counts how often it really ran.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tinkex.server.faults import FaultInjector, FaultMiddleware, admin_routes
from tinkex.server.rest_routes import routes as rest_routes
from tinkex.server.storage import CheckpointStore, RunRecord
from tinkex.server.tinker_path import CheckpointKind
from tinkex.server.url_signing import UrlSigner

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class LiveServer:
    base_url: str
    store: CheckpointStore
    injector: FaultInjector
    clock: Clock
    signer: UrlSigner = field(
        default_factory=lambda: UrlSigner.from_secret(b"live-server-test-secret-32-bytes")
    )
    handled: Counter[str] = field(default_factory=Counter)

    def client(self, **options: object) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=10.0, **options)  # type: ignore[arg-type]

    def add_run(self, run_id: str, **changes: object) -> RunRecord:
        fields: dict[str, object] = {
            "run_id": run_id,
            "base_model": "local/byte-tiny",
            "lora_rank": 4,
            "train_attn": True,
            "train_mlp": False,
            "train_unembed": True,
            "lora_seed": 1,
            "session_id": run_id.split(":")[0],
            "created_at": self.clock(),
            "last_request_time": self.clock(),
            "user_metadata": None,
        }
        fields.update(changes)
        record = RunRecord(**fields)  # type: ignore[arg-type]
        self.store.create_run(record)
        self.clock.advance(1)
        return record

    def add_checkpoint(
        self, run_id: str, kind: CheckpointKind, name: str, files: dict[str, bytes] | None = None
    ) -> str:
        contents = files or {"adapter.npz": b"weights-" + name.encode()}

        def write(directory: Path) -> int:
            for relative, data in contents.items():
                (directory / relative).parent.mkdir(parents=True, exist_ok=True)
                (directory / relative).write_bytes(data)
            return sum(len(data) for data in contents.values())

        record = self.store.write_checkpoint(
            run_id,
            kind,
            name,
            write,
            overwrite=False,
            ttl_seconds=None,
            user_metadata=None,
        )
        self.clock.advance(1)
        return record.tinker_path


def _request_type_of(path: str) -> str | None:
    return path.rsplit("/", 1)[-1] if path.startswith("/api/v1/") else None


def build_app(server: LiveServer) -> FaultMiddleware:
    async def fake_forward_backward(request: Request) -> Response:
        body = await request.json()
        server.handled["forward_backward"] += 1
        return JSONResponse({"request_id": f"req-{server.handled['forward_backward']}", "echo": body})

    async def fake_no_content(request: Request) -> Response:
        server.handled["no_content"] += 1
        return Response(status_code=204)

    app = Starlette(
        routes=[
            *rest_routes(server.store, server.signer),
            *admin_routes(server.injector),
            Route("/api/v1/forward_backward", fake_forward_backward, methods=["POST"]),
            Route("/api/v1/no_content", fake_no_content, methods=["POST"]),
        ]
    )
    return FaultMiddleware(app, server.injector, _request_type_of)


@contextmanager
def running_server(data_dir: Path) -> Iterator[LiveServer]:
    """Start the app on a free loopback port; stop it on exit."""
    clock = Clock()
    server = LiveServer(
        base_url="", store=CheckpointStore(data_dir, clock=clock), injector=FaultInjector(), clock=clock
    )
    config = uvicorn.Config(
        build_app(server),
        host="127.0.0.1",
        port=0,
        http="h11",
        loop="asyncio",
        lifespan="off",
        log_level="critical",
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="rest-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.01)
    port = uv.servers[0].sockets[0].getsockname()[1]
    server.base_url = f"http://127.0.0.1:{port}"
    try:
        yield server
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
