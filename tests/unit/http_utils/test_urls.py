"""Base-URL normalization, URL joining, query merging and path-segment encoding
(features HTTP-09, HTTP-17, HTTP-18; test themes T-05, T-07)."""

from __future__ import annotations

import httpx
import pytest

from tinkex._http.urls import (
    build_url,
    checkpoint_path_segment,
    join_url,
    merge_query,
    normalize_base_url,
    quote_segment,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Tinker.Example.COM", "https://tinker.example.com"),
        ("https://tinker.example.com:443/services/tinker-prod", "https://tinker.example.com"),
        ("http://localhost:80/", "http://localhost"),
        ("http://127.0.0.1:8000/x?y=1", "http://127.0.0.1:8000"),
        ("https://host:80", "https://host:80"),
        ("http://host:443", "http://host:443"),
        ("HTTP://Host:8080/", "http://host:8080"),
        ("http://user:secret@host:9000/p", "http://host:9000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_normalize_base_url(url: str, expected: str) -> None:
    # covers HTTP-09
    assert normalize_base_url(url) == expected


@pytest.mark.parametrize(
    "url", ["example.com", "localhost:8000", "/api/v1", "", "ftp://host", "http://", "http://h:99999"]
)
def test_normalize_base_url_rejects_bare_hosts_and_bad_urls(url: str) -> None:
    # covers HTTP-09
    with pytest.raises(ValueError, match="base_url"):
        normalize_base_url(url)


@pytest.mark.parametrize(
    ("base", "path", "expected"),
    [
        ("http://h:8000", "/api/v1/healthz", "http://h:8000/api/v1/healthz"),
        ("http://h:8000/", "api/v1/healthz", "http://h:8000/api/v1/healthz"),
        ("https://h/services/tinker-prod", "/api/v1/x", "https://h/services/tinker-prod/api/v1/x"),
        ("https://h/services/tinker-prod/", "/api/v1/x", "https://h/services/tinker-prod/api/v1/x"),
        ("https://H:443/pre", "api", "https://h/pre/api"),
        (
            "http://h",
            "https://bucket.example/archive.tar?sig=a%2Fb",
            "https://bucket.example/archive.tar?sig=a%2Fb",
        ),
    ],
)
def test_join_url_keeps_the_base_path_prefix(base: str, path: str, expected: str) -> None:
    # covers HTTP-17 (protocol.md §1: the base may contain a path prefix)
    assert join_url(base, path) == expected


def test_join_url_rejects_a_base_with_a_query() -> None:
    # covers HTTP-17
    with pytest.raises(ValueError, match="base_url"):
        join_url("http://h/?a=1", "/x")


def test_merge_query_precedence_and_none_dropped() -> None:
    # covers HTTP-17: default_query < query in the path < per-call query; nil dropped
    merged = merge_query(
        {"limit": 20, "offset": 0, "tag": "d", "drop": "x"},
        [("offset", "5"), ("from_path", "p")],
        {"limit": 100, "drop": None, "flag": True, "ids": ["a", "b"], "nothing": None},
    )
    assert merged == {
        "limit": "100",
        "offset": "5",
        "tag": "d",
        "from_path": "p",
        "flag": "true",
        "ids": "a,b",
    }


@pytest.mark.parametrize("bad", ["", 3])
def test_merge_query_rejects_empty_or_non_string_keys(bad: object) -> None:
    # covers HTTP-17
    with pytest.raises(ValueError, match="query parameter names"):
        merge_query({bad: "v"})  # type: ignore[arg-type]


def test_build_url_merges_and_encodes_the_query() -> None:
    # covers HTTP-17: query strings on archive-style paths reach the server intact
    url = build_url(
        "http://h:8000/pre",
        "/api/v1/x?sig=a%2Fb%3D&offset=1",
        default_query={"offset": 0, "space": "a b"},
        query={"extra": "é&="},
    )
    parsed = httpx.URL(url)
    assert parsed.path == "/pre/api/v1/x"
    assert dict(parsed.params) == {"offset": "1", "space": "a b", "sig": "a/b=", "extra": "é&="}
    assert build_url("http://h", "/x", None, {"gone": None}) == "http://h/x"


def test_checkpoint_segment_keeps_its_slash_unencoded_on_the_wire() -> None:
    # covers HTTP-18: GET /api/v1/training_runs/run-1/checkpoints/weights/0001/archive
    segment = checkpoint_path_segment("weights/0001")
    assert segment == "weights/0001"
    request = httpx.Request(
        "GET", build_url("http://h", f"/api/v1/training_runs/run-1/checkpoints/{segment}/archive")
    )
    assert request.url.raw_path == b"/api/v1/training_runs/run-1/checkpoints/weights/0001/archive"


def test_checkpoint_segment_encodes_other_reserved_characters() -> None:
    # covers HTTP-18
    assert checkpoint_path_segment("sampler_weights/step 1?#%") == "sampler_weights/step%201%3F%23%25"
    assert checkpoint_path_segment("ckpt-7") == "ckpt-7"


@pytest.mark.parametrize("bad", ["", "weights/", "/x", "weights/../secret", "a//b", "."])
def test_checkpoint_segment_rejects_empty_and_dot_pieces(bad: str) -> None:
    # covers HTTP-18
    with pytest.raises(ValueError, match="checkpoint_id"):
        checkpoint_path_segment(bad)


def test_sampler_id_is_percent_encoded_on_the_wire() -> None:
    # covers HTTP-18: GET /api/v1/samplers/session-id%3Asample%3A0
    segment = quote_segment("session-id:sample:0")
    assert segment == "session-id%3Asample%3A0"
    seen: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path)
        return httpx.Response(200, json={})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        client.get(build_url("http://h", f"/api/v1/samplers/{segment}"))
    assert seen == [b"/api/v1/samplers/session-id%3Asample%3A0"]


def test_quote_segment_leaves_only_unreserved_characters() -> None:
    # covers HTTP-18
    assert quote_segment("AZaz09-._~") == "AZaz09-._~"
    assert quote_segment("a/b c:d@e") == "a%2Fb%20c%3Ad%40e"
    with pytest.raises(ValueError, match="sampler_id"):
        quote_segment("", field="sampler_id")
    with pytest.raises(ValueError):
        quote_segment("..")
