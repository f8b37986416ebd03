"""Fixtures for lifecycle tests: real scripts run in child processes against the shared server.

A script's stderr is the user's view of an exit: these tests assert it holds nothing beyond
the lines the script itself causes (asyncio noise would show up here, not in the parent).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

TEST_API_KEY = "tml-local-test-key-0123456789"
MODEL = "local/byte-tiny"
# What an unclean exit prints: destroyed tasks, a closed loop, coroutines never awaited,
# exceptions swallowed in finalizers, pools left to the garbage collector.
NOISE = (
    "Task was destroyed",
    "Event loop is closed",
    "never awaited",
    "Exception ignored",
    "Unclosed client session",
    "Unclosed connector",
    "Task exception was never retrieved",
    "CancelledError",
)
SCRIPT_TIMEOUT_S = 120.0


@dataclass
class ScriptRun:
    returncode: int
    stdout: str
    stderr: str

    def noise(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if any(n in line for n in NOISE)]


def script_env(base_url: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(TINKER_BASE_URL=base_url, TINKER_API_KEY=TEST_API_KEY, TINKER_TELEMETRY="0")
    env.pop("TINKER_LOG", None)
    env.update(extra)
    return env


@pytest.fixture
def run_script(local_server: Any) -> Callable[..., ScriptRun]:
    """``run_script(source, interrupt_after=None, **env)``: run ``source`` in a child Python.

    With ``interrupt_after="ready"``, SIGINT is sent once the script prints that line (the
    script then waits inside a blocking call), as a user's Ctrl-C would."""

    def run(source: str, *, interrupt_after: str | None = None, **env: str) -> ScriptRun:
        process = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(source)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=script_env(local_server.base_url, **env),
            # A terminal's Ctrl-C: pytest-xdist workers ignore SIGINT, and a child inherits an
            # ignored signal, so Python would install no KeyboardInterrupt handler.
            preexec_fn=_default_sigint,
        )
        head = ""
        if interrupt_after is not None:
            assert process.stdout is not None
            head = process.stdout.readline()
            assert head.strip() == interrupt_after, f"script did not get ready: {head!r}"
            time.sleep(0.3)  # let it enter the blocking wait
            process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=SCRIPT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            raise AssertionError(f"script hung; stderr:\n{err}") from None
        return ScriptRun(process.returncode, head + out, err)

    return run


def telemetry_bodies(base_url: str) -> list[dict[str, Any]]:
    """What the server received on ``POST /api/v1/telemetry``, oldest first (test hooks on)."""
    reply = httpx.get(f"{base_url}/_local/telemetry", timeout=30)
    reply.raise_for_status()
    bodies = reply.json()
    assert isinstance(bodies, list)
    return bodies


def session_events(base_url: str, session_id: str) -> list[dict[str, Any]]:
    return [
        e for body in telemetry_bodies(base_url) if body["session_id"] == session_id for e in body["events"]
    ]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
