"""``client.with_raw_response`` / ``client.with_streaming_response`` (features HTTP-25, HTTP-26, HTTP-28).

The official SDK's pattern: the same method names as the client, but the call returns the HTTP
response instead of the parsed value::

    raw = service_client.with_raw_response.get_server_capabilities()
    raw.status_code, raw.headers["x-request-id"], raw.retries_taken, raw.elapsed
    capabilities = raw.parse(GetServerCapabilitiesResponse)

    with rest_client.with_streaming_response.list_training_runs(limit=5) as response:
        for line in response.iter_lines(): ...

Each method also has an ``_async`` twin (``await ...get_server_capabilities_async()``,
``async with ...list_training_runs_async() as response``). Retries, headers and error mapping
are the normal ones: a non-2xx answer still raises the official exception. All I/O runs on
tinkex's loop (its httpx pools live there); iterating a stream from another thread or event loop
hands each step to that loop.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from tinker_openapi.api.rest import (
    get_session,
    get_training_run,
    list_checkpoints,
    list_sessions,
    list_training_runs,
    list_user_checkpoints,
)
from tinker_openapi.api.sampling import get_sampler
from tinker_openapi.api.service import get_server_capabilities, healthz

from .._core import loop as _loop
from .calls import call_raw, call_stream
from .options import CallOptions, PoolType
from .response import RawResponse, StreamResponse
from .sse import ServerSentEvent, aiter_sse

if TYPE_CHECKING:
    from .._core.holder import ClientHolder

__all__ = [
    "REST_ENDPOINTS",
    "SERVICE_ENDPOINTS",
    "LoopStreamResponse",
    "RawEndpoint",
    "RawResponseAccess",
    "StreamingResponseAccess",
]

_T = TypeVar("_T")
_DONE: Any = object()


@dataclass(frozen=True)
class RawEndpoint:
    """One public method in raw form: its generated endpoint, how its arguments become that
    function's arguments and the call's options (a function with the public signature, so a wrong
    argument raises the usual ``TypeError``), and whether the session must be started first."""

    endpoint: ModuleType
    build: Callable[..., tuple[CallOptions, dict[str, Any]]]
    needs_startup: bool = True


async def _next_or_done(iterator: AsyncIterator[_T]) -> Any:
    # StopAsyncIteration cannot cross a concurrent future cleanly, so the end is a sentinel.
    try:
        return await iterator.__anext__()
    except StopAsyncIteration:
        return _DONE


def _iterate_sync(iterator: AsyncIterator[_T]) -> Iterator[_T]:
    while (item := _loop.run_sync(_next_or_done(iterator))) is not _DONE:
        yield item


async def _iterate_async(iterator: AsyncIterator[_T]) -> AsyncIterator[_T]:
    while (item := await _loop.run_on_loop(_next_or_done(iterator))) is not _DONE:
        yield item


class LoopStreamResponse(StreamResponse):
    """A ``StreamResponse`` whose body belongs to tinkex's loop: both the sync (``iter_*``,
    ``read``, ``close``) and async (``aiter_*``, ``aread``, ``aclose``) forms work from anywhere."""

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return _iterate_sync(self.http_response.aiter_bytes(chunk_size))

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return _iterate_sync(self.http_response.aiter_text(chunk_size))

    def iter_lines(self) -> Iterator[str]:
        return _iterate_sync(self.http_response.aiter_lines())

    def iter_events(self) -> Iterator[ServerSentEvent]:
        return _iterate_sync(aiter_sse(self.http_response))

    def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return _iterate_async(self.http_response.aiter_bytes(chunk_size))

    def aiter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return _iterate_async(self.http_response.aiter_text(chunk_size))

    def aiter_lines(self) -> AsyncIterator[str]:
        return _iterate_async(self.http_response.aiter_lines())

    def aiter_events(self) -> AsyncIterator[ServerSentEvent]:
        return _iterate_async(aiter_sse(self.http_response))

    def read(self) -> bytes:
        return _loop.run_sync(self.http_response.aread())

    async def aread(self) -> bytes:
        return await _loop.run_on_loop(self.http_response.aread())

    def close(self) -> None:
        if not self.http_response.is_closed:
            _loop.run_sync(self.http_response.aclose())

    async def aclose(self) -> None:
        if not self.http_response.is_closed:
            await _loop.run_on_loop(self.http_response.aclose())


# ---- the two access objects ----


class _Access:
    _mode = "with_raw_response"

    def __init__(self, holder: ClientHolder, endpoints: Mapping[str, RawEndpoint], owner: str) -> None:
        self._holder = holder
        self._endpoints = endpoints
        self._owner = owner

    def _endpoint(self, name: str) -> tuple[RawEndpoint, bool]:
        if name.startswith("_"):  # dunder/private lookups (copy, pickle) must not recurse
            raise AttributeError(name)
        base = name.removesuffix("_async")
        endpoint = self._endpoints.get(base)
        if endpoint is None:
            available = ", ".join(sorted(self._endpoints))
            raise AttributeError(f"{self._owner}.{self._mode} has no method {name!r}; available: {available}")
        return endpoint, name != base

    async def _send(
        self, endpoint: RawEndpoint, args: tuple[Any, ...], kwargs: dict[str, Any], *, stream: bool
    ) -> tuple[httpx.Response, int, dt.timedelta]:
        options, call_kwargs = endpoint.build(*args, **kwargs)  # validates the arguments before any I/O
        if endpoint.needs_startup:
            await self._holder.ensure_started()
        started = time.perf_counter()
        if stream:
            response = await call_stream(self._holder.api, endpoint.endpoint, options, **call_kwargs)
        else:
            response = (
                await call_raw(self._holder.api, endpoint.endpoint, options, **call_kwargs)
            ).http_response
        elapsed = dt.timedelta(seconds=time.perf_counter() - started)
        # The policy stamps each attempt; the one that succeeded tells how many came before.
        retries = int(response.request.headers.get("x-stainless-retry-count", "0"))
        return response, retries, elapsed

    def __dir__(self) -> list[str]:
        return sorted({*self._endpoints, *(f"{name}_async" for name in self._endpoints)})

    def __repr__(self) -> str:
        return f"<{self._owner}.{self._mode}: {', '.join(sorted(self._endpoints))}>"


class RawResponseAccess(_Access):
    """``client.with_raw_response.<method>(...)`` -> ``RawResponse`` (body read, not parsed)."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        endpoint, is_async = self._endpoint(name)

        async def fetch(args: tuple[Any, ...], kwargs: dict[str, Any]) -> RawResponse:
            response, retries, elapsed = await self._send(endpoint, args, kwargs, stream=False)
            return RawResponse(response, retries_taken=retries, elapsed=elapsed)

        if is_async:

            async def call_async(*args: Any, **kwargs: Any) -> RawResponse:
                return await _loop.run_on_loop(fetch(args, kwargs))

            return call_async

        def call(*args: Any, **kwargs: Any) -> RawResponse:
            return _loop.run_sync(fetch(args, kwargs))

        return call


