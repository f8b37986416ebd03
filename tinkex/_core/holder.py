"""State shared by one ``ServiceClient`` and every client it creates (protocol §6).

Startup is lazy: nothing is sent until the first call needs the session. Then, once:
``client/config`` (a 404 aborts), ``client/dynamic_config`` (a 404 keeps defaults),
``create_session``, and the background heartbeat and telemetry tasks.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Mapping
from typing import Any

from tinker_openapi.api.service import get_client_config, get_client_dynamic_config, send_telemetry
from tinker_openapi.api.session import create_session, finish_session

from .._config.logging_setup import setup_logging_once
from .._http.calls import ApiClient, call
from .._http.options import CallOptions, PoolType
from .._http.redact import redact_value
from ..config import Config
from ..errors import NotFoundError
from ..telemetry.reporter import TelemetryReporter
from ..types import (
    ClientConfigRequest,
    CreateSessionRequest,
    CreateSessionResponse,
    FinishSessionReason,
    FinishSessionRequest,
    TelemetrySendRequest,
)
from . import lifecycle as _lifecycle
from .heartbeat import Heartbeat

_log = logging.getLogger("tinkex")

DEFAULT_CLIENT_CONFIG: dict[str, Any] = {
    "fwdbwd_max_chunk_len": 1024,
    "fwdbwd_max_chunk_bytes_count": 5_000_000,
    "parallel_fwdbwd_chunks": True,
    "proto_compress_fwdbwd": False,
    "sample_max_concurrent_requests": 2000,
    "sample_no_retries": False,
    "sample_enable_stuck_detection": True,
}
FinishStatus = _lifecycle.FinishStatus


class ClientHolder:
    """Config, HTTP pools, session, heartbeat, telemetry and the session-scoped counters."""

    def __init__(
        self,
        config: Config,
        *,
        user_metadata: Mapping[str, str] | None = None,
        project_id: str | None = None,
        display_name: str | None = None,
        sessionless: bool = False,
    ) -> None:
        setup_logging_once()
        self.config = config
        self.api = ApiClient(config)
        self.user_metadata = dict(user_metadata or config.user_metadata or {})
        self.project_id = project_id or config.project_id
        self.display_name = display_name
        self.sessionless = sessionless
        self.client_config: dict[str, Any] = dict(DEFAULT_CLIENT_CONFIG)
        self.session_id: str | None = None
        self.reporter: TelemetryReporter | None = None
        self._heartbeat: Heartbeat | None = None
        self._start_lock: asyncio.Lock | None = None
        self._started = False
        self._closed = False
        self._closing: asyncio.Task[None] | None = None
        self._model_seq = itertools.count()
        self._sampling_seq = itertools.count()
        _lifecycle.register(self)  # closed at interpreter exit unless closed before

    # ---- counters shared by every client of the session (protocol §7.4) ----
    def next_model_seq_id(self) -> int:
        return next(self._model_seq)

    def next_sampling_session_seq_id(self) -> int:
        return next(self._sampling_seq)

    @property
    def started_session_id(self) -> str:
        """The session id, for requests that need one (after ``ensure_started``)."""
        if self.session_id is None:
            raise RuntimeError("this operation needs a session, and the client has none (sessionless)")
        return self.session_id

    async def ensure_started(self) -> None:
        """Run the startup sequence once; concurrent callers wait for the first one."""
        if self._started:
            return
        if self._closed:
            raise RuntimeError("this tinkex ServiceClient has been closed")
        if self._start_lock is None:
            self._start_lock = asyncio.Lock()
        async with self._start_lock:
            if self._started:
                return
            await self._fetch_client_config()
            if not self.sessionless:
                await self._create_session()
            self._start_telemetry()
            self._started = True

    async def _fetch_client_config(self) -> None:
        body = ClientConfigRequest(sdk_version=self.config.sdk_version)
        reply = await call(self.api, get_client_config, CallOptions(pool=PoolType.SESSION), body=body)
        self.client_config.update({k: v for k, v in reply.model_dump().items() if v is not None})
        with contextlib.suppress(NotFoundError):  # optional endpoint: keep the defaults (protocol §3.1)
            await call(
                self.api,
                get_client_dynamic_config,
                CallOptions(pool=PoolType.SESSION, timeout=10.0, max_retries=0),
                body=body,
            )

    async def _create_session(self) -> None:
        body = CreateSessionRequest(
            tags=list(dict.fromkeys(self.config.tags)),
            user_metadata=self.user_metadata,
            sdk_version=self.config.sdk_version,
            project_id=self.project_id or None,
            display_name=self.display_name or None,
        )
        reply: CreateSessionResponse = await call(
            self.api, create_session, CallOptions(pool=PoolType.SESSION), body=body
        )
        self.session_id = str(reply.session_id)
        self.api.telemetry_metadata["session_id"] = self.session_id
        for key, level in (
            ("info_message", logging.INFO),
            ("warning_message", logging.WARNING),
            ("error_message", logging.ERROR),
        ):
            message = getattr(reply, key, None)
            if message:
                _log.log(level, "%s", message)
        self._heartbeat = Heartbeat(
            self.api,
            self.session_id,
            interval=self.config.heartbeat_interval,
            warning_after=self.config.heartbeat_warning_after,
            max_failures=self.config.max_heartbeat_failures,
            max_failure_duration=self.config.max_heartbeat_failure_duration,
        )
        self._heartbeat.start()

    def _start_telemetry(self) -> None:
        secrets = self.config.secrets()

        async def send(payload: dict[str, Any]) -> None:
            await call(
                self.api,
                send_telemetry,
                CallOptions(pool=PoolType.TELEMETRY, timeout=5.0, max_retries=1),
                body=TelemetrySendRequest.from_dict(payload),
            )

        def scrub(payload: dict[str, Any]) -> dict[str, Any]:
            scrubbed = redact_value(payload, secrets)
            return scrubbed if isinstance(scrubbed, dict) else payload

        self.reporter = TelemetryReporter(
            self.session_id,
            send=send,
            sdk_version=self.config.sdk_version,
            enabled=self.config.telemetry_enabled,
            scrubber=scrub,
        )
        if self.config.telemetry_enabled:
            self.reporter.start(asyncio.get_running_loop())
            self.reporter.attach()  # forward this session's HTTP and queue-state events (TEL-10)

    @property
    def heartbeat(self) -> Heartbeat | None:
        return self._heartbeat

    async def aclose(self, status: FinishStatus = "success", detail: str | None = None) -> None:
        """Finish the session on the server, stop background work, close the pools. Idempotent:
        a second caller waits for the first close instead of returning while it still runs."""
        self._closed = True
        if self._closing is None:
            self._closing = asyncio.get_running_loop().create_task(self._close(status, detail))
        await asyncio.shield(self._closing)

    async def _close(self, status: FinishStatus, detail: str | None) -> None:
        try:
            if self._heartbeat is not None:
                await self._heartbeat.stop()
            if self.session_id is not None:
                try:
                    await call(
                        self.api,
                        finish_session,
                        CallOptions(pool=PoolType.SESSION, max_retries=2),
                        session_id=self.session_id,
                        body=FinishSessionRequest(reason=FinishSessionReason(type=status), detail=detail),
                    )
                except Exception as exc:  # closing must not fail because the server is gone
                    _log.warning("could not finish session %s: %s", self.session_id, type(exc).__name__)
            if self.reporter is not None:
                await self.reporter.close()
        finally:
            await self.api.aclose()
            _lifecycle.unregister(self)
