"""The request pipeline every tinkex call goes through (features HTTP-01…HTTP-24).

URL → headers → body → retry loop (``tinkex._http.retry``) → telemetry → decode → errors.
Non-2xx answers become the official exception classes; transport failures become
``APIConnectionError`` / ``APITimeoutError``. Secrets are scrubbed from everything logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import orjson

from .. import _redact
from .. import metrics as _metrics
from .._credentials import resolve_credential
from .._wire.routes import route
from ..config import Config
from ..errors import APIConnectionError, APITimeoutError, TinkexValidationError, make_status_error
from ..telemetry import events as bus
from .fast import httpx_is_patched
from .fast.sender import FastSender, httpx_request
from .headers import attempt_headers, base_headers, merge_headers, new_idempotency_key
from .otel import trace_context_headers
from .pools import Pools, PoolType, pool_limits
from .retry import RetryAttempt, RetryPolicy, retry_async
from .urls import build_url

_http_log = logging.getLogger("tinkex.http")

JSON_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS
# orjson returns its working buffer as the bytes object without shrinking it: a 400-byte body
# keeps about 8 KiB resident (measured), which adds up over a thousand requests in flight.
# Bodies below this size are copied into an exact-size object; above it the slack is small.
_COMPACT_BELOW = 64 * 1024


def encode_json(body: object) -> bytes:
    """orjson with numpy support: arrays go to the wire without a detour through lists."""
    try:
        encoded = orjson.dumps(body, option=JSON_OPTIONS)
    except orjson.JSONEncodeError as exc:  # e.g. an int wider than 64 bits, or a set
        raise TinkexValidationError(f"request body cannot be encoded as JSON: {exc}", field="body") from exc
    return bytes(memoryview(encoded)) if len(encoded) < _COMPACT_BELOW else encoded


def decode_json(response: httpx.Response) -> Any:
    """Decoded JSON body; an empty 2xx body is ``{}`` (HTTP-19)."""
    content = response.content
    if not content.strip():
        return {}
    return orjson.loads(content)


def _body_for_error(response: httpx.Response) -> object:
    try:
        return decode_json(response)
    except orjson.JSONDecodeError:
        return response.text


class HttpClient:
    """Sends requests for one client configuration, with retries and redacted diagnostics."""

    def __init__(
        self, config: Config, *, pools: Pools | None = None, fast_transport: bool | None = None
    ) -> None:
        self.config = config
        self.pools = pools or Pools(config)
        # tinkex's own HTTP/1.1 transport (``tinkex._http.fast``) for the requests it can send
        # exactly as httpx would; a proxy or an injected httpx client keeps everything on httpx.
        use_fast = config.fast_transport if fast_transport is None else fast_transport
        self._fast: FastSender | None = None
        if use_fast and config.proxy is None and not self.pools.has_injected_client:
            self._fast = FastSender(
                config.base_url,
                lambda name: pool_limits(config, PoolType(name)).max_connections or config.max_connections,
            )
        credential = resolve_credential(config)
        self._base_headers = base_headers(
            api_key=credential,
            sdk_version=config.sdk_version,
            cf_access_client_id=config.cf_access_client_id,
            cf_access_client_secret=config.cf_access_client_secret,
            default_headers=config.default_headers,
        )
        if config.user_agent:
            self._base_headers["User-Agent"] = config.user_agent
        self._secrets = config.secrets() + (
            (credential,) if credential and credential != config.api_key else ()
        )
        # Merged into every HTTP bus event; the holder adds ``session_id`` once the session
        # exists so the telemetry reporter forwards only its own session's events (TEL-10/18).
        self.telemetry_metadata: dict[str, Any] = {}
        if config.metrics_enabled:
            # MET-01: the process-wide registry subscribes before the first request is sent.
            _metrics.get_metrics(max_samples=config.metrics_max_samples)

    def set_credential(self, api_key: str) -> None:
        """Swap the credential sent in ``X-API-Key`` (used after a JWT exchange)."""
        self._base_headers["X-API-Key"] = api_key
        if self._fast is not None:
            self._fast.reset_headers()
        self._secrets = (*self._secrets, api_key)

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: object = None,
        content: bytes | None = None,
        content_type: str | None = None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        pool: PoolType = PoolType.DEFAULT,
        idempotency_key: str | None = None,
        follow_redirects: bool = False,
        ok_statuses: frozenset[int] = frozenset(),
        stream: bool = False,
    ) -> httpx.Response:
        """Send one logical call (with its HTTP-layer retries) and return the 2xx response.

        ``ok_statuses`` lists extra statuses returned instead of raised (e.g. 302 for archive URLs).
        With ``stream`` the returned response's body is not read yet: the caller must read or
        close it (``tinkex._http.response.StreamResponse``); error bodies are always read.
        """
        method = method.upper()
        url = build_url(
            self.config.base_url, path, self.config.default_query, dict(params) if params else None
        )
        if json is not None:
            content, content_type = encode_json(json), "application/json"
        call_headers = dict(headers or {})
        if content_type:
            call_headers.setdefault("Content-Type", content_type)
        if method != "GET":
            call_headers = merge_headers(
                {"X-Idempotency-Key": idempotency_key or new_idempotency_key()}, call_headers
            )
        read_timeout = self.config.timeout if timeout is None else timeout
        connect_timeout = min(5.0, read_timeout)
        fast = self._fast
        destination = None
        if fast is not None and not stream and not follow_redirects and not httpx_is_patched():
            destination = fast.target(url)
        client = None
        if destination is None:
            client = self.pools.get(pool)
        elif self.pools.closed:
            raise RuntimeError("this tinkex client has been closed")
        meta = {
            **self.telemetry_metadata,
            "method": method,
            "path": path,
            "pool_type": pool.value,
            "base_url": self.config.base_url,
        }
        # Full header merges are only needed where a dict of every header is consumed: the
        # httpx path, header dumps and trace propagation. The fast path sends the call's own
        # headers over a pre-encoded block of the base headers.
        full_headers = client is not None or self.config.otel_propagate or self.config.dump_headers

        async def attempt(retry_count: int) -> httpx.Response:
            per_attempt = attempt_headers(retry_count, read_timeout)
            sent: dict[str, str] | None = None
            if full_headers:
                sent = merge_headers(self._base_headers, call_headers, per_attempt)
                if self.config.otel_propagate:
                    sent = merge_headers(sent, trace_context_headers())
                self._dump(method, url, retry_count, sent, content)
            started = time.perf_counter()
            if bus.listening(bus.HTTP_REQUEST_START):
                bus.emit(bus.HTTP_REQUEST_START, {"system_time": time.time()}, meta)

            def request_factory() -> httpx.Request:
                layers = (sent,) if sent is not None else (self._base_headers, call_headers, per_attempt)
                return httpx_request(method, url, layers, content)

            try:
                if client is None:
                    assert fast is not None and destination is not None
                    response = await fast.send(
                        method,
                        destination,
                        pool.value,
                        self._base_headers,
                        sent if sent is not None else merge_headers(call_headers, per_attempt),
                        content,
                        timeout=read_timeout,
                        connect_timeout=connect_timeout,
                        request_factory=request_factory,
                    )
                else:
                    request = client.build_request(
                        method,
                        url,
                        content=content,
                        headers=sent,
                        timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
                    )
                    response = await client.send(request, stream=stream, follow_redirects=follow_redirects)
            except httpx.TimeoutException as exc:
                self._emit_exception(meta, started, exc)
                raise APITimeoutError(
                    f"Request timed out: {method} {path}", request=_request_of(exc, request_factory)
                ) from exc
            except httpx.TransportError as exc:
                self._emit_exception(meta, started, exc)
                message = _redact.redact_text(f"Connection error: {type(exc).__name__}: {exc}", self._secrets)
                raise APIConnectionError(message, request=_request_of(exc, request_factory)) from exc
            ok = response.is_success or response.status_code in ok_statuses
            if bus.listening(bus.HTTP_REQUEST_STOP):
                bus.emit(
                    bus.HTTP_REQUEST_STOP,
                    {"duration": time.perf_counter() - started},
                    {
                        **meta,
                        "result": "ok" if ok else "error",
                        "status": response.status_code,
                        "retry_count": retry_count,
                    },
                )
            if ok:
                return response
            await response.aread()
            raise make_status_error(
                response.status_code,
                _body_for_error(response),
                response.headers,
                request_id=response.headers.get("x-request-id"),
                response=response,
                secrets=self._secrets,
            )

        retries = self.config.max_retries if max_retries is None else max_retries
        return await retry_async(attempt, RetryPolicy(max_retries=retries), on_retry=self._log_retry)

    async def call(
        self, operation: str, *, path_params: Mapping[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        """``request()`` for a named operation of the contract (method and path from ``openapi/``)."""
        method, path = route(operation, **dict(path_params or {}))
        return await self.request(method, path, **kwargs)

    def _emit_exception(self, meta: dict[str, Any], started: float, exc: BaseException) -> None:
        bus.emit(
            bus.HTTP_REQUEST_EXCEPTION,
            {"duration": time.perf_counter() - started},
            {**meta, "kind": type(exc).__name__, "reason": _redact.redact_text(str(exc), self._secrets)},
        )

    def _dump(
        self, method: str, url: str, attempt: int, headers: Mapping[str, str], body: bytes | None
    ) -> None:
        if not self.config.dump_headers or not _http_log.isEnabledFor(logging.INFO):
            return
        shown = (
            "" if body is None else _redact.redact_text(body[:2048].decode("utf-8", "replace"), self._secrets)
        )
        _http_log.info(
            "HTTP %s %s attempt=%d headers=%s body=%s",
            method,
            _redact.redact_url(url),
            attempt,
            _redact.redact_headers(headers),
            shown,
        )

    def _log_retry(self, attempt: RetryAttempt) -> None:
        _http_log.debug(
            "retrying after %s (attempt %d) in %.2fs: %s",
            attempt.decision.reason,
            attempt.attempt,
            attempt.delay,
            _redact.redact_text(str(attempt.error), self._secrets),
        )

    async def aclose(self) -> None:
        if self._fast is not None:
            await self._fast.aclose()
        await self.pools.aclose()


def _request_of(exc: httpx.RequestError, factory: Callable[[], httpx.Request]) -> httpx.Request:
    """The request a transport error belongs to: httpx attaches it; the fast transport's errors
    carry none, so the equivalent ``httpx.Request`` is built now (failures are rare)."""
    try:
        return exc.request
    except RuntimeError:
        return factory()
