"""Where the server's API keys come from: a key file and the ``TINKEX_SERVER_API_KEYS`` variable.

This is the one server module that reads ``os.environ`` (the SDK's own settings are read in
``tinkex._config.env``). The CLI entry points call ``configured_keys`` once at startup; the server core
only ever receives the resulting keys, so embedding the server in a process never picks up keys
from that process's environment by accident.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from tinkex._config.env import parse_list

KEYS_ENV_VAR: Final = "TINKEX_SERVER_API_KEYS"


class KeySourceError(ValueError):
    """A key file that cannot be used; the message never contains a key."""


def read_key_file(path: Path) -> list[str]:
    """One key per line; blank lines and lines starting with ``#`` are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise KeySourceError(f"--api-key-file {path}: cannot be read ({type(error).__name__})") from None
    keys = [
        stripped for line in text.splitlines() if (stripped := line.strip()) and not stripped.startswith("#")
    ]
    if not keys:
        raise KeySourceError(f"--api-key-file {path}: holds no keys (one key per line)")
    if any(any(ch.isspace() for ch in key) for key in keys):
        raise KeySourceError(f"--api-key-file {path}: a key contains whitespace; put one key per line")
    return keys


def configured_keys(key_file: Path | None, environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Keys from ``key_file`` and from ``TINKEX_SERVER_API_KEYS`` (comma-separated), both if both are set.

    An empty result means auth is off.
    """
    env = os.environ if environ is None else environ
    keys = list(read_key_file(key_file)) if key_file is not None else []
    keys.extend(parse_list(env.get(KEYS_ENV_VAR)))
    return tuple(dict.fromkeys(keys))