class StreamingResponseAccess(_Access):
    """``with client.with_streaming_response.<method>(...) as response:`` -> an unread
    ``StreamResponse``, closed when the block exits (``async with`` for the ``_async`` names)."""

    _mode = "with_streaming_response"

    def __getattr__(self, name: str) -> Callable[..., _StreamContext]:
        endpoint, _ = self._endpoint(name)

        def open_stream(*args: Any, **kwargs: Any) -> _StreamContext:
            endpoint.build(*args, **kwargs)  # a bad argument fails here, not at ``with``

            async def fetch() -> LoopStreamResponse:
                response, retries, elapsed = await self._send(endpoint, args, kwargs, stream=True)
                return LoopStreamResponse(response, retries_taken=retries, elapsed=elapsed)

            return _StreamContext(fetch)

        return open_stream


class _StreamContext:
    """Opens the stream on entering ``with`` / ``async with`` and closes it on exit."""

    def __init__(self, fetch: Callable[[], Coroutine[Any, Any, LoopStreamResponse]]) -> None:
        self._fetch = fetch
        self._response: LoopStreamResponse | None = None

    def __enter__(self) -> LoopStreamResponse:
        self._response = _loop.run_sync(self._fetch())
        return self._response

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._response is not None:
            self._response.close()

    async def __aenter__(self) -> LoopStreamResponse:
        self._response = await _loop.run_on_loop(self._fetch())
        return self._response

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._response is not None:
            await self._response.aclose()

    def __repr__(self) -> str:
        return "<streaming response: use it in a with / async with block>"


