"""The API keys stored by ``tinkex auth login``: one JSON file, readable by its owner only.

The file has the official SDK's credentials layout (``{"version": 1, "default": id, "keys":
{id: {"type", "key", "name", "note", "details"}}}``) so either tool can read the other's
records. It lives in the platform's user config folder (``platformdirs``), or where
``TINKEX_CREDENTIALS_FILE`` says. Config resolution uses the default key when neither an
``api_key`` nor a credential command is given (explicit > environment > stored, as in the
official SDK).

Writes go to a temporary file in the same folder, made owner-only (0600, folder 0700)
before it is renamed over the old file, so the key is never readable by others, not even
for a moment, and a crash leaves the previous file whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .env import EnvSnapshot

FILE_MODE = 0o600
DIR_MODE = 0o700
FILE_NAME = "credentials.json"


def credentials_path(env: EnvSnapshot | None = None) -> Path:
    snapshot = EnvSnapshot.read() if env is None else env
    if snapshot.credentials_file:
        return Path(snapshot.credentials_file).expanduser()
    import platformdirs

    return platformdirs.user_config_path("tinkex") / FILE_NAME


class CredentialStore:
    """Named API key records plus the id of the default one."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else credentials_path()

    def load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"version": 1, "default": None, "keys": {}}
        if not isinstance(data, dict) or not isinstance(data.get("keys"), dict):
            raise ValueError(f"{self.path} is not a credentials file")
        return data

    def default(self) -> tuple[str, dict[str, Any]] | None:
        """``(key id, record)`` of the default key, or None."""
        data = self.load()
        key_id = data.get("default")
        record = data["keys"].get(key_id) if isinstance(key_id, str) else None
        return (key_id, record) if isinstance(record, dict) and isinstance(key_id, str) else None

    def add_default(self, key_id: str, record: dict[str, Any]) -> None:
        data = self.load()
        data["keys"][key_id] = record
        data["default"] = key_id
        self._save(data)

    def remove(self, key_id: str) -> None:
        data = self.load()
        data["keys"].pop(key_id, None)
        if data.get("default") == key_id:
            data["default"] = None
        self._save(data)

    def _save(self, data: dict[str, Any]) -> None:
        folder = self.path.parent
        if not folder.is_dir():
            folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            folder.chmod(DIR_MODE)  # mkdir's mode is reduced by the umask
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{self.path.name}.")
        try:
            os.chmod(tmp_name, FILE_MODE)  # mkstemp makes it 0600 on POSIX; say so everywhere
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({k: v for k, v in data.items() if v is not None}, out, indent=2)
            os.replace(tmp_name, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise


def stored_api_key(env: EnvSnapshot | None = None) -> str | None:
    """The default stored key, or None (no file, no default, or an unreadable file)."""
    try:
        found = CredentialStore(credentials_path(env)).default()
    except (OSError, ValueError):
        return None
    key = found[1].get("key") if found is not None else None
    return key if isinstance(key, str) and key else None
