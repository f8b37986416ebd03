"""``tinkex auth login | status | whoami | logout`` end to end: the real command line in a child
process against a local server that checks API keys, with the credential stored in a temp file.

The commands run one after another in one child (each through ``tinkex.cli.main`` with its own
stdin, stdout, stderr and exit code), so the interpreter and the SDK load once instead of once
per command. Each command still finds the credential only in the file: nothing in tinkex keeps
it in memory between commands.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tinkex.server.testing import ServerFactory

KEY = "tml-cli-auth-alice"
RunCli = Callable[..., list[subprocess.CompletedProcess[str]]]
# argv[1]: a JSON list of [args, stdin]; prints one JSON list of {code, stdout, stderr}.
CLI = """
import contextlib, io, json, sys
from tinkex.cli import main
results = []
for args, stdin in json.loads(sys.argv[1]):
    out, err, code = io.StringIO(), io.StringIO(), 0
    sys.stdin = io.StringIO(stdin)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    results.append({"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
sys.__stdout__.write(json.dumps(results))
"""


@pytest.fixture
def tinkex_process(server_factory: ServerFactory, tmp_path: Path) -> RunCli:
    server = server_factory.start(api_keys=[KEY])
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("TINKER_")},
        "TINKER_BASE_URL": server.base_url,
        "TINKER_TELEMETRY": "0",
        "TINKEX_CREDENTIALS_FILE": str(tmp_path / "credentials.json"),
    }

    def run(*commands: tuple[list[str], str]) -> list[subprocess.CompletedProcess[str]]:
        """Run each (args, stdin) in order in one child; the result of each, as if run alone."""
        done = subprocess.run(
            [sys.executable, "-c", CLI, json.dumps(commands)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        results: list[dict[str, Any]] = json.loads(done.stdout)
        return [
            subprocess.CompletedProcess(args, r["code"], r["stdout"], r["stderr"])
            for (args, _), r in zip(commands, results, strict=True)
        ]

    return run


def test_login_status_whoami_logout(tinkex_process: RunCli) -> None:
    logged_out, refused, login, status, who, table, logout, after_logout = tinkex_process(
        (["auth", "status"], ""),
        (["auth", "login"], "tml-not-a-key\n"),
        (["auth", "login"], KEY + "\n"),
        (["-f", "json", "auth", "status"], ""),
        (["-f", "json", "auth", "whoami"], ""),
        (["auth", "whoami"], ""),
        (["auth", "logout"], ""),
        (["auth", "status"], ""),
    )
    assert logged_out.returncode == 1 and logged_out.stdout == "Credentials available: no\n"

    assert refused.returncode == 1
    assert "Validating the API key failed: " in refused.stderr
    assert "key failed" not in refused.stderr.replace("API key failed: ", "")  # said once
    assert "tml-not-a-key" not in refused.stderr

    assert login.returncode == 0, login.stderr
    assert login.stdout.startswith("Logged in as local@localhost (local).")

    assert json.loads(status.stdout) == {"credentials_available": True, "accessible": True}

    # whoami reads the identity from the JWT the server issues for the stored key.
    assert who.returncode == 0, who.stderr
    identity = json.loads(who.stdout)
    assert identity["user_urn"].startswith("tml:user:key-")
    assert identity["org_urn"] == "tml:organization:local" and identity["email"] == "local@localhost"
    assert f"{identity['user_urn']}" in table.stdout and "tml:organization:local" in table.stdout
    assert KEY not in who.stdout + table.stdout

    assert logout.returncode == 0, logout.stderr
    assert logout.stdout.startswith("Removed credential")
    assert after_logout.returncode == 1
