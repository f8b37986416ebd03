"""Logging setup (CFG-13): tinkex loggers only, root logger untouched."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from tinkex import config as C
from tinkex._config import logging_setup as L
from tinkex._config.env import EnvSnapshot


@pytest.fixture(autouse=True)
def _restore_loggers() -> Iterator[None]:
    names = ("tinkex", "tinkex.http", "httpx", "")
    saved = {n: (logging.getLogger(n).level, list(logging.getLogger(n).handlers)) for n in names}
    C.reset_defaults()
    yield
    C.reset_defaults()
    for name, (level, handlers) in saved.items():
        log = logging.getLogger(name)
        log.setLevel(level)
        log.handlers[:] = handlers


def _root_state() -> tuple[int, list[logging.Handler]]:
    root = logging.getLogger()
    return root.level, list(root.handlers)


@pytest.mark.parametrize(
    ("value", "level"),
    [
        ("debug", logging.DEBUG),
        ("INFO", logging.INFO),
        ("warn", logging.WARNING),
        ("Warning", logging.WARNING),
        ("error", logging.ERROR),
    ],
)
def test_tinker_log_sets_tinkex_level(value: str, level: int) -> None:
    # covers CFG-13, OVR-27
    before = _root_state()
    logger = L.setup_logging(env=EnvSnapshot.read({"TINKER_LOG": value}))
    assert logger is logging.getLogger("tinkex")
    assert logger.level == level
    assert logging.getLogger("httpx").level == (logging.DEBUG if level == logging.DEBUG else logging.WARNING)
    assert _root_state() == before


def test_unknown_value_is_ignored() -> None:
    # covers CFG-13
    logging.getLogger("tinkex").setLevel(logging.ERROR)
    L.setup_logging(env=EnvSnapshot.read({"TINKER_LOG": "verbose"}))
    assert logging.getLogger("tinkex").level == logging.ERROR
    assert not any(isinstance(h, L._TinkexHandler) for h in logging.getLogger("tinkex").handlers)


def test_precedence_argument_then_configure_then_env() -> None:
    # covers CFG-02(d), CFG-13
    snapshot = EnvSnapshot.read({"TINKER_LOG": "error"})
    C.configure(log_level="info")
    assert L.setup_logging("debug", env=snapshot).level == logging.DEBUG
    assert L.setup_logging(env=snapshot).level == logging.INFO
    C.reset_defaults()
    assert L.setup_logging(env=snapshot).level == logging.ERROR


def test_handler_goes_on_tinkex_logger_only_once() -> None:
    # covers CFG-13
    before = _root_state()
    L.setup_logging(force_handler=True, env=EnvSnapshot.read({}))
    L.setup_logging(force_handler=True, env=EnvSnapshot.read({}))
    ours = [h for h in logging.getLogger("tinkex").handlers if isinstance(h, L._TinkexHandler)]
    assert len(ours) == 1
    assert _root_state() == before


def test_no_handler_when_the_application_configured_logging() -> None:
    # covers CFG-13
    root = logging.getLogger()
    app_handler = logging.NullHandler()
    root.addHandler(app_handler)
    L.setup_logging(env=EnvSnapshot.read({"TINKER_LOG": "info"}))
    assert not any(isinstance(h, L._TinkexHandler) for h in logging.getLogger("tinkex").handlers)
    assert root.handlers.count(app_handler) == 1


def test_http_logger_is_a_child() -> None:
    assert L.http_logger.name == "tinkex.http"
    assert L.http_logger.parent is logging.getLogger("tinkex")


def test_handler_attached_when_nothing_else_would_show_output() -> None:
    # covers CFG-13
    root = logging.getLogger()
    root.handlers[:] = []  # restored by the fixture
    L.setup_logging(env=EnvSnapshot.read({"TINKER_LOG": "debug"}))
    assert any(isinstance(h, L._TinkexHandler) for h in logging.getLogger("tinkex").handlers)
    assert root.handlers == []


def test_setup_logging_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(L, "_setup_done", False)
    monkeypatch.setattr(L, "setup_logging", lambda *a, **k: calls.append(a))
    L.setup_logging_once()
    L.setup_logging_once()
    assert len(calls) == 1
