"""Starting the server: blocking (``run_server``, the CLI) or in-process on a daemon thread (``start_server``).

Startup, in order: refuse an unsafe exposure (``exposure``), lock the data dir (a second server
on it stops here), load the data dir's secret, repair what a crash left in the store, then bind
and serve with uvicorn's limits plus the connection guards of ``connections``.
"""

from __future__ import annotations

import logging
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import uvicorn

from tinkex.server.app import build_app
from tinkex.server.auth import ApiKeys
from tinkex.server.connections import (
    ConnectionLimits,
    guarded_h11_protocol,
    raise_descriptor_limit,
    share_of_descriptors,
)
from tinkex.server.context import ServerConfig, ServerContext
from tinkex.server.data_dir import DataDirInUse, DataDirLock, default_data_dir, load_or_create_secret
from tinkex.server.exposure import UnsafeExposure, check_exposure
from tinkex.server.faults import FaultInjector
from tinkex.server.jwt_tokens import TokenIssuer
from tinkex.server.model.catalog import MODEL_CATALOG
from tinkex.server.storage import CheckpointStore
from tinkex.server.url_signing import UrlSigner

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DataDirInUse",
    "ServerHandle",
    "UnsafeExposure",
    "check_models",
    "default_data_dir",
    "run_server",
    "start_server",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
STARTUP_TIMEOUT_S = 60.0
_log = logging.getLogger(__name__)


def check_models(models: Sequence[str] | None) -> tuple[str, ...]:
    if not models:
        return tuple(MODEL_CATALOG)
    unknown = [name for name in models if name not in MODEL_CATALOG]
    if unknown:
        raise ValueError(f"models: unknown model(s) {', '.join(unknown)}; known: {', '.join(MODEL_CATALOG)}")
    return tuple(models)


@dataclass
class _Prepared:
    ctx: ServerContext
    injector: FaultInjector | None
    lock: DataDirLock


def _prepare(
    config: ServerConfig, host: str, allow_unauthenticated: bool, warn: Callable[[str], None]
) -> _Prepared:
    """Everything before binding; the data dir stays locked until ``lock.release()``."""
    warning = check_exposure(
        host,
        has_keys=bool(config.api_keys),
        allow_unauthenticated=allow_unauthenticated,
        enable_test_hooks=config.enable_test_hooks,
    )
    lock = DataDirLock(config.data_dir).acquire()
    try:
        secret = load_or_create_secret(config.data_dir)
        injector = FaultInjector() if config.enable_test_hooks else None
        store = CheckpointStore(config.data_dir, on_save_step=injector.save_step if injector else None)
        store.recover()
        ctx = ServerContext(
            config=config,
            store=store,
            signer=UrlSigner.from_secret(secret),
            tokens=TokenIssuer.for_secret(secret),
            api_keys=ApiKeys(config.api_keys, secret) if config.api_keys else None,
            faults=injector,
        )
    except BaseException:
        lock.release()
        raise
    if warning is not None:
        warn(warning)
    return _Prepared(ctx, injector, lock)


class _Server(uvicorn.Server):
    """uvicorn's server, also releasing pending long-polls when asked to exit (Ctrl-C included)."""

    def __init__(self, config: uvicorn.Config, ctx: ServerContext) -> None:
        super().__init__(config)
        self._ctx = ctx

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        release_long_polls(self._ctx)
        super().handle_exit(sig, frame)
        # uvicorn re-raises the captured signal after its graceful shutdown, which turns a clean
        # Ctrl-C into a KeyboardInterrupt traceback; the shutdown is complete, so exit normally.
        captured = getattr(self, "_captured_signals", None)
        if isinstance(captured, list):
            captured.clear()


def release_long_polls(ctx: ServerContext) -> None:
    loop = ctx.loop
    if loop is not None and not loop.is_closed():
        loop.call_soon_threadsafe(ctx.futures.close)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP, not the default 0: asyncio turns Nagle off (TCP_NODELAY) only on accepted
    # sockets whose proto says TCP. With Nagle on, a reply written in two parts (head, then body)
    # waits for the client's delayed ACK: ~40 ms on every request of a kept-alive connection.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _uvicorn_server(ctx: ServerContext, injector: FaultInjector | None, log_level: str) -> _Server:
    raise_descriptor_limit()  # first: the limits below are shares of it
    limits = ctx.config
    config = uvicorn.Config(
        build_app(ctx, injector),
        # h11 (pure Python; lets fault injection truncate responses), with head/body deadlines
        http=guarded_h11_protocol(
            ConnectionLimits(limits.head_timeout_s, limits.body_timeout_s, limits.max_waiting_connections)
        ),
        loop="asyncio",
        lifespan="on",
        log_level=log_level,
        access_log=False,
        timeout_graceful_shutdown=3,
        # Above this many connections or running requests uvicorn answers 503 (retried by the SDKs)
        # instead of letting the process run out of file descriptors.
        limit_concurrency=share_of_descriptors(limits.max_connections, 0.75),
        timeout_keep_alive=limits.keep_alive_s,
        h11_max_incomplete_event_size=limits.max_request_head_bytes,
    )
    return _Server(config, ctx)


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _config(
    data_dir: Path,
    models: Sequence[str] | None,
    enable_test_hooks: bool,
    compile_cache_dir: Path | None,
    api_keys: Sequence[str],
    overrides: dict[str, Any],
) -> ServerConfig:
    config = ServerConfig(
        data_dir=Path(data_dir),
        models=check_models(models),
        api_keys=tuple(api_keys),
        enable_test_hooks=enable_test_hooks,
        compile_cache_dir=compile_cache_dir,
    )
    return replace(config, **overrides)


