"""EnvSnapshot and the env parsers (CFG-08, CFG-09)."""

from __future__ import annotations

import pytest

from tinkex._config.env import (
    EnvSnapshot,
    parse_bool,
    parse_list,
    parse_log_level,
    parse_parity_mode,
    parse_wire_format,
)


@pytest.mark.parametrize(
    ("value", "default", "expected"),
    [
        ("1", None, True),
        ("true", False, True),
        ("YES", None, True),
        (" On ", None, True),
        ("0", True, False),
        ("False", None, False),
        ("no", True, False),
        ("OFF", None, False),
        ("maybe", True, True),
        ("maybe", None, None),
        ("", False, False),
        (None, True, True),
    ],
)
def test_parse_bool(value: str | None, default: bool | None, expected: bool | None) -> None:
    # covers CFG-09
    assert parse_bool(value, default) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a,b", ("a", "b")),
        (" a , ,b,, ", ("a", "b")),
        ("b,a,b,c,a", ("b", "a", "c")),
        ("", ()),
        (None, ()),
        (",,", ()),
    ],
)
def test_parse_list(value: str | None, expected: tuple[str, ...]) -> None:
    # covers CFG-09
    assert parse_list(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("python", "python"),
        ("Python", "python"),
        ("PYTHON", "python"),
        ("beam", "beam"),
        ("BEAM", "beam"),
        ("elixir", "beam"),
        ("ELIXIR", "beam"),
        ("erlang", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_parity_mode(value: str | None, expected: str | None) -> None:
    # covers CFG-05
    assert parse_parity_mode(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("debug", "debug"),
        ("INFO", "info"),
        ("warn", "warning"),
        ("Warning", "warning"),
        ("error", "error"),
        ("trace", None),
        ("", None),
    ],
)
def test_parse_log_level(value: str, expected: str | None) -> None:
    # covers CFG-13
    assert parse_log_level(value) == expected


def test_parse_wire_format() -> None:
    assert parse_wire_format("JSON") == "json"
    assert parse_wire_format("protobuf") == "protobuf"
    assert parse_wire_format("proto") == "protobuf"
    assert parse_wire_format("xml") is None


def test_empty_environment_is_all_unset() -> None:
    # covers CFG-08
    snap = EnvSnapshot.read({})
    assert snap.api_key is None and snap.base_url is None and snap.tags is None
    assert snap.telemetry_enabled is None and snap.parity_mode is None
    assert snap.hf_hub_offline is False and snap.invalid == ()


def test_blank_values_count_as_unset_and_values_are_trimmed() -> None:
    # covers CFG-08
    snap = EnvSnapshot.read(
        {"TINKER_BASE_URL": "   ", "TINKER_API_KEY": "  tml-abc  ", "TINKER_PROJECT_ID": ""}
    )
    assert snap.base_url is None
    assert snap.api_key == "tml-abc"
    assert snap.project_id is None


def test_every_variable_is_parsed() -> None:
    # covers CFG-08, CFG-10, CFG-11, CFG-12, CFG-14, CFG-15, CFG-17, CFG-19, CFG-20
    environ = {
        "TINKER_API_KEY": "tml-secretkey123",
        "TINKER_BASE_URL": "http://localhost:8000",
        "TINKER_CREDENTIAL_CMD": "print-key",
        "TINKER_PROJECT_ID": "proj-1",
        "TINKER_TAGS": "a, b,a",
        "TINKER_FEATURE_GATES": "async_sampling,x",
        "TINKER_TELEMETRY": "off",
        "TINKER_LOG": "WARN",
        "TINKEX_DUMP_HEADERS": "yes",
        "CLOUDFLARE_ACCESS_CLIENT_ID": "cf-id",
        "CLOUDFLARE_ACCESS_CLIENT_SECRET": "cf-secret-value",
        "TINKEX_PARITY": "elixir",
        "TINKEX_DEFAULT_HEADERS": '{"X-Team": "ml", "n": 1}',
        "TINKEX_DEFAULT_QUERY": '{"region": "eu"}',
        "TINKEX_PROXY": "http://user:pw@proxy:3128",
        "TINKEX_PROXY_HEADERS": '[["X-Proxy", "1"]]',
        "TINKEX_POOL_SIZE": "10",
        "TINKEX_POOL_COUNT": "3",
        "TINKEX_WIRE_FORMAT": "json",
        "TINKEX_SDK_VERSION": "0.40.0",
        "TINKEX_TOKENIZER_OVERRIDE": "org/tok",
        "TINKEX_FUTURE_TIMEOUT": "90.5",
        "TINKEX_POLL_BACKOFF": "Exponential",
        "TINKEX_HTTP_CLIENT": "pkg.mod:client",
        "TINKEX_HTTP_POOL": "ns",
        "TINKEX_OTEL_PROPAGATE": "1",
        "HF_HUB_OFFLINE": "1",
    }
    snap = EnvSnapshot.read(environ)
    assert snap.api_key == "tml-secretkey123"
    assert snap.base_url == "http://localhost:8000"
    assert snap.credential_cmd == "print-key"
    assert snap.project_id == "proj-1"
    assert snap.tags == ("a", "b")
    assert snap.feature_gates == ("async_sampling", "x")
    assert snap.telemetry_enabled is False
    assert snap.log_level == "warning"
    assert snap.dump_headers is True
    assert (snap.cf_access_client_id, snap.cf_access_client_secret) == ("cf-id", "cf-secret-value")
    assert snap.parity_mode == "beam"
    assert snap.default_headers == {"X-Team": "ml", "n": 1}
    assert snap.default_query == {"region": "eu"}
    assert snap.proxy == "http://user:pw@proxy:3128"
    assert snap.proxy_headers == (("X-Proxy", "1"),)
    assert (snap.pool_size, snap.pool_count) == (10, 3)
    assert snap.wire_format == "json"
    assert snap.sdk_version == "0.40.0"
    assert snap.tokenizer_override == "org/tok"
    assert snap.future_timeout == 90.5
    assert snap.poll_backoff == "exponential"
    assert snap.http_client == "pkg.mod:client"
    assert snap.http_pool == "ns"
    assert snap.otel_propagate is True
    assert snap.hf_hub_offline is True
    assert snap.invalid == ()


def test_llama3_tokenizer_variable_is_a_fallback() -> None:
    # covers D-03
    assert EnvSnapshot.read({"TINKEX_LLAMA3_TOKENIZER": "a/b"}).tokenizer_override == "a/b"
    both = {"TINKEX_LLAMA3_TOKENIZER": "a/b", "TINKEX_TOKENIZER_OVERRIDE": "c/d"}
    assert EnvSnapshot.read(both).tokenizer_override == "c/d"


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("TINKEX_DEFAULT_HEADERS", "[1, 2]", "default_headers"),
        ("TINKEX_DEFAULT_QUERY", "not json", "default_query"),
        ("TINKEX_PROXY_HEADERS", '{"a": "b"}', "proxy_headers"),
        ("TINKEX_PROXY_HEADERS", '[["a"]]', "proxy_headers"),
        ("TINKEX_POOL_SIZE", "0", "pool_size"),
        ("TINKEX_POOL_COUNT", "-3", "pool_count"),
        ("TINKEX_POOL_SIZE", "ten", "pool_size"),
        ("TINKEX_WIRE_FORMAT", "xml", "wire_format"),
        ("TINKEX_PARITY", "ruby", "parity_mode"),
        ("TINKER_LOG", "verbose", "log_level"),
        ("TINKER_TELEMETRY", "sometimes", "telemetry_enabled"),
        ("TINKEX_FUTURE_TIMEOUT", "-1", "future_timeout"),
    ],
)
def test_unparseable_values_are_ignored_and_reported(name: str, value: str, field: str) -> None:
    # covers CFG-05, CFG-13, CFG-17, CFG-19, CFG-20
    snap = EnvSnapshot.read({name: value})
    assert getattr(snap, field) is None
    assert snap.invalid == (name,)


def test_reads_process_environment_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    # covers CFG-08
    monkeypatch.setenv("TINKER_PROJECT_ID", "from-process")
    assert EnvSnapshot.read().project_id == "from-process"


def test_repr_masks_secrets() -> None:
    # covers CFG-16
    snap = EnvSnapshot.read(
        {
            "TINKER_API_KEY": "tml-abcdefghijkl",
            "CLOUDFLARE_ACCESS_CLIENT_SECRET": "cf-very-secret",
            "TINKEX_DEFAULT_HEADERS": '{"Authorization": "Bearer hush-hush", "X-Ok": "fine"}',
            "TINKEX_PROXY": "http://user:proxypass@proxy:3128",
            "TINKEX_PROXY_HEADERS": '[["Proxy-Authorization", "Basic c2VjcmV0"]]',
        }
    )
    text = repr(snap)
    for secret in ("abcdefghijkl", "cf-very-secret", "hush-hush", "proxypass", "c2VjcmV0"):
        assert secret not in text
    assert "tml-ab...ijkl" in text
    assert "fine" in text
    assert snap.redacted()["cf_access_client_secret"] == "[REDACTED]"
