"""tinkex's request policy, as an httpx transport: the one seam between the generated endpoint
functions and the network (DESIGN §2).

The generated functions build a request and hand it to the httpx client tinkex gives them; that
client's transport is ``PolicyTransport``. For each request it applies, in one place:

* the call's options (``CallOptions``), which the endpoint layer (``calls.py``) puts in force
  around each generated call through ``CALL_OPTIONS``;
* headers: idempotency key per logical call, retry count and read timeout per attempt, trace
  context, the call's own headers (auth, Cloudflare and user agent are the client's headers,
  ``headers.py``);
* deadlines: every attempt is bounded in wall-clock time (headers *and* body: a server that
  trickles its body still times out) and every call by its retry budget;
* a size cap on the body, measured after decompression;
* retries (``tinkex._http.retry``) and the mapping of failures to tinkex's exceptions:
  non-2xx -> ``APIStatusError`` subclasses, transport failures -> ``APIConnectionError`` /
  ``APITimeoutError``;
* telemetry events and redacted header dumps.

Underneath it sends through one maintained httpx client per pool (``transports.py``).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import random
import time
import zlib
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from ..config import Config
from ..errors import APIResponseValidationError, ResponseTooLargeError
from ..telemetry import events as bus
from . import redact as _redact
from .error_mapping import make_status_error, transport_error
from .options import CallOptions, Omit, PoolType
from .otel import trace_context_headers
from .retry import RetryAttempt, RetryPolicy, retry_async
from .transports import CONNECT_TIMEOUT, build_pool_client, resolve_injected_client

__all__ = ["CALL_OPTIONS", "IDEMPOTENCY_PREFIX", "PolicyTransport", "new_idempotency_key"]

_http_log = logging.getLogger("tinkex.http")
# Set on the log records of retries, so a front end that shows retries itself can drop them.
RETRY_LOG_MARK = "tinkex_retry"
_DROPPED_AFTER_DECODING = ("content-encoding", "content-length", "transfer-encoding")
IDEMPOTENCY_PREFIX = "tinkex-retry-"

# The options of the call being sent. The endpoint layer (``calls.py``) sets them around each
# generated call; a generated function called directly by a user sends with the defaults.
_DEFAULT_OPTIONS = CallOptions()  # frozen, so one shared default is safe
CALL_OPTIONS: contextvars.ContextVar[CallOptions] = contextvars.ContextVar(
    "tinkex_call_options", default=_DEFAULT_OPTIONS
)


class PolicyTransport(httpx.AsyncBaseTransport):
    def __init__(self, config: Config, *, secrets: Callable[[], tuple[str | None, ...]]) -> None:
        self._config = config
        self._secrets = secrets
        self._injected = resolve_injected_client(config.http_client)
        self._pools: dict[PoolType, httpx.AsyncClient] = {}
        self._closed = False
        # Merged into every HTTP bus event; the session adds ``session_id`` once it exists so the
        # telemetry reporter forwards only its own session's events (TEL-10/18).
        self.telemetry_metadata: dict[str, Any] = {}

    def pool(self, pool: PoolType) -> httpx.AsyncClient:
        if self._closed:
            raise RuntimeError("this tinkex client has been closed")
        if self._injected is not None:
            return self._injected
        client = self._pools.get(pool)
        if client is None:
            client = self._pools[pool] = build_pool_client(self._config, pool)
        return client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        options = CALL_OPTIONS.get()
        config = self._config
        timeout = config.timeout if options.timeout is None else options.timeout
        retries = config.max_retries if options.max_retries is None else options.max_retries
        cap = config.max_response_bytes if options.max_response_bytes is None else options.max_response_bytes
        if options.headers:
            request.headers.update(options.headers)
        if request.url.userinfo:
            # httpx has already turned base_url's "user:password@" into an Authorization header;
            # left in the URL it would reach logs and errors, and aiohttp refuses to send both.
            request.url = request.url.copy_with(userinfo=b"")
        key = options.idempotency_key
        if (
            request.method != "GET"
            and "x-idempotency-key" not in request.headers
            and not isinstance(key, Omit)
        ):
            request.headers["X-Idempotency-Key"] = key or new_idempotency_key()
        if config.otel_propagate:
            request.headers.update(trace_context_headers())
        request.extensions["timeout"] = httpx.Timeout(
            timeout, connect=min(CONNECT_TIMEOUT, timeout)
        ).as_dict()
        client = self.pool(options.pool)
        meta = {
            **self.telemetry_metadata,
            "method": request.method,
            "path": request.url.path,
            "pool_type": options.pool.value,
            "base_url": config.base_url,
            **(options.telemetry_metadata or {}),
        }

        async def attempt(retry_count: int) -> httpx.Response:
            request.headers.update(_attempt_headers(retry_count, timeout))
            self._dump(request, retry_count)
            started = time.perf_counter()
            if bus.listening(bus.HTTP_REQUEST_START):
                bus.emit(bus.HTTP_REQUEST_START, {"system_time": time.time()}, meta)
            try:
                # The whole exchange, body included, within the attempt's wall-clock budget.
                async with asyncio.timeout(timeout):
                    response = await self._send(client, request)
                    if not options.stream or not _wanted(response, options):
                        # An error reply is read (within the cap) on a streamed call too, as the
                        # official SDK does: its body is the error's message, and reading it
                        # gives the connection back before a retry opens another.
                        response = await _read_capped(response, request, cap)
            except (httpx.TransportError, httpx.DecodingError, TimeoutError) as exc:
                self._emit_exception(meta, started, exc)
                raise transport_error(request, exc, self._secrets()) from exc
            return self._check_status(response, request, options, meta, started, retry_count)

        deadline = _call_deadline(timeout, retries)
        if config.retry_budget is not None:  # a total bound on retrying (the CLI's --retry-budget)
            deadline = min(deadline, config.retry_budget)
        policy = RetryPolicy(max_retries=retries, max_elapsed=deadline)
        return await retry_async(attempt, policy, on_retry=lambda a: self._log_retry(a, meta, retries))

    async def _send(self, client: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
        """The pool's reply with its body unread. A user's own client (``http_client``) sends as it
        likes; tinkex's pools hand the request straight to the transport httpx picked for the URL
        (the connection pool, or a proxy's): the outer client already ran httpx's request/response
        handling once, and a second pass (cookies, header merging, hooks) costs CPU per request."""
        transport_for_url = getattr(client, "_transport_for_url", None)
        if client is self._injected or transport_for_url is None:
            return await client.send(request, stream=True)
        response = await transport_for_url(request.url).handle_async_request(request)
        response.request = request
        return response

    def _check_status(
        self,
        response: httpx.Response,
        request: httpx.Request,
        options: CallOptions,
        meta: Mapping[str, Any],
        started: float,
        retry_count: int,
    ) -> httpx.Response:
        ok = _wanted(response, options)
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
        raise make_status_error(
            response.status_code,
            response.content,
            response.headers,
            request_id=response.headers.get("x-request-id"),
            response=response,
            secrets=self._secrets(),
        )

    def _emit_exception(self, meta: Mapping[str, Any], started: float, exc: BaseException) -> None:
        bus.emit(
            bus.HTTP_REQUEST_EXCEPTION,
            {"duration": time.perf_counter() - started},
            {**meta, "kind": type(exc).__name__, "reason": _redact.redact_text(str(exc), self._secrets())},
        )

    def _dump(self, request: httpx.Request, attempt: int) -> None:
        if not self._config.dump_headers or not _http_log.isEnabledFor(logging.INFO):
            return
        body = request.content[:2048].decode("utf-8", "replace") if request.content else ""
        _http_log.info(
            "HTTP %s %s attempt=%d headers=%s body=%s",
            request.method,
            _redact.redact_url(str(request.url)),
            attempt,
            _redact.redact_headers(
                {k.decode("latin-1"): v.decode("latin-1") for k, v in request.headers.raw}
            ),
            _redact.redact_text(body, self._secrets()),
        )

    def _log_retry(self, attempt: RetryAttempt, meta: Mapping[str, Any], max_retries: int) -> None:
        """The first retry of a call is a WARNING (a wait the user should see, with its reason
        and length); later ones are DEBUG, so a long outage is one line, not one per attempt."""
        reason = _redact.redact_text(f"{attempt.decision.reason}: {attempt.error}", self._secrets())
        number = attempt.attempt + 1
        _http_log.log(
            logging.WARNING if attempt.attempt == 0 else logging.DEBUG,
            "%s %s: retrying (%d/%d) in %.2f s after %s",
            meta["method"],
            meta["path"],
            number,
            max_retries,
            attempt.delay,
            reason,
            extra={RETRY_LOG_MARK: True},
        )
        if bus.listening(bus.HTTP_REQUEST_RETRY):
            bus.emit(
                bus.HTTP_REQUEST_RETRY,
                {"delay": attempt.delay, "elapsed": attempt.elapsed},
                {**meta, "attempt": number, "max_retries": max_retries, "reason": reason},
            )

    async def aclose(self) -> None:
        self._closed = True
        clients, self._pools = list(self._pools.values()), {}
        for client in clients:
            await client.aclose()


def new_idempotency_key() -> str:
    """One key per logical call, reused by that call's HTTP-layer retries (protocol §2.1).

    The key only has to be unique, not secret: 128 random bits from ``random`` (seeded from the
    OS and re-seeded in forked children) instead of ``secrets``, which costs a syscall per call."""
    return f"{IDEMPOTENCY_PREFIX}{random.getrandbits(128):032x}"


_attempt_cache: dict[tuple[int, float | None], dict[str, str]] = {}


def _attempt_headers(retry_count: int, read_timeout: float | None) -> dict[str, str]:
    """Per-attempt headers (HTTP-05): retry count, and the read timeout in seconds.

    A handful of (retry, timeout) pairs cover almost every request, so their formatted headers
    are cached (bounded); callers get a fresh copy."""
    key = (retry_count, read_timeout)
    cached = _attempt_cache.get(key)
    if cached is None:
        cached = {"x-stainless-retry-count": str(retry_count)}
        if read_timeout is not None:
            cached["x-stainless-read-timeout"] = f"{read_timeout:g}"
        if len(_attempt_cache) < 256:
            _attempt_cache[key] = cached
    return dict(cached)


def _call_deadline(timeout: float, retries: int) -> float:
    """The most a call may take: every attempt at its full timeout, plus the longest waits."""
    from .retry import MAX_RETRY_DELAY

    return timeout * (retries + 1) + MAX_RETRY_DELAY * retries


# zlib window bits by Content-Encoding: the encodings tinkex asks for (Accept-Encoding), which it
# inflates with zlib in bounded steps, so a small body can never expand past the cap in one go.
_ZLIB_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 15}
_INFLATE_STEP = 1 << 20


def _wanted(response: httpx.Response, options: CallOptions) -> bool:
    """A 2xx, or a status this call asked to have returned (``ok_statuses``: a redirect)."""
    return response.is_success or response.status_code in options.ok_statuses


async def _read_capped(response: httpx.Response, request: httpx.Request, cap: int) -> httpx.Response:
    """The response with its body read and decoded, refusing more than ``cap`` decoded bytes."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    chunks: list[bytes] = []
    total = 0

    def too_large() -> ResponseTooLargeError:
        return ResponseTooLargeError(
            response=response,
            message=f"{request.method} {request.url.path}: the response body exceeds the "
            f"{cap}-byte cap (max_response_bytes)",
            request_id=response.headers.get("x-request-id"),
        )

    def take(chunk: bytes) -> None:
        nonlocal total
        total += len(chunk)
        if total > cap:
            raise too_large()
        chunks.append(chunk)

    length = response.headers.get("content-length", "")
    if encoding in ("", "identity") and length.isdigit():
        # The common case: an unencoded body of known length, read as it is (the parser stops
        # at the declared length, so the cap is checked before reading).
        if int(length) > cap:
            await response.aclose()
            raise too_large()
        await response.aread()
        return response
    try:
        if encoding in _ZLIB_WBITS:
            inflater = zlib.decompressobj(_ZLIB_WBITS[encoding])
            async for raw in response.aiter_raw():
                while raw:
                    take(inflater.decompress(raw, _INFLATE_STEP))
                    raw = inflater.unconsumed_tail
            take(inflater.flush())
        else:  # identity, or an encoding we did not ask for: httpx's own decoders
            async for chunk in response.aiter_bytes():
                take(chunk)
    except (zlib.error, httpx.DecodingError) as exc:
        raise APIResponseValidationError(
            response=response,
            message=f"{request.method} {request.url.path}: the response body cannot be decoded ({exc})",
            request_id=response.headers.get("x-request-id"),
        ) from exc
    finally:
        await response.aclose()
    headers = [
        (k, v) for k, v in response.headers.raw if k.decode("latin-1").lower() not in _DROPPED_AFTER_DECODING
    ]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=b"".join(chunks),
        request=request,
        extensions=response.extensions,
    )