# ---- the endpoint tables (arguments and defaults as in the public methods) ----


_DEFAULT_POOL = CallOptions(pool=PoolType.DEFAULT)


def _no_args() -> tuple[CallOptions, dict[str, Any]]:
    return _DEFAULT_POOL, {}


def _health_check() -> tuple[CallOptions, dict[str, Any]]:
    return CallOptions(max_retries=0), {}  # as ServiceClient.health_check: report, never wait out an outage


def _list_training_runs(
    limit: int = 20, offset: int = 0, access_scope: str = "owned", project_id: str | None = None
) -> tuple[CallOptions, dict[str, Any]]:
    return _DEFAULT_POOL, {
        "limit": limit,
        "offset": offset,
        "access_scope": access_scope,
        "project_id": project_id,
    }


def _get_training_run(
    training_run_id: str, access_scope: str = "owned"
) -> tuple[CallOptions, dict[str, Any]]:
    return _DEFAULT_POOL, {"training_run_id": training_run_id, "access_scope": access_scope}


def _list_checkpoints(training_run_id: str) -> tuple[CallOptions, dict[str, Any]]:
    return _DEFAULT_POOL, {"training_run_id": training_run_id}


def _list_user_checkpoints(limit: int = 100, offset: int = 0) -> tuple[CallOptions, dict[str, Any]]:
    return _DEFAULT_POOL, {"limit": limit, "offset": offset}


def _list_sessions(
    limit: int = 20, offset: int = 0, access_scope: str = "owned"
) -> tuple[CallOptions, dict[str, Any]]:
    return _DEFAULT_POOL, {"limit": limit, "offset": offset, "access_scope": access_scope}


def _get_session(session_id: str, access_scope: str = "owned") -> tuple[CallOptions, dict[str, Any]]:
    return _DEFAULT_POOL, {"session_id": session_id, "access_scope": access_scope}


def _get_sampler(sampler_id: str) -> tuple[CallOptions, dict[str, Any]]:
    return CallOptions(pool=PoolType.SAMPLING), {"sampler_id": sampler_id}


SERVICE_ENDPOINTS: Mapping[str, RawEndpoint] = {
    "get_server_capabilities": RawEndpoint(get_server_capabilities, _no_args, needs_startup=False),
    "health_check": RawEndpoint(healthz, _health_check, needs_startup=False),
}

REST_ENDPOINTS: Mapping[str, RawEndpoint] = {
    "get_server_capabilities": RawEndpoint(get_server_capabilities, _no_args),
    "list_training_runs": RawEndpoint(list_training_runs, _list_training_runs),
    "get_training_run": RawEndpoint(get_training_run, _get_training_run),
    "list_checkpoints": RawEndpoint(list_checkpoints, _list_checkpoints),
    "list_user_checkpoints": RawEndpoint(list_user_checkpoints, _list_user_checkpoints),
    "list_sessions": RawEndpoint(list_sessions, _list_sessions),
    "get_session": RawEndpoint(get_session, _get_session),
    "get_sampler": RawEndpoint(get_sampler, _get_sampler),
}
