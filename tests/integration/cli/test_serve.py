"""`tinkex serve` runs the local server until Ctrl-C, and the other commands work against it."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import TEST_API_KEY
from tinkex.cli import cli

STARTUP_DEADLINE_S = 120.0


def _lines(stream: object, out: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        out.put(line)


def test_serve_until_ctrl_c(tmp_path: Path, compile_cache: Path) -> None:  # covers DESIGN §6 (tinkex serve)
    command = [sys.executable, "-m", "tinkex", "serve", "--port", "0", "--models", "local/byte-tiny"]
    command += ["--data-dir", str(tmp_path / "data"), "--compile-cache-dir", str(compile_cache)]
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stderr, lines), daemon=True).start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + STARTUP_DEADLINE_S
        url = None
        while url is None and time.monotonic() < deadline and process.poll() is None:
            try:
                seen.append(lines.get(timeout=1.0))
            except queue.Empty:
                continue
            match = re.search(r"listening on (http://\S+)", seen[-1])
            url = match.group(1) if match else None
        assert url is not None, "".join(seen)

        env = {"TINKER_BASE_URL": url, "TINKER_API_KEY": TEST_API_KEY}
        listed = CliRunner().invoke(cli, ["run", "list", "--json"], env=env)
        assert listed.exit_code == 0, listed.stderr
        assert json.loads(listed.stdout) == {"runs": []}
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=60)
    time.sleep(0.1)  # let the reader thread drain the last lines
    while not lines.empty():
        seen.append(lines.get())
    assert code == 0, "".join(seen)
    assert "Traceback" not in "".join(seen)


def test_serve_rejects_unknown_models() -> None:  # covers CLI-01 (usage errors exit 1)
    result = CliRunner().invoke(cli, ["serve", "--models", "local/byte-tiny,no/such"])
    assert result.exit_code == 1
    assert "unknown model(s) no/such" in result.stderr
