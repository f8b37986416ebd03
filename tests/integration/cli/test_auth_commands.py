"""``tinkex auth login | status | whoami | logout`` end to end: the real command line in a child
process against a local server that checks API keys, with the credential stored in a temp file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tinkex.server.testing import ServerFactory

KEY = "tml-cli-auth-alice"
RunCli = Callable[..., "subprocess.CompletedProcess[str]"]
CLI = "import sys\nfrom tinkex.cli import main\nmain(sys.argv[1:])\n"


@pytest.fixture
def tinkex_process(server_factory: ServerFactory, tmp_path: Path) -> RunCli:
    server = server_factory.start(api_keys=[KEY])
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("TINKER_")},
        "TINKER_BASE_URL": server.base_url,
        "TINKER_TELEMETRY": "0",
        "TINKEX_CREDENTIALS_FILE": str(tmp_path / "credentials.json"),
    }

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", CLI, *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    return run


def test_login_status_whoami_logout(tinkex_process: RunCli) -> None:
    run = tinkex_process
    logged_out = run("auth", "status")
    assert logged_out.returncode == 1 and logged_out.stdout == "Credentials available: no\n"

    refused = run("auth", "login", stdin="tml-not-a-key\n")
    assert refused.returncode == 1
    assert "Validating the API key failed: " in refused.stderr
    assert "key failed" not in refused.stderr.replace("API key failed: ", "")  # said once
    assert "tml-not-a-key" not in refused.stderr

    login = run("auth", "login", stdin=KEY + "\n")
    assert login.returncode == 0, login.stderr
    assert login.stdout.startswith("Logged in as local@localhost (local).")

    status = run("-f", "json", "auth", "status")
    assert json.loads(status.stdout) == {"credentials_available": True, "accessible": True}

    # whoami reads the identity from the JWT the server issues for the stored key.
    who = run("-f", "json", "auth", "whoami")
    assert who.returncode == 0, who.stderr
    identity = json.loads(who.stdout)
    assert identity["user_urn"].startswith("tml:user:key-")
    assert identity["org_urn"] == "tml:organization:local" and identity["email"] == "local@localhost"
    table = run("auth", "whoami")
    assert f"{identity['user_urn']}" in table.stdout and "tml:organization:local" in table.stdout
    assert KEY not in who.stdout + table.stdout

    logout = run("auth", "logout")
    assert logout.returncode == 0, logout.stderr
    assert logout.stdout.startswith("Removed credential")
    assert run("auth", "status").returncode == 1
