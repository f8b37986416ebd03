"""Contains some shared types for properties"""

from collections.abc import Callable, Mapping, MutableMapping
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define, field


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO | bytes
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")
_NOT_PARSED = object()


@define
class Response(Generic[T]):
    """A response from an endpoint. ``status_code`` is the server's number as sent (a non-IANA
    status such as 520 is kept); ``parsed`` is built on first access."""

    status_code: int
    content: bytes
    headers: MutableMapping[str, str]
    parser: Callable[[], T | None] = field(repr=False)
    http_response: Any = field(default=None, repr=False)  # the httpx.Response it came from
    _parsed: object = field(default=_NOT_PARSED, init=False, repr=False)

    @property
    def parsed(self) -> T | None:
        if self._parsed is _NOT_PARSED:
            self._parsed = self.parser()
        return self._parsed  # type: ignore[return-value]


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset"]
