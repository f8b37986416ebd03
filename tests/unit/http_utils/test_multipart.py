"""Multipart bodies, form flattening and file reading (features HTTP-29, HTTP-30; theme T-22).

Bodies are checked by sending them through a real ``httpx`` client (mock transport) and
parsing what arrived with the standard library's MIME parser and the announced boundary.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tinkex._http.multipart import (
    MultipartBody,
    abuild_multipart,
    async_read_file_content,
    boundary_from_content_type,
    build_multipart,
    flatten_form,
    is_multipart_request,
)
from tinkex._http.transform import NOT_GIVEN, OMIT
from tinkex.errors import TinkexValidationError


@dataclass
class Part:
    name: str | None
    filename: str | None
    content_type: str | None
    payload: bytes


def send(body: MultipartBody, client_headers: dict[str, str] | None = None) -> httpx.Request:
    """Send through httpx.Client and return the request as the server received it."""
    received: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        received.append(request)
        return httpx.Response(200, json={})

    with httpx.Client(transport=httpx.MockTransport(handler), headers=client_headers) as client:
        client.post("http://test/api/v1/upload", **body.httpx_kwargs())
    return received[0]


def parse(request: httpx.Request) -> tuple[str, list[Part]]:
    content_type = request.headers["content-type"]
    raw = b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + request.content
    message = email.message_from_bytes(raw, policy=email.policy.HTTP)
    assert message.get_content_type() == "multipart/form-data"
    assert not message.defects
    parts = [
        Part(
            name=part.get_param("name", header="content-disposition"),  # type: ignore[arg-type]
            filename=part.get_filename(),
            content_type=part.get("content-type"),
            payload=part.get_payload(decode=True),  # type: ignore[arg-type]
        )
        for part in message.iter_parts()
    ]
    boundary = message.get_boundary()
    assert boundary is not None
    return boundary, parts


def test_flatten_form_bracket_notation() -> None:
    # covers HTTP-29: nested maps a[b][c], lists a[], lists of maps, None -> ""
    data = {
        "a": {"b": {"c": 1}},
        "tags": ["x", "y"],
        "items": [{"k": 1}, {"k": 2}],
        "none": None,
        "flag": False,
        "n": 1.5,
    }
    assert flatten_form(data) == [
        ("a[b][c]", "1"),
        ("tags[]", "x"),
        ("tags[]", "y"),
        ("items[][k]", "1"),
        ("items[][k]", "2"),
        ("none", ""),
        ("flag", "false"),
        ("n", "1.5"),
    ]
    assert flatten_form(None) == []
    assert flatten_form({"empty": {}, "also": []}) == []


def test_files_and_fields_parse_back_with_names_filenames_and_types(tmp_path: Path) -> None:
    # covers HTTP-29: bytes, path, stream, tuple forms; filename defaults; part content types
    image = tmp_path / "tiny.png"
    image.write_bytes(b"\x89PNG\r\n\x00binary\r\n--not-a-boundary")
    with open(image, "rb") as opened:
        body = build_multipart(
            {
                "format": "png",
                "meta": {"expected_tokens": 4, "tags": ["a", "b"]},
                "skip": NOT_GIVEN,
                "gone": OMIT,
            },
            {
                "raw": b"raw-bytes",
                "path": image,
                "opened": opened,
                "stream": io.BytesIO(b"from stream"),
                "pair": ("pair.txt", b"pair"),
                "typed": ("t.json", b"{}", "application/json"),
                "custom": ("c.bin", io.BytesIO(b"c"), None, {"X-Part": "yes"}),
            },
        )
        request = send(body)
    boundary, parts = parse(request)
    assert boundary == body.boundary
    assert request.headers["content-type"] == f"multipart/form-data; boundary={body.boundary}"
    assert int(request.headers["content-length"]) == len(request.content)
    assert [(p.name, p.filename, p.content_type, p.payload) for p in parts] == [
        ("format", None, None, b"png"),
        ("meta[expected_tokens]", None, None, b"4"),
        ("meta[tags][]", None, None, b"a"),
        ("meta[tags][]", None, None, b"b"),
        ("raw", "raw", "application/octet-stream", b"raw-bytes"),
        ("path", "tiny.png", "application/octet-stream", image.read_bytes()),
        ("opened", "tiny.png", "application/octet-stream", image.read_bytes()),
        ("stream", "stream", "application/octet-stream", b"from stream"),
        ("pair", "pair.txt", "application/octet-stream", b"pair"),
        ("typed", "t.json", "application/json", b"{}"),
        ("custom", "c.bin", "application/octet-stream", b"c"),
    ]
    assert b"\r\nX-Part: yes\r\n" in request.content


def test_per_call_content_type_beats_a_client_json_default() -> None:
    # covers HTTP-29: the multipart header must win over the client's standard JSON content-type
    body = build_multipart({"a": "1"}, {"f": b"x"})
    request = send(body, client_headers={"Content-Type": "application/json"})
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert [p.name for p in parse(request)[1]] == ["a", "f"]


def test_several_files_under_one_name_and_sequence_form() -> None:
    # covers HTTP-29 (repeated keys)
    as_list = build_multipart(None, {"img": [b"1", ("two.png", b"2", "image/png")]})
    as_pairs = build_multipart(None, [("img", b"1"), ("img", ("two.png", b"2", "image/png"))])
    for body in (as_list, as_pairs):
        _, parts = parse(send(body))
        assert [(p.name, p.filename, p.payload) for p in parts] == [
            ("img", "img", b"1"),
            ("img", "two.png", b"2"),
        ]


def test_boundary_is_32_hex_chars_and_unique() -> None:
    # covers HTTP-29
    boundaries = {build_multipart(None, {"f": b"x"}).boundary for _ in range(20)}
    assert len(boundaries) == 20
    assert all(re.fullmatch(r"[0-9a-f]{32}", b) for b in boundaries)


def test_boundary_from_argument_or_callers_content_type() -> None:
    # covers HTTP-29: the caller's content-type may supply boundary=
    assert build_multipart(None, {"f": b"x"}, boundary="fixed-b").boundary == "fixed-b"
    body = build_multipart(None, {"f": b"x"}, content_type='multipart/form-data; boundary="from-header"')
    assert body.boundary == "from-header"
    assert parse(send(body))[0] == "from-header"
    assert boundary_from_content_type("multipart/form-data; charset=x; BOUNDARY=abc") == "abc"
    assert boundary_from_content_type("application/json") is None
    assert boundary_from_content_type(None) is None


def test_fields_only_and_empty_bodies_are_still_valid_multipart() -> None:
    # covers HTTP-29: multipart is used when the content type is already multipart, files or not
    _, parts = parse(send(build_multipart({"only": "field"}, None)))
    assert [(p.name, p.payload) for p in parts] == [("only", b"field")]
    request = send(build_multipart(None, None))
    assert (
        request.content == f"--{boundary_from_content_type(request.headers['content-type'])}--\r\n".encode()
    )


def test_is_multipart_request() -> None:
    # covers HTTP-29
    assert is_multipart_request({"f": b"x"})
    assert is_multipart_request([("f", b"x")])
    assert not is_multipart_request({})
    assert not is_multipart_request(None, "application/json")
    assert is_multipart_request(None, "Multipart/Form-Data; boundary=x")


def test_a_directory_is_a_clear_error(tmp_path: Path) -> None:
    # covers HTTP-29 (a directory -> eisdir)
    with pytest.raises(
        TinkexValidationError, match=r"Failed to prepare request: files\['f'\].*is a directory"
    ) as info:
        build_multipart(None, {"f": tmp_path})
    assert info.value.field == "files['f']"


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    # covers HTTP-29
    with pytest.raises(TinkexValidationError, match=r"Failed to prepare request: files\['f'\]: cannot read"):
        build_multipart(None, {"f": tmp_path / "absent.bin"})


def test_plain_str_is_not_a_path_by_default(tmp_path: Path) -> None:
    # covers HTTP-29, D-13: only os.PathLike values are paths
    existing = tmp_path / "a.txt"
    existing.write_bytes(b"file")
    with pytest.raises(TinkexValidationError, match="a str is not file content"):
        build_multipart(None, {"f": str(existing)})  # type: ignore[dict-item]


def test_legacy_path_strings_uses_the_tinkex_heuristic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # covers HTTP-29: a str is a path if it exists or has / or \\ or starts with . or ~
    (tmp_path / "a.txt").write_bytes(b"file")
    monkeypatch.chdir(tmp_path)
    body = build_multipart(
        None,
        {"abs": str(tmp_path / "a.txt"), "rel": "./a.txt", "bare": "a.txt", "text": "just text"},  # type: ignore[dict-item]
        legacy_path_strings=True,
    )
    _, parts = parse(send(body))
    assert [(p.name, p.filename, p.payload) for p in parts] == [
        ("abs", "a.txt", b"file"),
        ("rel", "a.txt", b"file"),
        ("bare", "a.txt", b"file"),
        ("text", "text", b"just text"),
    ]
    with pytest.raises(TinkexValidationError, match="cannot read"):
        build_multipart(None, {"f": "./missing.bin"}, legacy_path_strings=True)  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("data", "files", "message"),
    [
        (b"binary body", None, "form data must be a mapping"),
        (None, {"f": 123}, r"files\['f'\]: expected bytes"),
        (None, {"f": ("a", b"x", "t", {}, "extra")}, "a tuple must be"),
        (None, ["not-a-pair"], "files entries must be"),
    ],
)
def test_bad_inputs_raise_validation_errors(data: Any, files: Any, message: str) -> None:
    # covers HTTP-29 ("Failed to prepare request: ...")
    with pytest.raises(TinkexValidationError, match=f"Failed to prepare request: .*{message}"):
        build_multipart(data, files)


def test_text_mode_file_is_rejected(tmp_path: Path) -> None:
    # covers HTTP-29
    path = tmp_path / "t.txt"
    path.write_text("x")
    with open(path) as text_file, pytest.raises(TinkexValidationError, match="text mode"):
        build_multipart(None, {"f": text_file})  # type: ignore[dict-item]


def test_resending_the_same_body_sends_the_whole_stream_again() -> None:
    # covers HTTP-29: a retry re-sends identical bytes (httpx rewinds file objects)
    body = build_multipart(None, {"f": io.BytesIO(b"payload")})
    first, second = send(body), send(body)
    assert parse(first)[1][0].payload == parse(second)[1][0].payload == b"payload"


async def test_async_read_uses_a_worker_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # covers HTTP-30: path reads happen off the event loop
    path = tmp_path / "big.bin"
    path.write_bytes(b"abc" * 1000)
    calls: list[Callable[..., Any]] = []
    real_to_thread = asyncio.to_thread

    async def spy(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        calls.append(func)
        return await real_to_thread(func, *args, **kwargs)

    monkeypatch.setattr(asyncio, "to_thread", spy)
    assert await async_read_file_content(path) == b"abc" * 1000
    assert await async_read_file_content(b"inline") == b"inline"
    assert len(calls) == 1

    body = await abuild_multipart({"k": "v"}, {"f": path, "g": b"g"})
    assert len(calls) == 2
    _, parts = parse(send(body))
    assert [(p.name, p.payload) for p in parts] == [("k", b"v"), ("f", b"abc" * 1000), ("g", b"g")]


async def test_async_read_of_a_directory_is_a_clear_error(tmp_path: Path) -> None:
    # covers HTTP-30
    with pytest.raises(TinkexValidationError, match="is a directory"):
        await abuild_multipart(None, {"d": tmp_path})
