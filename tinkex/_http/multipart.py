"""Multipart/form-data request bodies (features HTTP-29, HTTP-30).

Decision: we normalize the inputs (file forms, form flattening, boundary) and hand httpx its
own ``files=`` argument plus the ``Content-Type`` header, instead of writing our own encoder.
httpx already escapes names and filenames, streams file objects in 64 KiB chunks, seeks them
back to 0 when a retry re-sends the body, computes ``Content-Length`` and takes the boundary
from the ``Content-Type`` header. Form fields go into the same ``files=`` list as parts without
a filename (httpx renders those as plain fields), which keeps their order and, unlike
``data=``, still yields a multipart body when there are no files at all.

Paths are read into memory when the body is built (as the official SDK does), so no file
handle outlives the call and retries re-send identical bytes. Open file objects are passed
through and streamed by httpx.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import io
import os
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeAlias

from ..errors import TinkexValidationError
from .transform import transform

__all__ = [
    "FileContent",
    "FileTypes",
    "MultipartBody",
    "RequestFiles",
    "abuild_multipart",
    "async_read_file_content",
    "boundary_from_content_type",
    "build_multipart",
    "flatten_form",
    "is_multipart_request",
    "read_file_content",
]

FileContent: TypeAlias = bytes | os.PathLike[str] | IO[bytes]
FileTypes: TypeAlias = (
    FileContent
    | tuple[str | None, FileContent]
    | tuple[str | None, FileContent, str | None]
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles: TypeAlias = Mapping[str, FileTypes | list[FileTypes]] | Sequence[tuple[str, FileTypes]]

DEFAULT_PART_CONTENT_TYPE = "application/octet-stream"
_BOUNDARY_PARAM = re.compile(r"""boundary=("?)([^";]+)\1""", re.IGNORECASE)

# What httpx accepts as one ``files=`` entry: (filename, content, content type, part headers).
_HttpxPart: TypeAlias = tuple[str | None, bytes | IO[bytes], str | None, dict[str, str]]


@dataclass(frozen=True, slots=True)
class MultipartBody:
    """A prepared multipart body. Send it with ``client.request(..., **body.httpx_kwargs())``."""

    parts: list[tuple[str, _HttpxPart]]
    boundary: str

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def httpx_kwargs(self) -> dict[str, Any]:
        """``files=`` and ``headers=`` for ``httpx.Client.request``/``httpx.Request``. The header
        must reach httpx unchanged: httpx reads the boundary from it."""
        headers = {"Content-Type": self.content_type}
        if not self.parts:
            # httpx only builds a multipart stream for a non-empty files= argument.
            return {"content": f"--{self.boundary}--\r\n".encode(), "headers": headers}
        return {"files": self.parts, "headers": headers}


def _prepare_error(message: str, field: str) -> TinkexValidationError:
    return TinkexValidationError(f"Failed to prepare request: {message}", field=field)


def _form_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _form_text(value.value)
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def flatten_form(data: Mapping[str, Any] | None, *, prefix: str = "") -> list[tuple[str, str]]:
    """Flatten nested form data into ``(name, value)`` pairs with bracket notation:
    ``{"a": {"b": {"c": 1}}}`` -> ``[("a[b][c]", "1")]``, lists -> ``a[]`` (repeated),
    lists of mappings -> ``a[][k]``, ``None`` -> ``""``, booleans -> ``"true"``/``"false"``."""
    pairs: list[tuple[str, str]] = []
    for key, value in (data or {}).items():
        name = f"{prefix}[{key}]" if prefix else str(key)
        pairs.extend(_flatten_value(name, value))
    return pairs


def _flatten_value(name: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, Mapping):
        return flatten_form(value, prefix=name)
    if isinstance(value, list | tuple):
        pairs: list[tuple[str, str]] = []
        for item in value:
            pairs.extend(_flatten_value(f"{name}[]", item))
        return pairs
    return [(name, _form_text(value))]


def boundary_from_content_type(content_type: str | None) -> str | None:
    """The ``boundary=`` parameter of a ``multipart/*`` content type, if there is one."""
    if not content_type:
        return None
    match = _BOUNDARY_PARAM.search(content_type)
    return match.group(2).strip() if match else None


def is_multipart_request(files: RequestFiles | None, content_type: str | None = None) -> bool:
    """Multipart is used when there are files, or when the caller already asked for it."""
    return bool(files) or (content_type or "").strip().lower().startswith("multipart/")


def _looks_like_path(text: str) -> bool:
    # Tinkex's heuristic, only used with legacy_path_strings=True (decision D-13).
    return os.path.exists(text) or "/" in text or "\\" in text or text.startswith((".", "~"))


def _as_path(content: object, legacy_path_strings: bool) -> Path | None:
    if isinstance(content, os.PathLike):
        return Path(os.fspath(content)).expanduser()
    if legacy_path_strings and isinstance(content, str) and _looks_like_path(content):
        return Path(content).expanduser()
    return None


def read_file_content(content: FileContent, *, field: str = "file") -> bytes | IO[bytes]:
    """Bytes for a path (read now), the object itself for bytes or an open binary file."""
    if isinstance(content, os.PathLike):
        path = Path(os.fspath(content)).expanduser()
        try:
            return path.read_bytes()
        except IsADirectoryError as exc:
            raise _prepare_error(f"{field}: {str(path)!r} is a directory, not a file", field) from exc
        except OSError as exc:
            raise _prepare_error(f"{field}: cannot read {str(path)!r}: {exc.strerror or exc}", field) from exc
    if isinstance(content, bytes | bytearray | memoryview):
        return bytes(content)
    if isinstance(content, io.TextIOBase):
        raise _prepare_error(f"{field}: the file is open in text mode; open it with 'rb'", field)
    if hasattr(content, "read"):
        return content
    raise _prepare_error(
        f"{field}: expected bytes, an os.PathLike or a binary file object, got {type(content).__name__}",
        field,
    )


async def async_read_file_content(content: FileContent, *, field: str = "file") -> bytes | IO[bytes]:
    """:func:`read_file_content` with the disk read on a worker thread, so the loop keeps running."""
    if isinstance(content, os.PathLike):
        return await asyncio.to_thread(read_file_content, content, field=field)
    return read_file_content(content, field=field)


@dataclass(frozen=True, slots=True)
class _FileSpec:
    """One file part before its content is read."""

    name: str
    filename: str | None
    content: FileContent
    content_type: str
    headers: dict[str, str]


def _file_spec(name: str, value: Any, legacy_path_strings: bool) -> _FileSpec:
    field = f"files[{name!r}]"
    if isinstance(value, tuple):
        if not 2 <= len(value) <= 4:
            raise _prepare_error(
                f"{field}: a tuple must be (filename, content[, content_type[, headers]])", field
            )
        filename, content, content_type, headers = (*value, None, None)[:4]
    else:
        filename, content, content_type, headers = None, value, None, None
    if isinstance(content, str):
        path = _as_path(content, legacy_path_strings)
        if path is None and not legacy_path_strings:
            raise _prepare_error(
                f"{field}: a str is not file content; pass bytes, a pathlib.Path or an open binary file "
                "(legacy_path_strings=True restores Tinkex's path guessing)",
                field,
            )
        content = path if path is not None else content.encode("utf-8")
    if filename is None:
        path = _as_path(content, legacy_path_strings)
        raw_name = getattr(content, "name", None)
        if path is not None:
            filename = path.name
        elif isinstance(raw_name, str) and raw_name:
            filename = os.path.basename(raw_name)
        else:
            # A part without a filename is a plain form field to most servers.
            filename = name
    return _FileSpec(name, filename, content, content_type or DEFAULT_PART_CONTENT_TYPE, dict(headers or {}))


def _file_specs(files: RequestFiles | None, legacy_path_strings: bool) -> list[_FileSpec]:
    if not files:
        return []
    items = files.items() if isinstance(files, Mapping) else files
    specs: list[_FileSpec] = []
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            raise _prepare_error(f"files entries must be (name, file) pairs, got {item!r}", "files")
        name, value = item
        for one in value if isinstance(value, list) else [value]:
            specs.append(_file_spec(name, one, legacy_path_strings))
    return specs


def _assemble(
    data: Mapping[str, Any] | None,
    specs: list[_FileSpec],
    contents: list[bytes | IO[bytes]],
    boundary: str | None,
) -> MultipartBody:
    if data is not None and not isinstance(data, Mapping):
        raise _prepare_error(f"multipart form data must be a mapping, got {type(data).__name__}", "data")
    parts: list[tuple[str, _HttpxPart]] = [
        (name, (None, value.encode("utf-8"), None, {})) for name, value in flatten_form(transform(data or {}))
    ]
    for spec, content in zip(specs, contents, strict=True):
        parts.append((spec.name, (spec.filename, content, spec.content_type, spec.headers)))
    return MultipartBody(parts=parts, boundary=boundary or secrets.token_hex(16))


def build_multipart(
    data: Mapping[str, Any] | None,
    files: RequestFiles | None,
    *,
    boundary: str | None = None,
    content_type: str | None = None,
    legacy_path_strings: bool = False,
) -> MultipartBody:
    """Prepare a multipart body from form ``data`` (transformed, then flattened) and ``files``.

    The boundary is ``boundary``, else the one in the caller's ``content_type``, else 32 random
    hex characters. Bad inputs raise ``TinkexValidationError("Failed to prepare request: ...")``
    naming the field. A plain ``str`` is only taken as a path with ``legacy_path_strings=True``.
    """
    specs = _file_specs(files, legacy_path_strings)
    contents = [read_file_content(spec.content, field=f"files[{spec.name!r}]") for spec in specs]
    return _assemble(data, specs, contents, boundary or boundary_from_content_type(content_type))


async def abuild_multipart(
    data: Mapping[str, Any] | None,
    files: RequestFiles | None,
    *,
    boundary: str | None = None,
    content_type: str | None = None,
    legacy_path_strings: bool = False,
) -> MultipartBody:
    """:func:`build_multipart` with path reads on worker threads (HTTP-30)."""
    specs = _file_specs(files, legacy_path_strings)
    contents = [await async_read_file_content(spec.content, field=f"files[{spec.name!r}]") for spec in specs]
    return _assemble(data, specs, contents, boundary or boundary_from_content_type(content_type))
