"""``httpx.Response`` objects for replies that came through the fast transport.

Callers (and users, through raw responses) get the same ``httpx.Response`` type as on the
httpx path. Two costs are avoided: the body is attached as already-read content instead of
going through httpx's stream/decoder machinery, and the ``httpx.Request`` (tens of
microseconds to build: URL parsing, header normalization) is built only if someone asks for
``response.request``.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable

import httpx
from httpx._content import ByteStream  # the body container httpx itself uses for read content
from httpx._decoders import SUPPORTED_DECODERS

RequestFactory = Callable[[], httpx.Request]


class FastResponse(httpx.Response):
    """A fully read response whose ``request`` is built on first access."""

    _request_factory: RequestFactory | None = None

    @property
    def request(self) -> httpx.Request:
        if self._request is None and self._request_factory is not None:
            self._request = self._request_factory()
        return super().request

    @request.setter
    def request(self, value: httpx.Request) -> None:
        self._request = value


def build_response(
    status: int,
    raw_headers: list[tuple[bytes, bytes]],
    body: bytes,
    content_encoding: bytes | None,
    request_factory: RequestFactory,
    elapsed: float,
) -> httpx.Response:
    """The ``httpx.Response`` for a parsed reply; gzip/deflate bodies are decoded like httpx does."""
    if content_encoding is not None:
        body = _decode(content_encoding, body)
    response = FastResponse(status, headers=raw_headers, stream=ByteStream(body))
    response._content = body
    response._request_factory = request_factory
    response.is_stream_consumed = True
    response.is_closed = True
    response.elapsed = dt.timedelta(seconds=elapsed)
    return response


def _decode(content_encoding: bytes, body: bytes) -> bytes:
    encodings = [e.strip() for e in content_encoding.lower().split(b",") if e.strip()]
    for encoding in reversed(encodings):  # the last one applied is undone first
        try:
            if encoding in (b"gzip", b"x-gzip"):
                body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
            elif encoding == b"deflate":
                try:
                    body = zlib.decompress(body)
                except zlib.error:  # raw deflate without the zlib header, as some servers send
                    body = zlib.decompress(body, -zlib.MAX_WBITS)
            elif encoding != b"identity":
                decoder_type = SUPPORTED_DECODERS.get(encoding.decode("latin-1"))
                if decoder_type is None:
                    raise httpx.DecodingError(f"unsupported Content-Encoding {encoding.decode('latin-1')!r}")
                decoder = decoder_type()  # br / zstd: httpx's decoder for the same encoding
                body = decoder.decode(body) + decoder.flush()
        except zlib.error as exc:
            raise httpx.DecodingError(f"cannot decode {encoding.decode('latin-1')} body: {exc}") from exc
    return body
