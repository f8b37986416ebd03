"""RawResponse and StreamResponse (features HTTP-19, HTTP-25, HTTP-26 raw part, HTTP-28; theme T-06)."""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from tinkex._http.response import RawResponse, StreamResponse
from tinkex._http.sse import ServerSentEvent
from tinkex.errors import APIResponseValidationError, RequestErrorCategory


def fetch(
    status: int, body: bytes, headers: dict[str, str] | None = None, method: str = "POST"
) -> httpx.Response:
    """A real round trip through httpx (MockTransport), so request, elapsed and decoding are real."""

    def handler(request: httpx.Request) -> httpx.Response:
        # A streamed body, as real transports give: httpx then records `elapsed` on close.
        return httpx.Response(status, content=iter([body]), headers=headers or {})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        return client.request(method, "http://test:8000/api/v1/get_info?x=1", json={"model_id": "m"})


def test_metadata_and_case_insensitive_headers() -> None:
    # covers HTTP-25
    raw = RawResponse(fetch(200, b'{"ok": true}', {"X-Request-Id": "req-1"}), retries_taken=2)
    assert raw.status_code == 200
    assert raw.headers["x-request-id"] == raw.headers["X-REQUEST-ID"] == "req-1"
    assert raw.header("X-Request-ID") == "req-1"
    assert raw.header("missing", "dflt") == "dflt"
    assert raw.method == "POST"
    assert str(raw.url) == "http://test:8000/api/v1/get_info?x=1"
    assert raw.http_request.content == b'{"model_id":"m"}'
    assert raw.retries_taken == 2
    assert isinstance(raw.elapsed, dt.timedelta)
    assert "200" in repr(raw)


def test_elapsed_override_measures_the_whole_call() -> None:
    # covers HTTP-25 (elapsed over all attempts when the caller measured it)
    raw = RawResponse(fetch(200, b"{}"), elapsed=dt.timedelta(seconds=3))
    assert raw.elapsed == dt.timedelta(seconds=3)


@pytest.mark.parametrize("body", [b"", b"  \n"])
def test_empty_2xx_body_decodes_to_empty_dict(body: bytes) -> None:
    # covers HTTP-19, OVR-24 (DELETE/204 with no body)
    assert RawResponse(fetch(204, body, method="DELETE")).json() == {}
    assert RawResponse(fetch(200, body)).json() == {}


def test_empty_non_2xx_body_is_none() -> None:
    # covers HTTP-19
    assert RawResponse(fetch(500, b"")).json() is None


def test_invalid_json_raises_a_user_category_validation_error() -> None:
    # covers HTTP-19 ("JSON decode error", category user)
    raw = RawResponse(fetch(200, b"<html>oops</html>", {"content-type": "text/html"}))
    with pytest.raises(APIResponseValidationError, match="JSON decode error") as info:
        raw.json()
    assert info.value.category is RequestErrorCategory.User
    assert info.value.status_code == 200
    assert "text/html" in info.value.message
    assert raw.text == "<html>oops</html>"


def test_gzip_body_is_decompressed() -> None:
    # covers HTTP-19 (content-encoding gzip)
    raw = RawResponse(fetch(200, gzip.compress(b'{"a": [1, 2]}'), {"content-encoding": "gzip"}))
    assert raw.json() == {"a": [1, 2]}
    assert raw.content == b'{"a": [1, 2]}'


class _FromDict:
    def __init__(self, value: int) -> None:
        self.value = value

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> _FromDict:
        return cls(data["value"])


class _Pydantic:
    def __init__(self, value: int) -> None:
        self.value = value

    @classmethod
    def model_validate(cls, data: dict[str, Any]) -> _Pydantic:
        return cls(data["value"] + 1)


def test_parse_with_nothing_a_model_or_a_function() -> None:
    # covers HTTP-25 (parse takes a type, a function, or nothing)
    raw = RawResponse(fetch(200, b'{"value": 41}'))
    assert raw.parse() == {"value": 41}
    assert raw.parse(_FromDict).value == 41
    assert raw.parse(_Pydantic).value == 42
    assert raw.parse(lambda data: data["value"] * 2) == 82


def test_parse_failure_names_the_parser() -> None:
    # covers HTTP-25
    raw = RawResponse(fetch(200, b'{"other": 1}'))
    with pytest.raises(APIResponseValidationError, match="_FromDict") as info:
        raw.parse(_FromDict)
    assert isinstance(info.value.__cause__, KeyError)
    with pytest.raises(TypeError, match="model class or a callable"):
        raw.parse(42)  # type: ignore[call-overload]


def test_raw_response_reads_a_streamed_body_on_request() -> None:
    # covers HTTP-25
    response = httpx.Response(200, content=iter([b'{"a"', b": 1}"]))
    raw = RawResponse(response)
    assert raw.read() == b'{"a": 1}'
    assert raw.json() == {"a": 1}


def _stream_client(chunks: list[bytes], progress: list[int]) -> httpx.Client:
    def body() -> Iterator[bytes]:
        for index, chunk in enumerate(chunks):
            progress.append(index)
            yield chunk

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body(), headers={"content-type": "text/event-stream"})

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_stream_response_yields_lines_incrementally_and_closes() -> None:
    # covers HTTP-28 (truly incremental), HTTP-25 metadata on the stream wrapper
    progress: list[int] = []
    client = _stream_client([b"line one\n", b"line two\n"], progress)
    request = client.build_request("GET", "http://test/api/v1/stream")
    with StreamResponse(client.send(request, stream=True), retries_taken=1) as stream:
        assert stream.status_code == 200
        assert stream.method == "GET"
        assert stream.retries_taken == 1
        lines = stream.iter_lines()
        assert next(lines) == "line one"
        assert progress == [0]
        assert list(lines) == ["line two"]
    assert stream.is_closed
    client.close()


def test_stream_response_iter_events_and_iter_bytes() -> None:
    # covers HTTP-28
    client = _stream_client([b"data: 1\n\n", b"event: done\ndata: 2\n\n"], [])
    with StreamResponse(client.send(client.build_request("GET", "http://test/e"), stream=True)) as stream:
        assert list(stream.iter_events()) == [
            ServerSentEvent(data="1"),
            ServerSentEvent(event="done", data="2"),
        ]
    with StreamResponse(client.send(client.build_request("GET", "http://test/b"), stream=True)) as stream:
        assert b"".join(stream.iter_bytes()) == b"data: 1\n\nevent: done\ndata: 2\n\n"
    client.close()


async def test_async_stream_response_context_manager() -> None:
    # covers HTTP-28 (async iterator)
    progress: list[int] = []

    async def body() -> AsyncIterator[bytes]:
        for index, chunk in enumerate([b"data: a\n\n", b"data: b\n\n"]):
            progress.append(index)
            yield chunk

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body())

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        response = await client.send(client.build_request("GET", "http://test/e"), stream=True)
        async with StreamResponse(response) as stream:
            events = stream.aiter_events()
            assert await anext(events) == ServerSentEvent(data="a")
            assert progress == [0]
            assert [e.data async for e in events] == ["b"]
        assert stream.is_closed

        response = await client.send(client.build_request("GET", "http://test/l"), stream=True)
        async with StreamResponse(response) as stream:
            assert [line async for line in stream.aiter_lines()] == ["data: a", "", "data: b", ""]
