"""Response wrappers for the raw and streaming response modes (features HTTP-19, HTTP-25, HTTP-26, HTTP-28).

``RawResponse`` wraps a fully read ``httpx.Response`` with its metadata and lazy decoding;
``StreamResponse`` wraps one opened with ``stream=True`` and must be closed (it is a context
manager, sync and async). httpx already undoes ``Content-Encoding: gzip``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Callable, Iterator
from types import TracebackType
from typing import Any, Self, TypeVar, cast, overload

import httpx

from ..errors import APIResponseValidationError
from .sse import ServerSentEvent, aiter_sse, iter_sse

__all__ = ["RawResponse", "StreamResponse"]

_T = TypeVar("_T")
_UNREAD: Any = object()


class _ResponseMeta:
    """Metadata shared by both wrappers; reading it never touches the body."""

    def __init__(
        self, response: httpx.Response, *, retries_taken: int = 0, elapsed: dt.timedelta | None = None
    ) -> None:
        self.http_response = response
        self.retries_taken = retries_taken
        self._elapsed = elapsed

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """Case-insensitive, as HTTP header names are."""
        return self.http_response.headers

    def header(self, name: str, default: str | None = None) -> str | None:
        """One header value by case-insensitive name (Tinkex's ``header/2``)."""
        return self.http_response.headers.get(name, default)

    @property
    def http_request(self) -> httpx.Request:
        return self.http_response.request

    @property
    def method(self) -> str:
        return self.http_request.method

    @property
    def url(self) -> httpx.URL:
        return self.http_request.url

    @property
    def is_success(self) -> bool:
        return self.http_response.is_success

    @property
    def elapsed(self) -> dt.timedelta:
        """Time for the whole call when the caller measured it (all attempts), else httpx's
        time from sending this request until the body was read or closed."""
        if self._elapsed is not None:
            return self._elapsed
        return self.http_response.elapsed

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.method} {self.url}>"


class RawResponse(_ResponseMeta):
    """A fully read response: status, headers, request, timing, retries and the decoded body."""

    def __init__(
        self, response: httpx.Response, *, retries_taken: int = 0, elapsed: dt.timedelta | None = None
    ) -> None:
        super().__init__(response, retries_taken=retries_taken, elapsed=elapsed)
        self._json: Any = _UNREAD

    def read(self) -> bytes:
        """Read the body if the response was opened as a stream (sync)."""
        return self.http_response.read()

    async def aread(self) -> bytes:
        """Read the body if the response was opened as a stream (async)."""
        return await self.http_response.aread()

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self) -> Any:
        """The body as JSON. An empty (or whitespace) 2xx body is ``{}`` (HTTP-19: DELETE/204);
        an empty non-2xx body is ``None``; invalid JSON raises ``APIResponseValidationError``."""
        if self._json is _UNREAD:
            self._json = self._decode_json()
        return self._json

    def _decode_json(self) -> Any:
        content = self.content
        if not content.strip():
            return {} if self.is_success else None
        try:
            return json.loads(content)
        except ValueError as exc:
            content_type = self.headers.get("content-type", "none")
            raise APIResponseValidationError(
                self.http_response,
                body=self.text,
                message=f"JSON decode error: the {self.status_code} response body (content-type {content_type}) "
                f"is not valid JSON: {exc}",
            ) from exc

    @overload
    def parse(self) -> Any: ...
    @overload
    def parse(self, model_or_fn: type[_T]) -> _T: ...
    @overload
    def parse(self, model_or_fn: Callable[[Any], _T]) -> _T: ...
    def parse(self, model_or_fn: type[_T] | Callable[[Any], _T] | None = None) -> Any:
        """Decode the body (``json()``) and build a value from it:

        * nothing: the decoded JSON itself;
        * a class with ``from_dict`` (attrs/generated models) or ``model_validate`` (pydantic);
        * any other callable, called with the decoded JSON.

        A failure in the parser becomes ``APIResponseValidationError`` naming the parser.
        """
        data = self.json()
        if model_or_fn is None:
            return data
        builder: Callable[[Any], Any] | None = getattr(model_or_fn, "from_dict", None) or getattr(
            model_or_fn, "model_validate", None
        )
        if builder is None:
            if not callable(model_or_fn):
                raise TypeError(f"parse() needs a model class or a callable, got {model_or_fn!r}")
            builder = cast(Callable[[Any], Any], model_or_fn)
        try:
            return builder(data)
        except Exception as exc:
            name = getattr(model_or_fn, "__qualname__", repr(model_or_fn))
            raise APIResponseValidationError(
                self.http_response,
                body=data,
                message=f"Failed to parse the {self.status_code} response with {name}: {exc}",
            ) from exc


class StreamResponse(_ResponseMeta):
    """A response whose body is read as it arrives. Use it as a context manager (``with`` or
    ``async with``) or call ``close()``/``aclose()``: the connection is held until then."""

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def iter_events(self) -> Iterator[ServerSentEvent]:
        """Server-sent events, each yielded as soon as its blank line arrives."""
        return iter_sse(self.http_response)

    def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return self.http_response.aiter_bytes(chunk_size)

    def aiter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return self.http_response.aiter_text(chunk_size)

    def aiter_lines(self) -> AsyncIterator[str]:
        return self.http_response.aiter_lines()

    def aiter_events(self) -> AsyncIterator[ServerSentEvent]:
        return aiter_sse(self.http_response)

    def read(self) -> bytes:
        return self.http_response.read()

    async def aread(self) -> bytes:
        return await self.http_response.aread()

    @property
    def is_closed(self) -> bool:
        return self.http_response.is_closed

    def close(self) -> None:
        self.http_response.close()

    async def aclose(self) -> None:
        await self.http_response.aclose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
