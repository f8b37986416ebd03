"""Which credential goes in ``X-API-Key`` (protocol §2.3): the API key, else the output of
``TINKER_CREDENTIAL_CMD``.

The command runs once per client (the official SDK runs it per use; one run per client is
enough for keys and for JWTs that outlive the client, and keeps a slow command off the
hot path). Its output is a secret: it never appears in errors or logs.
"""

from __future__ import annotations

import subprocess

from ..config import Config
from ..errors import TinkexConfigError

CREDENTIAL_CMD_TIMEOUT = 30.0


def resolve_credential(config: Config) -> str | None:
    if config.api_key:
        return config.api_key
    if not config.credential_cmd:
        return None
    try:
        done = subprocess.run(
            config.credential_cmd,
            shell=True,  # a user-configured command line, as TINKER_CREDENTIAL_CMD is documented
            capture_output=True,
            text=True,
            timeout=CREDENTIAL_CMD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TinkexConfigError(
            f"credential_cmd: the command did not finish within {CREDENTIAL_CMD_TIMEOUT:g} s",
            field="credential_cmd",
        ) from None
    credential = done.stdout.strip()
    if done.returncode != 0 or not credential:
        raise TinkexConfigError(
            f"credential_cmd: the command exited with status {done.returncode} "
            f"{'and printed no credential' if not credential else ''}".strip(),
            field="credential_cmd",
        )
    return credential
