"""The generated client configured with tinkex's policy, and the one layer through which tinkex
calls the generated endpoint functions.

``ApiClient(config)`` makes one ``tinker_openapi.Client`` (``ApiClient.generated``, what
``ServiceClient.api`` returns) whose httpx clients (async and sync) send through
``PolicyTransport``, with the base URL, default query, and the auth, Cloudflare and user-agent
headers set on them. Any generated endpoint function called with it gets the whole policy::

    from tinker_openapi.api.rest import list_training_runs
    runs = list_training_runs.sync(client=service_client.api, limit=5)

The sync httpx client runs each request on tinkex's event loop (``_loop``), so both shells share
one policy, one set of pools and one retry budget.

tinkex itself calls endpoints with ``await call(api, forward_backward, options, body=request)``:
it runs the generated ``asyncio_detailed`` with the call's options (``options.py``: pool,
timeout, retries, idempotency key, extra headers) in force for the policy transport, and returns
the parsed result. Request building, URLs and response parsing are the generated module's;
policy is the transport's. Parse failures (``APIResponseValidationError``) surface here, inside
the call.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Iterator
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import httpx
from tinker_openapi.types import Response

from .._config.credentials import resolve_credential
from .._core import loop as _loop
from ..config import Config
from ..errors import APIResponseValidationError, ResponseTooLargeError, TinkexValidationError
from .headers import base_headers
from .options import CallOptions
from .policy import CALL_OPTIONS, PolicyTransport, new_idempotency_key
from .retry import RetryDecision, RetryPolicy, retry_async

if TYPE_CHECKING:
    from tinker_openapi import Client

__all__ = ["ApiClient", "call", "call_raw", "call_stream"]

_DEFAULT = CallOptions()


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


@contextlib.contextmanager
def _in_force(options: CallOptions) -> Iterator[None]:
    """``options`` are what the policy transport reads for the requests sent inside."""
    token = CALL_OPTIONS.set(options)
    try:
        yield
    finally:
        CALL_OPTIONS.reset(token)


@cache
def _path_parameters(endpoint: ModuleType) -> tuple[str, ...]:
    """The operation's path parameters: the generated functions take them before ``*``."""
    parameters = inspect.signature(endpoint._get_kwargs).parameters.values()
    return tuple(p.name for p in parameters if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD)


def _check_path_parameters(endpoint: ModuleType, kwargs: dict[str, Any]) -> None:
    # A dot segment would be collapsed by URL normalization and address another resource
    # (GET .../training_runs/.. is GET /api/v1); a non-string would be sent as "None" (HTTP-18).
    for name in _path_parameters(endpoint):
        value = kwargs.get(name)
        if not isinstance(value, str) or not value or value in (".", ".."):
            raise TinkexValidationError(
                f"{name} must be a non-empty string other than '.' or '..', got {value!r}", field=name
            )


async def call_raw(
    api: ApiClient, endpoint: ModuleType, options: CallOptions = _DEFAULT, **kwargs: Any
) -> Response[Any]:
    """The generated ``Response`` (status, headers, content; ``parsed`` on demand)."""
    _check_path_parameters(endpoint, kwargs)
    # ``None`` means "not given" to tinkex callers; the generated functions spell that UNSET.
    kwargs = {name: value for name, value in kwargs.items() if value is not None}
    with _in_force(options):
        response: Response[Any] = await endpoint.asyncio_detailed(client=api.generated, **kwargs)
    return response


# A reply the SDK cannot read (garbled, cut short, or missing a required field) leaves the
# request's fate unknown: it is sent again unchanged (same body, same seq_id, same idempotency
# key, so the server answers from its dedupe index) a few times, and never becomes a caller-side
# retry that could apply a training step twice. The budget is the client's own: a client
# configured with ``max_retries=0`` sends every request once, so it gets
# ``min(UNREADABLE_REPLY_RETRIES, config.max_retries)``. A per-call ``CallOptions.max_retries``
# does not lower it: tinkex sets 0 there on sample submits and polls because another loop owns
# their HTTP retries, and those must still be sent again to stay exactly-once.
UNREADABLE_REPLY_RETRIES = 3


def _unreadable(exc: BaseException) -> RetryDecision:
    retry = isinstance(exc, APIResponseValidationError) and not isinstance(exc, ResponseTooLargeError)
    return RetryDecision(retry, "the reply could not be read")


async def call(api: ApiClient, endpoint: ModuleType, options: CallOptions = _DEFAULT, **kwargs: Any) -> Any:
    """The parsed result of a generated endpoint call."""
    if options.idempotency_key is None:
        options = attrs.evolve(options, idempotency_key=new_idempotency_key())

    async def attempt(_: int) -> Any:
        return (await call_raw(api, endpoint, options, **kwargs)).parsed

    resends = min(UNREADABLE_REPLY_RETRIES, api.config.max_retries)
    return await retry_async(attempt, RetryPolicy(max_retries=resends, should_retry=_unreadable))


async def call_stream(
    api: ApiClient, endpoint: ModuleType, options: CallOptions, **kwargs: Any
) -> httpx.Response:
    """The response with its body unread (the caller reads or closes it): the request as the
    generated module builds it (``_get_kwargs``), sent with ``stream=True``."""
    _check_path_parameters(endpoint, kwargs)
    request = api.http.build_request(**endpoint._get_kwargs(**kwargs))
    with _in_force(attrs.evolve(options, stream=True)):
        return await api.http.send(request, stream=True)
