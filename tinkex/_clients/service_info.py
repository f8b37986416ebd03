"""``ServiceClient``'s questions about the service: its capabilities and its health.

The HTTP pools belong to tinkex's loop, so the calls always run there: the sync methods block
on it, the ``_async`` twins await it from the caller's loop through an ``APIFuture``.
"""

from __future__ import annotations

from tinker_openapi.api.service import get_server_capabilities, healthz

from .._core import loop as _loop
from .._core.holder import ClientHolder
from .._http.calls import call
from .._http.options import CallOptions
from ..futures import APIFuture
from ..telemetry.capture import captured
from ..types import GetServerCapabilitiesResponse, HealthResponse


class ServiceInfo:
    def __init__(self, holder: ClientHolder) -> None:
        self._holder = holder

    async def _capabilities(self) -> GetServerCapabilitiesResponse:
        work = call(self._holder.api, get_server_capabilities)
        reply: GetServerCapabilitiesResponse = await captured(self._holder, "get_server_capabilities", work)
        return reply

    def get_server_capabilities(self) -> GetServerCapabilitiesResponse:
        return _loop.run_sync(self._capabilities())

    async def get_server_capabilities_async(self) -> GetServerCapabilitiesResponse:
        return await APIFuture.submit(self._capabilities(), description="get_server_capabilities")

    async def _health(self) -> HealthResponse:
        reply: HealthResponse = await call(self._holder.api, healthz, CallOptions(max_retries=0))
        return reply

    def health_check(self) -> HealthResponse:
        return _loop.run_sync(self._health())

    async def health_check_async(self) -> HealthResponse:
        return await APIFuture.submit(self._health(), description="health_check")
