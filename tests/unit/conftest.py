"""The unit tier starts no server and no process: a guard keeps it that way.

While a unit test runs (setup, call and teardown), starting a child process or binding a
socket is recorded and the test fails, even if the code under test swallowed the error the
guard raised. Tests that need a server or a child interpreter belong in tests/integration/.
Connecting to a closed loopback port is still allowed (it binds nothing).
"""

from __future__ import annotations

import multiprocessing.process
import os
import socket
import subprocess
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from typing import Any

import pytest


class TierViolation(RuntimeError):
    """Raised inside a unit test that tried to start a process or bind a socket."""


def _blocker(what: str, seen: list[str]) -> Callable[..., Any]:
    def blocked(*args: Any, **kwargs: Any) -> Any:
        seen.append(what)
        raise TierViolation(f"unit tests may not {what}; move this test to tests/integration/")

    return blocked


@contextmanager
def _no_processes_or_listeners(seen: list[str]) -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    # Popen covers subprocess.run/check_output and asyncio's subprocess transports.
    patch.setattr(subprocess.Popen, "__init__", _blocker("start a subprocess", seen))
    patch.setattr(multiprocessing.process.BaseProcess, "start", _blocker("start a process", seen))
    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp", "system", "execv", "execve"):
        if hasattr(os, name):
            patch.setattr(os, name, _blocker(f"call os.{name}", seen))
    patch.setattr(socket.socket, "bind", _blocker("bind a socket", seen))
    patch.setattr(socket.socket, "listen", _blocker("listen on a socket", seen))
    try:
        yield
    finally:
        patch.undo()


def _guarded(item: pytest.Item) -> Generator[None, object, object]:
    seen: list[str] = []
    with _no_processes_or_listeners(seen):
        outcome = yield
    if seen:
        pytest.fail(f"{item.nodeid} tried to {', '.join(dict.fromkeys(seen))} (not allowed in tests/unit)")
    return outcome


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _guarded(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _guarded(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _guarded(item))
