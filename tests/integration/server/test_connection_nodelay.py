"""The server answers on a kept-alive connection without waiting for the client's delayed ACK.

uvicorn writes a reply's head and body separately; with Nagle's algorithm on, the body waits
for the ACK of the head, which the client delays (~40 ms on Linux) on every request after the
first of a connection. asyncio turns Nagle off (TCP_NODELAY) only on accepted sockets whose
protocol says TCP, so the listening socket must be created as one.
"""

from __future__ import annotations

import socket

import httpx

from tinkex.server.runner import ServerHandle


def test_accepted_connections_have_nagle_off(local_server: ServerHandle) -> None:
    with httpx.Client(base_url=local_server.base_url) as client:
        assert client.get("/api/v1/healthz").status_code == 200  # the connection stays open
        connections = local_server._server.server_state.connections
        sockets = [c.transport.get_extra_info("socket") for c in connections]  # type: ignore[attr-defined]
        assert sockets
        assert all(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for s in sockets)
