"""The generated client, configured with tinkex's policy: what ``ServiceClient.api`` returns.

``ApiClient.build(config)`` makes one ``tinker_openapi.Client`` whose httpx clients (async and
sync) send through ``PolicyTransport``, with the base URL, default query, and the auth,
Cloudflare and user-agent headers set on them. Any generated endpoint function called with it
gets the whole policy::

    from tinker_openapi.api.rest import list_training_runs
    runs = list_training_runs.sync(client=service_client.api, limit=5)

The sync httpx client runs each request on tinkex's event loop (``_loop``), so both shells share
one policy, one set of pools and one retry budget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from .._config.credentials import resolve_credential
from .._core import loop as _loop
from ..config import Config
from .headers import base_headers
from .policy import PolicyTransport

if TYPE_CHECKING:
    from tinker_openapi import Client

__all__ = ["ApiClient"]


class _LoopBridgeTransport(httpx.BaseTransport):
    """A sync transport that sends through the async policy on tinkex's loop."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        async def send() -> httpx.Response:
            async_request = httpx.Request(
                request.method, request.url, headers=request.headers, content=request.read()
            )
            return await self._client.send(async_request)

        response = _loop.run_sync(send())
        return httpx.Response(
            response.status_code,
            headers=response.headers.raw,
            content=response.content,
            request=request,
            extensions=response.extensions,
        )


class ApiClient:
    """The httpx clients and the generated ``Client`` of one tinkex configuration."""

    def __init__(self, config: Config) -> None:
        self.config = config
        credential = resolve_credential(config)
        self._secrets: tuple[str | None, ...] = (
            *config.secrets(),
            *((credential,) if credential and credential != config.api_key else ()),
        )
        headers = base_headers(
            api_key=credential,
            sdk_version=config.sdk_version,
            cf_access_client_id=config.cf_access_client_id,
            cf_access_client_secret=config.cf_access_client_secret,
            default_headers=config.default_headers,
        )
        if config.user_agent:
            headers["User-Agent"] = config.user_agent
        # Only encodings the policy can inflate in bounded steps (see policy._read_capped).
        headers["Accept-Encoding"] = "gzip, deflate"
        self.transport = PolicyTransport(config, secrets=lambda: self._secrets)
        self.http = httpx.AsyncClient(
            base_url=config.base_url,
            headers=headers,
            params=dict(config.default_query or {}),
            transport=self.transport,
            timeout=None,  # deadlines are the policy's, per attempt and per call
            trust_env=False,  # the environment applies to the pool clients under the policy
            follow_redirects=False,
        )
        self.http_sync = httpx.Client(
            base_url=config.base_url,
            headers=headers,
            params=dict(config.default_query or {}),
            transport=_LoopBridgeTransport(self.http),
            timeout=None,
            trust_env=False,
            follow_redirects=False,
        )
        self._generated: Client | None = None
        if config.metrics_enabled:
            # MET-01: the process-wide registry subscribes before the first request is sent.
            from .. import metrics

            metrics.get_metrics(max_samples=config.metrics_max_samples)

    @property
    def secrets(self) -> tuple[str | None, ...]:
        return self._secrets

    @property
    def generated(self) -> Client:
        """The ``tinker_openapi.Client`` to pass as ``client=`` to any generated endpoint function."""
        if self._generated is None:
            from tinker_openapi import Client

            client = Client(base_url=self.config.base_url, raise_on_unexpected_status=True)
            client.set_async_httpx_client(self.http)
            client.set_httpx_client(self.http_sync)
            self._generated = client
        return self._generated

    def set_credential(self, api_key: str) -> None:
        """Swap the credential sent in ``X-API-Key`` (after a JWT exchange)."""
        self.http.headers["X-API-Key"] = api_key
        self._secrets = (*self._secrets, api_key)

    @property
    def telemetry_metadata(self) -> dict[str, Any]:
        return self.transport.telemetry_metadata

    async def aclose(self) -> None:
        await self.http.aclose()
        await self.transport.aclose()