def run_server(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    data_dir: Path | None = None,
    models: Sequence[str] | None = None,
    enable_test_hooks: bool = False,
    compile_cache_dir: Path | None = None,
    *,
    api_keys: Sequence[str] = (),
    allow_unauthenticated: bool = False,
    on_listening: Callable[[str], None] = lambda url: print(f"listening on {url}", flush=True),
    on_warning: Callable[[str], None] = lambda text: print(text, flush=True),
    log_level: str = "info",
    **config_overrides: Any,
) -> None:
    """Serve until Ctrl-C / SIGTERM; queued jobs finish, then the worker stops.

    Raises ``UnsafeExposure`` or ``DataDirInUse`` (with a message for the user) before serving.
    """
    directory = Path(data_dir) if data_dir is not None else default_data_dir()
    config = _config(directory, models, enable_test_hooks, compile_cache_dir, api_keys, config_overrides)
    prepared = _prepare(config, host, allow_unauthenticated, on_warning)
    try:
        sock = _bind(host, port)
        try:
            server = _uvicorn_server(prepared.ctx, prepared.injector, log_level)
            on_listening(_url(host, sock.getsockname()[1]))
            server.run(sockets=[sock])
        finally:
            prepared.ctx.worker.stop()
            sock.close()
    finally:
        prepared.lock.release()


@dataclass
class ServerHandle:
    """A server running in this process; ``stop()`` (or leaving the ``with`` block) shuts it down."""

    base_url: str
    host: str
    port: int
    context: ServerContext
    faults: FaultInjector | None
    _server: _Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _socket: socket.socket = field(repr=False)
    _lock: DataDirLock = field(repr=False)
    _temp_dir: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.context.config.data_dir

    def stop(self, timeout_s: float = 15.0) -> None:
        release_long_polls(self.context)
        self._server.should_exit = True
        self._thread.join(timeout_s)
        self.context.worker.stop(timeout_s)
        self._socket.close()
        self._lock.release()
        if self._temp_dir is not None:
            self._temp_dir.cleanup()
            self._temp_dir = None

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_server(
    *,
    host: str = DEFAULT_HOST,
    port: int = 0,
    data_dir: Path | None = None,
    models: Sequence[str] | None = None,
    enable_test_hooks: bool = False,
    compile_cache_dir: Path | None = None,
    api_keys: Sequence[str] = (),
    allow_unauthenticated: bool = False,
    log_level: str = "warning",
    **config_overrides: Any,
) -> ServerHandle:
    """Start a server on a daemon thread (port 0 = a free port) and return once it accepts requests.

    Without ``data_dir`` checkpoints go to a temporary directory removed by ``stop()``.
    ``config_overrides`` sets other ``ServerConfig`` fields (e.g. ``long_poll_s`` in tests).
    """
    temp_dir: tempfile.TemporaryDirectory[str] | None = None
    if data_dir is None:
        temp_dir = tempfile.TemporaryDirectory(prefix="tinkex-server-")
        data_dir = Path(temp_dir.name)
    try:
        config = _config(data_dir, models, enable_test_hooks, compile_cache_dir, api_keys, config_overrides)
        prepared = _prepare(config, host, allow_unauthenticated, _log.warning)
    except BaseException:
        if temp_dir is not None:
            temp_dir.cleanup()
        raise
    try:
        sock = _bind(host, port)
    except BaseException:
        prepared.lock.release()
        raise
    server = _uvicorn_server(prepared.ctx, prepared.injector, log_level)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="tinkex-server", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if not thread.is_alive():
            sock.close()
            prepared.lock.release()
            raise RuntimeError("the local server failed to start (see the log above)")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the local server did not start within {STARTUP_TIMEOUT_S} s")
        time.sleep(0.005)
    port = sock.getsockname()[1]
    return ServerHandle(
        _url(host, port),
        host,
        port,
        prepared.ctx,
        prepared.injector,
        server,
        thread,
        sock,
        prepared.lock,
        temp_dir,
    )
