"""The server's data directory: where it is by default, who may use it, and the secret it keeps.

* The default location is the platform's per-user data directory (XDG on Linux), from
  platformdirs; ``--data-dir`` overrides it.
* One server at a time: the directory is locked with filelock for the server's lifetime, so a
  second server on the same directory stops at startup instead of corrupting the first one's
  checkpoints. The OS drops the lock when the process dies, even on ``kill -9``.
* ``.server-secret`` holds random bytes created on first use. Archive download URLs are signed
  with a key derived from it and API keys are turned into owner ids with another, so links and
  ownership survive restarts. It never leaves this file: not in logs, reprs or replies.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path
from typing import Final

import filelock
import platformdirs

LOCK_FILE: Final = ".lock"
SECRET_FILE: Final = ".server-secret"
SECRET_BYTES: Final = 32


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("tinkex", appauthor=False)) / "local-server"


class DataDirInUse(RuntimeError):
    """Another server holds the data directory's lock."""


class DataDirLock:
    """Exclusive use of one data directory; ``release()`` (or process exit) frees it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        # thread_local=False: the in-process server is stopped from whichever thread owns the handle.
        self._lock = filelock.FileLock(data_dir / LOCK_FILE, timeout=0, thread_local=False)

    def acquire(self) -> DataDirLock:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise DataDirInUse(
                f"data dir {self.data_dir} is in use by another tinkex server; stop that server "
                "or start this one with another --data-dir"
            ) from None
        return self

    def release(self) -> None:
        self._lock.release()


def derive_key(secret: bytes, purpose: str) -> bytes:
    """A key for one purpose, so owner ids, URL signatures and tokens never share a key."""
    return hmac.new(secret, f"tinkex-local-server:{purpose}".encode(), hashlib.sha256).digest()


def load_or_create_secret(data_dir: Path) -> bytes:
    """The directory's secret, created (readable by the owner only) the first time it is needed.

    Call it while holding the directory's lock: the file is written to a temporary name and
    renamed, so a crash never leaves a half-written secret, and the lock rules out two writers.
    """
    path = data_dir / SECRET_FILE
    if not path.exists():
        handle, temp_name = tempfile.mkstemp(dir=data_dir, prefix=f"{SECRET_FILE}-", suffix=".tmp")
        try:
            os.chmod(temp_name, 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(secrets.token_bytes(SECRET_BYTES))
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    secret = path.read_bytes()
    if len(secret) < SECRET_BYTES:
        raise RuntimeError(
            f"{path} is damaged (shorter than {SECRET_BYTES} bytes); delete it to make a new one"
        )
    return secret
