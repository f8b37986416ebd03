"""Incremental HTTP/1.1 response parser for the fast transport.

Why our own: h11 builds an event object per header block and body piece and validates with
regular expressions; for the small JSON/protobuf replies of the Tinker protocol that was a
large share of the per-request CPU. This parser handles exactly what a response needs:
the status line, headers (raw pairs for ``httpx.Headers`` plus a lower-cased dict for the few
we act on), ``Content-Length``, chunked and read-until-close bodies, bodiless statuses,
interim 1xx replies and ``Connection: close``. Anything malformed raises ``ResponseParseError``.
"""

from __future__ import annotations

MAX_HEAD_BYTES = 256 * 1024
_NO_BODY_STATUSES = frozenset({204, 304})

_HEAD, _LENGTH, _CHUNK_SIZE, _CHUNK_DATA, _CHUNK_END, _TRAILER, _UNTIL_CLOSE, _DONE = range(8)


class ResponseParseError(Exception):
    """The server's bytes are not a valid HTTP/1.1 response."""


class ResponseParser:
    """Feed bytes with ``feed``; it returns True once one whole response has arrived."""

    __slots__ = (
        "_buf",
        "_is_head",
        "_parts",
        "_remaining",
        "_state",
        "fields",
        "keep_alive",
        "raw_headers",
        "status",
        "trailing_bytes",
    )

    def __init__(self, is_head_request: bool = False) -> None:
        self._is_head = is_head_request
        self._state = _HEAD
        self._buf = bytearray()
        self._parts: list[bytes] = []
        self._remaining = 0
        self.status = 0
        self.raw_headers: list[tuple[bytes, bytes]] = []
        self.fields: dict[bytes, bytes] = {}  # lower-cased name -> last value
        self.keep_alive = True
        self.trailing_bytes = False  # bytes after the response: the connection cannot be reused

    @property
    def done(self) -> bool:
        return self._state == _DONE

    @property
    def started(self) -> bool:
        """Whether any byte of a (final) response has been seen."""
        return self._state != _HEAD or bool(self._buf)

    def body(self) -> bytes:
        parts = self._parts
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def feed(self, data: bytes) -> bool:
        state = self._state
        if state == _LENGTH:  # the common continuation of a large body: no buffering
            remaining = self._remaining
            if len(data) < remaining:
                self._parts.append(data)
                self._remaining = remaining - len(data)
                return False
            self._parts.append(data[:remaining] if len(data) > remaining else data)
            self.trailing_bytes = len(data) > remaining
            self._state = _DONE
            return True
        if state == _UNTIL_CLOSE:
            self._parts.append(data)
            return False
        if state == _DONE:
            self.trailing_bytes = True
            return True
        if state == _HEAD and not self._buf:
            return self._on_head_bytes(data)
        self._buf += data
        if state == _HEAD:
            buffered = bytes(self._buf)
            self._buf.clear()
            return self._on_head_bytes(buffered)
        return self._parse_chunked()

    def feed_eof(self) -> bool:
        """The server closed the connection: True if that completes the response."""
        if self._state == _UNTIL_CLOSE:
            self._state = _DONE
            return True
        return self._state == _DONE

    def _on_head_bytes(self, data: bytes) -> bool:
        end = data.find(b"\r\n\r\n")
        if end < 0:
            if len(data) > MAX_HEAD_BYTES:
                raise ResponseParseError("response header block too large")
            self._buf += data
            return False
        self._parse_head(data[:end])
        rest = data[end + 4 :]
        if 100 <= self.status < 200:  # interim reply (e.g. 100 Continue): the real one follows
            self.status, self.raw_headers, self.fields = 0, [], {}
            return self._on_head_bytes(rest) if rest else False
        self._choose_body_mode()
        if self._state == _DONE:
            self.trailing_bytes = bool(rest)
            return True
        return self.feed(rest) if rest else False

    def _parse_head(self, head: bytes) -> None:
        lines = head.split(b"\r\n")
        version, _, rest = lines[0].partition(b" ")
        code = rest[:3]
        if not version.startswith(b"HTTP/1.") or len(code) != 3 or not code.isdigit():
            raise ResponseParseError(f"invalid status line {lines[0][:80]!r}")
        self.status = int(code)
        raw = self.raw_headers
        fields = self.fields
        for line in lines[1:]:
            name, colon, value = line.partition(b":")
            if not colon or not name or name != name.strip() or line[:1] in (b" ", b"\t"):
                raise ResponseParseError(f"invalid header line {line[:80]!r}")
            value = value.strip(b" \t")
            raw.append((name, value))
            fields[name.lower()] = value
        connection = fields.get(b"connection", b"").lower()
        if version == b"HTTP/1.0":
            self.keep_alive = b"keep-alive" in connection
        else:
            self.keep_alive = b"close" not in connection

    def _choose_body_mode(self) -> None:
        fields = self.fields
        if self._is_head or self.status in _NO_BODY_STATUSES:
            self._state = _DONE
            return
        encoding = fields.get(b"transfer-encoding")
        if encoding is not None and encoding.lower().rsplit(b",", 1)[-1].strip() == b"chunked":
            self._state = _CHUNK_SIZE
            return
        length = fields.get(b"content-length")
        if length is None:
            self._state = _UNTIL_CLOSE  # the body ends when the server closes
            self.keep_alive = False
            return
        values = {v.strip() for v in length.split(b",")}
        if len(values) != 1 or not next(iter(values)).isdigit():
            raise ResponseParseError(f"invalid Content-Length {length[:40]!r}")
        self._remaining = int(next(iter(values)))
        self._state = _LENGTH if self._remaining else _DONE

    def _parse_chunked(self) -> bool:
        buf = self._buf
        while True:
            state = self._state
            if state == _CHUNK_SIZE:
                end = buf.find(b"\r\n")
                if end < 0:
                    if len(buf) > 1024:
                        raise ResponseParseError("chunk size line too long")
                    return False
                size_text = bytes(buf[:end]).split(b";", 1)[0].strip()
                try:
                    size = int(size_text, 16)
                except ValueError:
                    raise ResponseParseError(f"invalid chunk size {size_text[:20]!r}") from None
                del buf[: end + 2]
                self._remaining = size
                self._state = _CHUNK_DATA if size else _TRAILER
            elif state == _CHUNK_DATA:
                if not buf:
                    return False
                take = min(self._remaining, len(buf))
                self._parts.append(bytes(buf[:take]))
                del buf[:take]
                self._remaining -= take
                if self._remaining:
                    return False
                self._state = _CHUNK_END
            elif state == _CHUNK_END:
                if len(buf) < 2:
                    return False
                if buf[:2] != b"\r\n":
                    raise ResponseParseError("chunk data not followed by CRLF")
                del buf[:2]
                self._state = _CHUNK_SIZE
            else:  # _TRAILER: optional trailer fields, then an empty line
                if buf[:2] == b"\r\n":
                    end = 0
                else:
                    end = buf.find(b"\r\n\r\n")
                    if end < 0:
                        return False
                    end += 2
                self.trailing_bytes = len(buf) > end + 2
                buf.clear()
                self._state = _DONE
                return True
