"""Config resolution, precedence, parity and validation (CFG-01..CFG-22)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from tinkex import config as C
from tinkex._config.env import EnvSnapshot
from tinkex.errors import TinkexConfigError

KEY = "tml-abcdefghijkl"


@pytest.fixture(autouse=True)
def _clean_defaults() -> Iterator[None]:
    C.reset_defaults()
    yield
    C.reset_defaults()


def env(**values: str) -> EnvSnapshot:
    return EnvSnapshot.read(values)


def resolve(environ: dict[str, str] | None = None, **explicit: Any) -> C.Config:
    environ = {"TINKER_API_KEY": KEY} | (environ or {})
    return C.resolve_config(env=EnvSnapshot.read(environ), **explicit)


# (field, explicit value, process default, env var, env text, expected per tier: explicit, app, env, built-in)
PRECEDENCE = [
    (
        "base_url",
        "http://a",
        "http://b",
        "TINKER_BASE_URL",
        "http://c",
        ["http://a", "http://b", "http://c", C.DEFAULT_BASE_URL],
    ),
    ("project_id", "p-a", "p-b", "TINKER_PROJECT_ID", "p-c", ["p-a", "p-b", "p-c", None]),
    ("credential_cmd", "cmd-a", "cmd-b", "TINKER_CREDENTIAL_CMD", "cmd-c", ["cmd-a", "cmd-b", "cmd-c", None]),
    ("tags", ["a"], ["b"], "TINKER_TAGS", "c, d", [("a",), ("b",), ("c", "d"), ("tinkex-python",)]),
    (
        "feature_gates",
        ["a"],
        ["b"],
        "TINKER_FEATURE_GATES",
        "c",
        [("a",), ("b",), ("c",), ("async_sampling",)],
    ),
    ("telemetry_enabled", False, True, "TINKER_TELEMETRY", "0", [False, True, False, True]),
    ("dump_headers", True, False, "TINKEX_DUMP_HEADERS", "on", [True, False, True, False]),
    ("otel_propagate", True, False, "TINKEX_OTEL_PROPAGATE", "yes", [True, False, True, False]),
    ("log_level", "debug", "info", "TINKER_LOG", "ERROR", ["debug", "info", "error", None]),
    (
        "cf_access_client_id",
        "id-a",
        "id-b",
        "CLOUDFLARE_ACCESS_CLIENT_ID",
        "id-c",
        ["id-a", "id-b", "id-c", None],
    ),
    (
        "cf_access_client_secret",
        "s-aaa",
        "s-bbb",
        "CLOUDFLARE_ACCESS_CLIENT_SECRET",
        "s-ccc",
        ["s-aaa", "s-bbb", "s-ccc", None],
    ),
    ("parity_mode", "beam", "python", "TINKEX_PARITY", "BEAM", ["beam", "python", "beam", "python"]),
    (
        "default_headers",
        {"a": "1"},
        {"b": 2},
        "TINKEX_DEFAULT_HEADERS",
        '{"c": 3}',
        [{"a": "1"}, {"b": "2"}, {"c": "3"}, {}],
    ),
    (
        "default_query",
        {"a": "1"},
        {"b": "2"},
        "TINKEX_DEFAULT_QUERY",
        '{"c": true}',
        [{"a": "1"}, {"b": "2"}, {"c": "true"}, {}],
    ),
    (
        "proxy",
        "http://a:1",
        "http://b:2",
        "TINKEX_PROXY",
        "http://c:3",
        ["http://a:1", "http://b:2", "http://c:3", None],
    ),
    (
        "proxy_headers",
        [("a", "1")],
        {"b": "2"},
        "TINKEX_PROXY_HEADERS",
        '[["c", "3"]]',
        [(("a", "1"),), (("b", "2"),), (("c", "3"),), ()],
    ),
    (
        "wire_format",
        "json",
        "protobuf",
        "TINKEX_WIRE_FORMAT",
        "JSON",
        ["json", "protobuf", "json", "protobuf"],
    ),
    ("sdk_version", "1.0.0", "2.0.0", "TINKEX_SDK_VERSION", "3.0.0", ["1.0.0", "2.0.0", "3.0.0", "0.38.0"]),
    ("tokenizer_override", "o/a", "o/b", "TINKEX_TOKENIZER_OVERRIDE", "o/c", ["o/a", "o/b", "o/c", None]),
    ("future_timeout", 1.0, 2.0, "TINKEX_FUTURE_TIMEOUT", "3", [1.0, 2.0, 3.0, C.DEFAULT_FUTURE_TIMEOUT]),
    (
        "poll_backoff",
        "exponential",
        "none",
        "TINKEX_POLL_BACKOFF",
        "exponential",
        ["exponential", "none", "exponential", "none"],
    ),
    ("http_pool", "a", "b", "TINKEX_HTTP_POOL", "c", ["a", "b", "c", "default"]),
    ("http_client", "a.b:c", "d.e:f", "TINKEX_HTTP_CLIENT", "g.h:i", ["a.b:c", "d.e:f", "g.h:i", None]),
    (
        "max_connections",
        7,
        8,
        "TINKEX_POOL_SIZE",
        "3",
        [7, 8, 3 * C.DEFAULT_POOL_COUNT, C.DEFAULT_MAX_CONNECTIONS],
    ),
]


def _normal(value: Any) -> Any:
    return dict(value) if hasattr(value, "items") else value


@pytest.mark.parametrize(
    ("field", "explicit", "app", "var", "text", "expected"), PRECEDENCE, ids=[p[0] for p in PRECEDENCE]
)
def test_precedence_per_field(
    field: str, explicit: Any, app: Any, var: str, text: str, expected: list[Any]
) -> None:
    # covers CFG-02, CFG-04, CFG-05, CFG-10, CFG-11, CFG-12, CFG-13, CFG-14, CFG-15, CFG-17, CFG-18, CFG-19, CFG-20
    environ = {var: text}
    C.configure(**{field: app})
    assert _normal(getattr(resolve(environ, **{field: explicit}), field)) == expected[0]
    assert _normal(getattr(resolve(environ), field)) == expected[1]
    C.reset_defaults()
    assert _normal(getattr(resolve(environ), field)) == expected[2]
    assert _normal(getattr(resolve(), field)) == expected[3]


def test_api_key_precedence() -> None:
    # covers CFG-02, CFG-03
    C.configure(api_key="tml-app-key")
    environ = EnvSnapshot.read({"TINKER_API_KEY": "tml-env-key"})
    assert C.resolve_config(env=environ, api_key="tml-explicit").api_key == "tml-explicit"
    assert C.resolve_config(env=environ).api_key == "tml-app-key"
    C.reset_defaults()
    assert C.resolve_config(env=environ).api_key == "tml-env-key"


@pytest.mark.parametrize(
    ("explicit", "app", "parity", "expected"),
    [
        ({"timeout": 5.0, "max_retries": 0}, {"timeout": 9.0, "max_retries": 4}, None, (5.0, 0)),
        ({}, {"timeout": 9.0, "max_retries": 4}, "beam", (9.0, 4)),
        ({}, {}, None, (C.PYTHON_TIMEOUT, C.PYTHON_MAX_RETRIES)),
        ({}, {}, "beam", (C.BEAM_TIMEOUT, C.BEAM_MAX_RETRIES)),
        ({"parity_mode": "elixir"}, {}, None, (120.0, 2)),
        ({"parity_mode": "python"}, {}, "beam", (60.0, 10)),
        ({"parity_mode": "cobol"}, {}, "beam", (60.0, 10)),
        ({"timeout": 1.5}, {}, "beam", (1.5, 2)),
    ],
)
def test_timeout_and_retries_follow_parity(
    explicit: dict[str, Any], app: dict[str, Any], parity: str | None, expected: tuple[float, int]
) -> None:
    # covers CFG-02, CFG-05, CFG-06, OVR-01
    C.configure(**app)
    cfg = resolve({"TINKEX_PARITY": parity} if parity else {}, **explicit)
    assert (cfg.timeout, cfg.max_retries) == expected


def test_parity_constants() -> None:
    # covers CFG-06
    assert (C.PYTHON_TIMEOUT, C.PYTHON_MAX_RETRIES, C.BEAM_TIMEOUT, C.BEAM_MAX_RETRIES) == (
        60.0,
        10,
        120.0,
        2,
    )
    assert C.parity_defaults("beam") == (120.0, 2)
    assert C.parity_defaults("python") == (60.0, 10)


def test_parity_helper_functions_return_each_mode_in_seconds() -> None:
    # covers CFG-06
    assert (C.default_timeout(), C.default_max_retries()) == C.parity_defaults("beam") == (120.0, 2)
    assert (C.python_timeout(), C.python_max_retries()) == C.parity_defaults("python") == (60.0, 10)
    # The Python values are what a client gets when nothing is configured (OVR-01).
    cfg = resolve()
    assert (cfg.timeout, cfg.max_retries) == (C.python_timeout(), C.python_max_retries())


def test_unknown_env_parity_is_ignored() -> None:
    # covers CFG-05
    cfg = resolve({"TINKEX_PARITY": "ruby"})
    assert cfg.parity_mode == "python" and cfg.timeout == 60.0


def test_falsy_values_count() -> None:
    # covers CFG-02
    C.configure(telemetry_enabled=True, max_retries=3)
    cfg = resolve({"TINKER_TELEMETRY": "1"}, telemetry_enabled=False, max_retries=0, tags=[])
    assert cfg.telemetry_enabled is False
    assert cfg.max_retries == 0
    assert cfg.tags == ()


def test_empty_base_url_and_gates_fall_through() -> None:
    # covers CFG-04, CFG-11
    cfg = resolve({"TINKER_BASE_URL": "http://env:1"}, base_url="", feature_gates=[])
    assert cfg.base_url == "http://env:1"
    assert cfg.feature_gates == ("async_sampling",)


def test_user_metadata_only_from_argument() -> None:
    # covers CFG-21
    with pytest.raises(TinkexConfigError, match="user_metadata"):
        C.configure(user_metadata={"a": "b"})
    assert resolve(user_metadata={"run": 1}).user_metadata == {"run": "1"}
    assert resolve().user_metadata is None


def test_pool_env_product() -> None:
    # covers CFG-20
    assert resolve({"TINKEX_POOL_SIZE": "10", "TINKEX_POOL_COUNT": "4"}).max_connections == 40
    assert resolve({"TINKEX_POOL_COUNT": "2"}).max_connections == 100
    cfg = resolve(max_connections=5)
    assert cfg.max_keepalive == 5  # clamped to the total


def test_missing_api_key_guidance() -> None:
    # covers CFG-03
    with pytest.raises(TinkexConfigError) as info:
        C.resolve_config(env=EnvSnapshot.read({}))
    assert "api_key is required" in str(info.value)
    assert "TINKER_API_KEY" in str(info.value)
    assert info.value.field == "api_key"


def test_credential_command_replaces_key() -> None:
    cfg = C.resolve_config(env=EnvSnapshot.read({"TINKER_CREDENTIAL_CMD": "pass show tinker"}))
    assert cfg.api_key is None and cfg.credential_cmd == "pass show tinker"
    assert "pass show" not in repr(cfg)


def test_key_formats(caplog: pytest.LogCaptureFixture) -> None:
    # covers D-15, LATER-19
    caplog.set_level(logging.WARNING, logger="tinkex.config")
    resolve(api_key="tml-good-key")
    resolve(api_key="eyJhbGciOiJIUzI1NiJ9.e30.sig")
    assert not caplog.records
    cfg = resolve(api_key="legacy-key-0123456789")
    assert cfg.api_key == "legacy-key-0123456789"
    assert len(caplog.records) == 1
    assert "0123456789" not in caplog.text


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"base_url": "localhost:8000"}, "base_url"),
        ({"base_url": "ftp://host"}, "base_url"),
        ({"base_url": "http://"}, "base_url"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": -1.0}, "timeout"),
        ({"timeout": True}, "timeout"),
        ({"timeout": "60"}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": 1.5}, "max_retries"),
        ({"tags": "a,b"}, "tags"),
        ({"tags": ["ok", ""]}, "tags"),
        ({"feature_gates": [1]}, "feature_gates"),
        ({"telemetry_enabled": "yes"}, "telemetry_enabled"),
        ({"dump_headers": 1}, "dump_headers"),
        ({"log_level": "trace"}, "log_level"),
        ({"default_headers": {"": "x"}}, "default_headers"),
        ({"default_headers": {"a": object()}}, "default_headers"),
        ({"default_headers": {"a": "x\r\nInjected: 1"}}, "default_headers"),
        ({"default_headers": 5}, "default_headers"),
        ({"default_query": {" ": "v"}}, "default_query"),
        ({"proxy": "socks5://h:1"}, "proxy"),
        ({"proxy": "http://h:99999"}, "proxy"),
        ({"proxy": ("http", "h", 0)}, "proxy"),
        ({"proxy": 42}, "proxy"),
        ({"proxy_headers": [("a",)]}, "proxy_headers"),
        ({"max_connections": 0}, "max_connections"),
        ({"max_keepalive": -1}, "max_keepalive"),
        ({"wire_format": "xml"}, "wire_format"),
        ({"poll_backoff": "linear"}, "poll_backoff"),
        ({"project_id": ""}, "project_id"),
        ({"sdk_version": " "}, "sdk_version"),
        ({"future_timeout": 0}, "future_timeout"),
        ({"heartbeat_interval": -5}, "heartbeat_interval"),
        ({"http_client": "no-colon"}, "http_client"),
        ({"pool_overrides": {"sampling": 0}}, "pool_overrides"),
        ({"user_metadata": {"a": [1]}}, "user_metadata"),
    ],
)
def test_validation_names_the_field(kwargs: dict[str, Any], field: str) -> None:
    # covers CFG-04, CFG-07, CFG-17, CFG-19, CFG-20
    with pytest.raises(TinkexConfigError) as info:
        resolve(**kwargs)
    assert str(info.value).startswith(f"[validation] {field}")
    assert info.value.field == field
    assert isinstance(info.value, ValueError)


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(TinkexConfigError, match="bogus"):
        resolve(bogus=1)
    with pytest.raises(TinkexConfigError, match="bogus"):
        C.configure(bogus=1)


def test_normalization() -> None:
    # covers CFG-04, CFG-17, CFG-19
    cfg = resolve(
        base_url="http://localhost:8000/",
        default_headers=[("X-A", 1), ("X-B", None), ("X-C", True)],
        default_query={" q ": 2.5},
        proxy=("https", "proxy.local", 8443),
    )
    assert cfg.base_url == "http://localhost:8000"
    assert dict(cfg.default_headers) == {"X-A": "1", "X-C": "true"}
    assert dict(cfg.default_query) == {"q": "2.5"}
    assert cfg.proxy == "https://proxy.local:8443"


def test_proxy_credentials_move_to_header_and_never_print() -> None:
    # covers CFG-19, D-14
    cfg = resolve(proxy="http://alice:s3cr3t-pw@proxy:3128")
    assert cfg.proxy == "http://proxy:3128"
    assert cfg.proxy_headers == (("proxy-authorization", "Basic YWxpY2U6czNjcjN0LXB3"),)
    assert "s3cr3t-pw" not in repr(cfg) and "YWxpY2U6czNjcjN0LXB3" not in repr(cfg)
    explicit = resolve(proxy="http://alice:pw@proxy:3128", proxy_headers={"Proxy-Authorization": "Bearer t"})
    assert explicit.proxy_headers == (("Proxy-Authorization", "Bearer t"),)
    with pytest.raises(TinkexConfigError) as info:
        resolve(proxy="ftp://alice:s3cr3t-pw@proxy:3128")
    assert "s3cr3t-pw" not in str(info.value)


def test_repr_masks_secrets() -> None:
    # covers CFG-16
    cfg = resolve(
        cf_access_client_secret="cf-secret-xyz",
        default_headers={"Authorization": "Bearer tok-123", "X-Team": "ml"},
    )
    text = repr(cfg)
    assert "tml-ab...ijkl" in text
    assert KEY not in text
    assert "cf-secret-xyz" not in text and "tok-123" not in text
    assert "X-Team" in text and "ml" in text
    assert str(cfg) == text
    assert set(cfg.secrets()) == {KEY, "cf-secret-xyz"}


def test_config_is_frozen_and_replace_validates() -> None:
    # covers CFG-01
    cfg = resolve()
    with pytest.raises(AttributeError):
        cfg.timeout = 3.0  # type: ignore[misc]
    changed = cfg.replace(timeout=3, tags=["x"])
    assert changed.timeout == 3.0 and changed.tags == ("x",)
    assert cfg.timeout == 60.0
    with pytest.raises(TinkexConfigError, match="timeout"):
        cfg.replace(timeout=-1)
    with pytest.raises(TinkexConfigError, match="nope"):
        cfg.replace(nope=1)


def test_config_resolve_alias_and_defaults() -> None:
    # covers CFG-01, CFG-22, D-16, HTTP-10
    cfg = C.Config.resolve(env=EnvSnapshot.read({"TINKER_API_KEY": KEY}))
    assert cfg.heartbeat_interval == 10.0
    assert cfg.heartbeat_warning_after == 120.0
    assert cfg.sdk_version == C.TARGET_TINKER_SDK_VERSION == "0.38.0"
    assert cfg.wire_format == "protobuf"
    assert cfg.max_connections == 1000 and cfg.max_keepalive == 20
    assert cfg.future_timeout == 3600.0


def test_configure_none_removes_default_and_get_defaults_copies() -> None:
    # covers CFG-02
    C.configure(project_id="p1")
    assert C.get_defaults() == {"project_id": "p1"}
    C.configure(project_id=None)
    assert C.get_defaults() == {}


def test_credentials_in_base_url_are_masked_and_scrubbed() -> None:  # covers CFG-16
    from tinkex._config.env import EnvSnapshot
    from tinkex.config import resolve_config

    config = resolve_config(
        env=EnvSnapshot.read({}),
        api_key="tml-abcdef0123456789",
        base_url="http://user:hunter2pass@host:8000/p",
    )
    assert "hunter2pass" not in repr(config)
    assert "hunter2pass" in config.secrets()
