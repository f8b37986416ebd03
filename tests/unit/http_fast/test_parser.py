"""The fast transport's response parser, fed byte streams split at every awkward place."""

# covers HTTP-01 (responses decoded: status, headers, Content-Length / chunked / close-delimited bodies)

from __future__ import annotations

import pytest

from tinkex._http.fast.parser import ResponseParseError, ResponseParser


def feed_in_pieces(raw: bytes, size: int, *, is_head: bool = False) -> ResponseParser:
    parser = ResponseParser(is_head)
    done = False
    for start in range(0, len(raw), size):
        done = parser.feed(raw[start : start + size])
        if done:
            break
    assert done
    return parser


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64, 10_000])
def test_content_length_body_split_anywhere(size: int) -> None:
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-Request-Id: abc\r\n\r\nhello world"
    parser = feed_in_pieces(raw, size)
    assert parser.status == 200
    assert parser.body() == b"hello world"
    assert parser.fields[b"x-request-id"] == b"abc"
    assert (b"X-Request-Id", b"abc") in parser.raw_headers
    assert parser.keep_alive and not parser.trailing_bytes


@pytest.mark.parametrize("size", [1, 4, 9, 1000])
def test_chunked_body_with_extensions_and_trailers(size: int) -> None:
    raw = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n"
    )
    parser = feed_in_pieces(raw, size)
    assert parser.body() == b"hello world"
    assert parser.keep_alive


def test_chunked_wins_over_content_length() -> None:
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
    assert feed_in_pieces(raw, 5).body() == b"ok"


def test_connection_close_and_http10_are_not_reusable() -> None:
    close = feed_in_pieces(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 100)
    assert not close.keep_alive
    old = feed_in_pieces(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 100)
    assert not old.keep_alive
    old_keep = feed_in_pieces(
        b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok", 100
    )
    assert old_keep.keep_alive


def test_body_until_close() -> None:
    parser = ResponseParser()
    assert not parser.feed(b"HTTP/1.1 200 OK\r\n\r\npart one, ")
    assert not parser.feed(b"part two")
    assert parser.feed_eof()
    assert parser.body() == b"part one, part two"
    assert not parser.keep_alive


def test_bodiless_statuses_and_head_requests() -> None:
    assert feed_in_pieces(b"HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", 100).body() == b""
    assert feed_in_pieces(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", 100, is_head=True).body() == b""


def test_interim_100_continue_is_skipped() -> None:
    raw = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"
    parser = feed_in_pieces(raw, 3)
    assert parser.status == 201 and parser.body() == b"ok"


def test_extra_bytes_after_the_body_make_the_connection_unusable() -> None:
    parser = ResponseParser()
    assert parser.feed(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokGARBAGE")
    assert parser.body() == b"ok" and parser.trailing_bytes


def test_large_body_is_joined_once() -> None:
    body = bytes(range(256)) * 16384  # 4 MiB
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    assert feed_in_pieces(raw, 65536).body() == body


@pytest.mark.parametrize(
    "raw",
    [
        b"HTTX/1.1 200 OK\r\n\r\n",
        b"HTTP/1.1 2x0 OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n folded: header\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX",
    ],
)
def test_malformed_responses_raise(raw: bytes) -> None:
    parser = ResponseParser()
    with pytest.raises(ResponseParseError):
        parser.feed(raw)


def test_oversized_head_raises() -> None:
    parser = ResponseParser()
    with pytest.raises(ResponseParseError, match="too large"):
        parser.feed(b"HTTP/1.1 200 OK\r\nX: " + b"a" * (300 * 1024))
