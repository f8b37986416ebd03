"""SSE decoder and streaming iterators (features HTTP-27, HTTP-28; test theme T-06)."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from hypothesis import given, settings, strategies as st

from tinkex._http.sse import ServerSentEvent, SSEDecoder, aiter_sse, iter_sse


def decode_all(*chunks: bytes | str) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events.extend(decoder.feed(chunk))
    events.extend(decoder.flush())
    return events


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_each_line_ending_splits_lines_and_ends_events(newline: str) -> None:
    # covers HTTP-27 (separators \r\n\r\n, \n\n, \r\r; lines split on CRLF/LF/CR)
    nl = newline
    stream = f"event: greet{nl}data: a{nl}data: b{nl}{nl}data: second{nl}{nl}"
    assert decode_all(stream) == [ServerSentEvent(event="greet", data="a\nb"), ServerSentEvent(data="second")]
    # Without flush, a final lone CR is held back (it may be half of a CRLF); LF/CRLF are not.
    held_back = 1 if nl == "\r" else 0
    assert len(SSEDecoder().feed(stream)) == 2 - held_back


def test_mixed_line_endings_in_one_stream() -> None:
    # covers HTTP-27
    events = decode_all("data: 1\r\ndata: 2\rdata: 3\n\r\ndata: x\r\r")
    assert [e.data for e in events] == ["1\n2\n3", "x"]


def test_comments_are_skipped_and_comment_only_blocks_yield_nothing() -> None:
    # covers HTTP-27
    events = decode_all(": keep-alive\n\n:another\ndata: real\n: inside\n\n")
    assert events == [ServerSentEvent(data="real")]


def test_all_fields_and_one_leading_space_stripped() -> None:
    # covers HTTP-27
    events = decode_all("id: 7\nevent: done\nretry: 1500\ndata:  two spaces\ndata:nospace\n\n")
    assert events == [ServerSentEvent(event="done", data=" two spaces\nnospace", id="7", retry=1500)]


@pytest.mark.parametrize("value", ["abc", "12a", "-5", "1.5", "", "  1", "١٢"])
def test_invalid_retry_is_none(value: str) -> None:
    # covers HTTP-27 (retry is an int; invalid -> None)
    (event,) = decode_all(f"retry:{value}\ndata: x\n\n")
    assert event.retry is None
    assert event.data == "x"


def test_unknown_fields_ignored_and_field_without_colon() -> None:
    # covers HTTP-27
    events = decode_all("foo: bar\ndata\ndata: y\nDATA: upper-case is another field\n\n")
    assert events == [ServerSentEvent(data="\ny")]


def test_unknown_field_alone_does_not_make_an_event() -> None:
    # covers HTTP-27
    assert decode_all("foo: bar\n\n") == []


def test_event_fields_do_not_leak_into_the_next_event() -> None:
    # covers HTTP-27
    first, second = decode_all("event: a\nid: 1\nretry: 5\ndata: x\n\ndata: y\n\n")
    assert first == ServerSentEvent(event="a", data="x", id="1", retry=5)
    assert second == ServerSentEvent(data="y")


def test_json_decodes_or_returns_raw_string() -> None:
    # covers HTTP-27
    assert ServerSentEvent(data='{"token": "hi", "n": [1, 2]}').json() == {"token": "hi", "n": [1, 2]}
    assert ServerSentEvent(data="not json {").json() == "not json {"
    assert ServerSentEvent(data="").json() == ""


def test_flush_dispatches_an_unterminated_last_event() -> None:
    # covers HTTP-27 (lenient end of stream, as Tinkex's whole-body decode)
    decoder = SSEDecoder()
    assert decoder.feed(b"data: one\n\ndata: tail") == [ServerSentEvent(data="one")]
    assert decoder.flush() == [ServerSentEvent(data="tail")]


def test_trailing_cr_waits_for_a_possible_lf() -> None:
    # covers HTTP-27: "\r" then "\n" in the next chunk is ONE line ending, not two
    decoder = SSEDecoder()
    assert decoder.feed("data: a\r") == []
    assert decoder.feed("\ndata: b\r\n\r\n") == [ServerSentEvent(data="a\nb")]


def test_leading_bom_is_stripped_once() -> None:
    # covers HTTP-27
    assert decode_all(b"\xef\xbb", b"\xbfdata: x\n\n") == [ServerSentEvent(data="x")]


_field_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n\x00"), max_size=12
)
_events = st.lists(
    st.builds(
        ServerSentEvent,
        event=st.none() | _field_text,
        data=st.lists(_field_text, min_size=1, max_size=3).map("\n".join),
        id=st.none() | _field_text,
        retry=st.none() | st.integers(min_value=0, max_value=10**6),
    ),
    max_size=5,
)


def encode(events: list[ServerSentEvent], newline: str) -> bytes:
    out: list[str] = []
    for event in events:
        out.append(": comment" + newline)
        if event.event is not None:
            out.append(f"event: {event.event}{newline}")
        if event.id is not None:
            out.append(f"id: {event.id}{newline}")
        if event.retry is not None:
            out.append(f"retry: {event.retry}{newline}")
        out.extend(f"data: {line}{newline}" for line in event.data.split("\n"))
        out.append(newline)
    return "".join(out).encode("utf-8")


@settings(max_examples=150, deadline=None)
@given(events=_events, newline=st.sampled_from(["\r\n", "\n", "\r"]))
def test_any_split_at_every_byte_boundary_gives_the_same_events(
    events: list[ServerSentEvent], newline: str
) -> None:
    # covers HTTP-27, T-06: split the byte stream at every boundary, and byte by byte
    stream = encode(events, newline)
    assert decode_all(stream) == events
    for cut in range(len(stream) + 1):
        assert decode_all(stream[:cut], stream[cut:]) == events
    assert decode_all(*(stream[i : i + 1] for i in range(len(stream)))) == events


@settings(max_examples=100, deadline=None)
@given(events=_events, newline=st.sampled_from(["\r\n", "\n", "\r"]), data=st.data())
def test_random_multi_way_splits_give_the_same_events(
    events: list[ServerSentEvent], newline: str, data: st.DataObject
) -> None:
    # covers HTTP-27
    stream = encode(events, newline)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=8)))
    bounds = [0, *cuts, len(stream)]
    chunks = [stream[a:b] for a, b in itertools.pairwise(bounds)]
    assert decode_all(*chunks) == events


def _sync_stream(chunks: list[bytes], progress: list[int]) -> Iterator[bytes]:
    for index, chunk in enumerate(chunks):
        progress.append(index)
        yield chunk


def test_iter_sse_is_incremental() -> None:
    # covers HTTP-28: the first event is yielded before the second chunk is even produced
    progress: list[int] = []
    chunks = [b"data: first\n\n", b"data: sec", b"ond\n\n"]
    response = httpx.Response(200, content=_sync_stream(chunks, progress))
    events = iter_sse(response)
    assert next(events) == ServerSentEvent(data="first")
    assert progress == [0]
    assert list(events) == [ServerSentEvent(data="second")]
    assert progress == [0, 1, 2]


async def test_aiter_sse_is_incremental() -> None:
    # covers HTTP-28
    progress: list[int] = []

    async def body() -> AsyncIterator[bytes]:
        for index, chunk in enumerate([b"event: a\ndata: 1\n\n", b"data: 2\n", b"\n"]):
            progress.append(index)
            yield chunk

    response = httpx.Response(200, content=body())
    events = aiter_sse(response)
    assert await anext(events) == ServerSentEvent(event="a", data="1")
    assert progress == [0]
    assert [event async for event in events] == [ServerSentEvent(data="2")]


def test_iter_sse_over_a_real_streaming_client_request() -> None:
    # covers HTTP-28: through httpx.Client.stream with a mock transport
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"content-type": "text/event-stream"},
            content=iter([b'data: {"token": "a"}\r\n\r\n', b'data: {"tok', b'en": "b"}\r\n\r\n']),
        )

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
        client.stream("GET", "http://test/api/v1/events") as response,
    ):
        assert [event.json() for event in iter_sse(response)] == [{"token": "a"}, {"token": "b"}]
