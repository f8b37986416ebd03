"""Logging setup (features CFG-13): levels for tinkex's own loggers, nothing global.

tinkex logs under ``tinkex`` and its children (``tinkex.http`` for request dumps). A library
must not configure the application's logging, so this module never touches the root logger
and never calls ``logging.basicConfig``. When ``TINKER_LOG`` (or ``log_level``) asks for
output and nothing else would show it (the root logger has no handlers), or when
``force_handler`` is set, one stream handler is attached to the ``tinkex`` logger itself.
"""

from __future__ import annotations

import logging
import threading

from ..config import get_defaults
from .env import EnvSnapshot, parse_log_level

LOGGER_NAME = "tinkex"
HTTP_LOGGER_NAME = "tinkex.http"
_FORMAT = "[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"

logger = logging.getLogger(LOGGER_NAME)
http_logger = logging.getLogger(HTTP_LOGGER_NAME)

_setup_lock = threading.Lock()
_setup_done = False


class _TinkexHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Marks the handler tinkex attached, so setup stays idempotent."""


def _resolve_level(level: str | int | None) -> int | None:
    if isinstance(level, int) and not isinstance(level, bool):
        return level
    if isinstance(level, str):
        name = parse_log_level(level)
        return logging.getLevelName(name.upper()) if name else None
    return None


def setup_logging(
    level: str | int | None = None, *, force_handler: bool = False, env: EnvSnapshot | None = None
) -> logging.Logger:
    """Apply a log level to the ``tinkex`` loggers and return the ``tinkex`` logger.

    The level is ``level`` if given, else the process default ``log_level`` from
    ``tinkex.config.configure()``, else ``TINKER_LOG``; unrecognised values are ignored (the
    logger is left as it is). ``httpx`` is kept at WARNING unless the level is DEBUG, because
    its INFO lines show harmless back-pressure 4xx answers that look alarming."""
    chosen = _resolve_level(level)
    if chosen is None and level is None:
        chosen = _resolve_level(get_defaults().get("log_level"))
        if chosen is None:
            chosen = _resolve_level((env or EnvSnapshot.read()).log_level)
    if chosen is not None:
        logger.setLevel(chosen)
        logging.getLogger("httpx").setLevel(logging.DEBUG if chosen <= logging.DEBUG else logging.WARNING)
    wants_output = chosen is not None and not logging.getLogger().handlers
    if force_handler or wants_output:
        _attach_handler()
    return logger


def setup_logging_once() -> None:
    """Run ``setup_logging()`` the first time only (called when the first client is built)."""
    global _setup_done
    with _setup_lock:
        if not _setup_done:
            setup_logging()
            _setup_done = True


def _attach_handler() -> None:
    if any(isinstance(h, _TinkexHandler) for h in logger.handlers):
        return
    handler = _TinkexHandler()
    handler.setFormatter(logging.Formatter(_FORMAT, datefmt="%Y-%m-%d %H:%M:%S"))
    logger.addHandler(handler)
