"""Server-sent events: an incremental decoder and iterators over httpx streams (features HTTP-27/28).

The decoder follows the WHATWG event-stream rules: lines end in CRLF, LF or CR; a blank line
ends an event; ``:`` starts a comment; ``data`` lines are joined with ``\\n``; one space after
the colon is stripped; unknown fields are ignored. It is hand-written (about 100 lines) because
httpx has no SSE support and the only maintained add-on (httpx-sse) is not a dependency; the
decoder must also survive chunks split anywhere, including inside a CRLF or a UTF-8 sequence.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = ["SSEDecoder", "ServerSentEvent", "aiter_sse", "iter_sse"]

_LINE_END = re.compile(r"\r\n|\r|\n")
_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One decoded event. ``data`` is ``""`` when the event carried no data lines."""

    event: str | None = None
    data: str = ""
    id: str | None = None
    retry: int | None = None

    def json(self) -> Any:
        """The data decoded as JSON, or the raw data string when it is not valid JSON."""
        try:
            return json.loads(self.data)
        except ValueError:
            return self.data


class SSEDecoder:
    """Feed it bytes or text as they arrive; it returns the events completed so far.

    Call :meth:`flush` when the stream ends: it completes a last line that had no line
    ending and dispatches an event that the server did not close with a blank line
    (lenient on purpose, as Tinkex is: such a stream still delivers its last event).
    """

    def __init__(self) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._buffer = ""
        self._at_stream_start = True
        self._reset_event()

    def _reset_event(self) -> None:
        self._event: str | None = None
        self._data: list[str] = []
        self._id: str | None = None
        self._retry: int | None = None
        self._has_fields = False

    def feed(self, chunk: bytes | str) -> list[ServerSentEvent]:
        """Decode one chunk; returns the events whose terminating blank line it completed."""
        text = self._utf8.decode(chunk) if isinstance(chunk, bytes | bytearray) else chunk
        return self._consume(text, final=False)

    def flush(self) -> list[ServerSentEvent]:
        """End of stream: process what is buffered and dispatch a pending event."""
        events = self._consume(self._utf8.decode(b"", final=True), final=True)
        pending = self._dispatch()
        if pending is not None:
            events.append(pending)
        return events

    def _consume(self, text: str, *, final: bool) -> list[ServerSentEvent]:
        buffer = self._buffer + text
        if self._at_stream_start and buffer:
            # The spec strips one byte-order mark at the very start of the stream only.
            self._at_stream_start = False
            buffer = buffer.removeprefix(_BOM)
        events: list[ServerSentEvent] = []
        pos = 0
        while (match := _LINE_END.search(buffer, pos)) is not None:
            if match.group() == "\r" and match.end() == len(buffer) and not final:
                break  # a CR at the end may be the first half of a CRLF split across chunks
            event = self._process_line(buffer[pos : match.start()])
            pos = match.end()
            if event is not None:
                events.append(event)
        rest = buffer[pos:]
        if final and rest:
            event = self._process_line(rest)
            rest = ""
            if event is not None:
                events.append(event)
        self._buffer = rest
        return events

    def _process_line(self, line: str) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None  # comment (often a keep-alive)
        name, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" in value:
                return None  # the spec ignores ids containing NUL
            self._id = value
        elif name == "retry":
            # Only plain ASCII digits count (HTTP-27); an invalid value is ignored, as the spec says.
            if value.isascii() and value.isdigit():
                self._retry = int(value)
        else:
            return None  # unknown field
        self._has_fields = True
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        if not self._has_fields:
            self._reset_event()
            return None
        event = ServerSentEvent(event=self._event, data="\n".join(self._data), id=self._id, retry=self._retry)
        self._reset_event()
        return event


def iter_sse(response: httpx.Response) -> Iterator[ServerSentEvent]:
    """Yield events from a streaming httpx response as each one completes (not after the body)."""
    decoder = SSEDecoder()
    for chunk in response.iter_bytes():
        yield from decoder.feed(chunk)
    yield from decoder.flush()


async def aiter_sse(response: httpx.Response) -> AsyncIterator[ServerSentEvent]:
    """Async twin of :func:`iter_sse`."""
    decoder = SSEDecoder()
    async for chunk in response.aiter_bytes():
        for event in decoder.feed(chunk):
            yield event
    for event in decoder.flush():
        yield event
