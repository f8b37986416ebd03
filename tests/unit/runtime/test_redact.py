"""Secret redaction helpers (CFG-16, HTTP-23)."""

from __future__ import annotations

import httpx
import pytest

from tinkex._http.redact import (
    REDACTED,
    mask_api_key,
    mask_secret,
    redact_headers,
    redact_text,
    redact_url,
    redact_value,
)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("", ""),
        ("abc", "***"),
        ("abcd", "****"),
        ("abcdef", "abcd...cdef"),  # first min(6, len-2) = 4 chars
        ("abcdefgh", "abcdef...efgh"),
        ("tml-abcdefghijkl", "tml-ab...ijkl"),
        (None, None),
    ],
)
def test_mask_api_key(key: str | None, expected: str | None) -> None:
    # covers CFG-16
    assert mask_api_key(key) == expected


def test_mask_secret() -> None:
    # covers CFG-16
    assert mask_secret("cf-secret") == REDACTED
    assert mask_secret(None) is None
    assert mask_secret("") == ""


def test_redact_headers_case_insensitive() -> None:
    # covers CFG-16, HTTP-23
    headers = {
        "X-API-Key": "tml-abc",
        "CF-Access-Client-Secret": "s1",
        "authorization": "Bearer t",
        "Proxy-Authorization": "Basic u",
        "X-Tinker-Weights-Access-Token": "w",
        "CF-Access-Client-Id": "visible-id",
        "Content-Type": "application/json",
    }
    redacted = redact_headers(headers)
    assert redacted == {
        "X-API-Key": REDACTED,
        "CF-Access-Client-Secret": REDACTED,
        "authorization": REDACTED,
        "Proxy-Authorization": REDACTED,
        "X-Tinker-Weights-Access-Token": REDACTED,
        "CF-Access-Client-Id": "visible-id",
        "Content-Type": "application/json",
    }
    assert headers["X-API-Key"] == "tml-abc"  # the input is not modified


def test_redact_headers_accepts_pairs_and_httpx_headers() -> None:
    # covers HTTP-23
    assert redact_headers([("x-api-key", "k"), ("a", "b")]) == {"x-api-key": REDACTED, "a": "b"}
    assert redact_headers(httpx.Headers({"X-Api-Key": "k"})) == {"x-api-key": REDACTED}
    assert redact_headers(None) == {}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://user:pass@proxy:3128", "http://user:****@proxy:3128"),
        ("https://user@host/path", "https://user@host/path"),
        ("https://host/p?api_key=tml-x&limit=5", "https://host/p?api_key=%2A%2A%2A%2A&limit=5"),
        ("https://host/p?limit=5", "https://host/p?limit=5"),
        (None, None),
    ],
)
def test_redact_url(url: str | None, expected: str | None) -> None:
    # covers CFG-19
    assert redact_url(url) == expected


def test_redact_url_with_bad_port_still_hides_password() -> None:
    # covers CFG-19
    assert "tml-secretvalue" not in (redact_url("http://u:tml-secretvalue@h:notaport") or "")


def test_redact_text_known_secrets_and_patterns() -> None:
    # covers CFG-16
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
    text = f"key tml-abcdefghijkl cf=my-cf-secret jwt={jwt} short=ab"
    out = redact_text(text, ["my-cf-secret", "ab", None])
    assert "abcdefghijkl" not in out
    assert "my-cf-secret" not in out
    assert jwt not in out
    assert "tml-ab...ijkl" in out
    assert "short=ab" in out  # too short to scrub by value


def test_redact_value_recursive() -> None:
    # covers CFG-16
    body = {"detail": "bad key tml-abcdefghijkl", "api_key": "x", "nested": [{"Password": "p", "n": 1}]}
    assert redact_value(body) == {
        "detail": "bad key tml-ab...ijkl",
        "api_key": REDACTED,
        "nested": [{"Password": REDACTED, "n": 1}],
    }
