"""Connection limits for uvicorn's h11 protocol that uvicorn itself does not offer.

uvicorn bounds concurrency, keep-alive idle time and the size of an incomplete request head,
and the server sets all three (``runner``). It has no deadline for a request head or body that
arrives too slowly, though, so a client can open connections, never finish their heads and hold
a file descriptor each until the process runs out and stops accepting anyone (health checks
included). The protocol class built here adds, per connection:

* a **head timeout**: the request head must be complete within ``head_timeout_s`` of the
  connection opening (or of the previous response on a kept-alive connection);
* a **body timeout**: while a body is being received, a gap of ``body_timeout_s`` without data
  closes the connection (not while uvicorn itself has paused reading for the app);
* a **cap on connections still waiting for their first head**: past it, the oldest such
  connection is closed to admit the new one, so a flood of half-open connections can never
  take the descriptors a real client needs. The cap never exceeds a quarter of the process's
  descriptor limit.

Before serving, the soft descriptor limit is raised towards the hard one (``raise_descriptor_limit``):
a soft limit of 256 (macOS's default) is exhausted by a few hundred connections before any
per-connection guard gets to run, because asyncio accepts a whole burst of them at once.

A connection closed for a timeout or the cap is logged at debug level only.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConnectionLimits:
    head_timeout_s: float = 10.0
    body_timeout_s: float = 30.0
    max_waiting_connections: int = 256


def descriptor_limit() -> int | None:
    """The process's soft limit on open file descriptors (None where the OS has no such limit)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else int(soft)


def raise_descriptor_limit(wanted: int = 65536) -> None:
    """Raise the soft descriptor limit to ``wanted`` (or the hard limit, if lower); never lower it."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to raise
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(hard, wanted)
    if soft != resource.RLIM_INFINITY and soft >= target:
        return
    # macOS refuses soft limits above its per-process maximum (OPEN_MAX, 10240) with EINVAL.
    for attempt in (target, min(target, 10240)):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (attempt, hard))
        except (ValueError, OSError):
            continue
        _log.debug("raised the open-file limit from %s to %s", soft, attempt)
        return


def share_of_descriptors(configured: int, fraction: float) -> int:
    """``configured``, but at most ``fraction`` of the descriptor limit (and at least 8)."""
    limit = descriptor_limit()
    return configured if limit is None else max(8, min(configured, int(limit * fraction)))


def guarded_h11_protocol(limits: ConnectionLimits) -> type[H11Protocol]:
    """An ``H11Protocol`` subclass with the limits above; one class (and waiting list) per server."""
    waiting_cap = share_of_descriptors(limits.max_waiting_connections, 0.25)
    # Connections that have not yet sent one complete request head, oldest first.
    waiting: OrderedDict[GuardedH11Protocol, None] = OrderedDict()

    class GuardedH11Protocol(H11Protocol):
        _read_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            while len(waiting) >= waiting_cap:
                oldest, _ = waiting.popitem(last=False)
                oldest._close("too many connections waiting for a request head")
            waiting[self] = None
            self._arm(limits.head_timeout_s, "head")

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            self._follow_state(data_arrived=True)

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._follow_state(data_arrived=False)

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            waiting.pop(self, None)
            super().connection_lost(exc)

        def _follow_state(self, *, data_arrived: bool) -> None:
            state = self.conn.their_state
            if state is not h11.IDLE:
                waiting.pop(self, None)  # a head arrived: it is a real request now
            if state is h11.IDLE:
                if self._read_timer is None:  # the next head's deadline starts now
                    self._arm(limits.head_timeout_s, "head")
            elif state is h11.SEND_BODY:
                if data_arrived or self._read_timer is None:
                    self._arm(limits.body_timeout_s, "body")
            else:  # the request is complete (the app is running) or the connection is ending
                self._disarm()

        def _arm(self, delay_s: float, phase: str) -> None:
            self._disarm()
            self._read_timer = self.loop.call_later(delay_s, self._expired, phase)

        def _disarm(self) -> None:
            if self._read_timer is not None:
                self._read_timer.cancel()
                self._read_timer = None

        def _expired(self, phase: str) -> None:
            self._read_timer = None
            if phase == "body" and self.flow.read_paused:  # uvicorn waits for the app, not the client
                self._arm(limits.body_timeout_s, phase)
                return
            self._close(f"request {phase} not received in time")

        def _close(self, reason: str) -> None:
            self._disarm()
            if not self.transport.is_closing():
                _log.debug("closing connection from %s: %s", _peer(self.client), reason)
                self.transport.close()

    return GuardedH11Protocol


def _peer(client: Any) -> str:
    return f"{client[0]}:{client[1]}" if isinstance(client, tuple) and len(client) == 2 else "unknown peer"
