"""Waits are visible: the first retry of a call is a WARNING, long future waits log progress at
INFO, and the CLI prints each retry and stops at its retry budget."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import tinkex
from tinkex import types
from tinkex._config.env import EnvSnapshot
from tinkex.config import resolve_config
from tinkex.server.faults import FaultRule

from .conftest import MODEL, TEST_API_KEY, script_env

CAPABILITIES = "/api/v1/get_server_capabilities"


@pytest.fixture
def make_service(local_server: Any) -> Iterator[Any]:
    made: list[tinkex.ServiceClient] = []

    def make(**config: Any) -> tinkex.ServiceClient:
        client = tinkex.ServiceClient(
            base_url=local_server.base_url, api_key=TEST_API_KEY, telemetry_enabled=False, **config
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close().result(timeout=60)


def fail_first(local_server: Any, route: str, count: int, status: int = 503) -> None:
    local_server.faults.add(
        FaultRule.from_json(
            {
                "match": {"route": route},
                "window": {"first_n": count},
                "action": {"type": "status", "status": status, "headers": {"retry-after-ms": "10"}},
            }
        )
    )


def test_first_retry_warns_once_later_retries_are_debug(
    local_server: Any, make_service: Any, caplog: pytest.LogCaptureFixture
) -> None:
    fail_first(local_server, CAPABILITIES, 3)
    with caplog.at_level(logging.DEBUG, logger="tinkex.http"):
        make_service().get_server_capabilities()
    retries = [r for r in caplog.records if "retrying (" in r.getMessage()]
    assert [r.levelno for r in retries] == [logging.WARNING, logging.DEBUG, logging.DEBUG]
    first = retries[0].getMessage()
    assert "retrying (1/10)" in first and "status 503" in first  # the reason
    assert " s after " in first  # the next delay


def test_long_future_wait_logs_progress_with_queue_state(
    local_server: Any, make_service: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # Each poll takes a while and the future stays pending (paused for capacity) for many polls:
    # about 0.8 s in all, several progress intervals. The server's retry hint (retry_after_ms)
    # replaces the SDK's 1 s wait after a paused try_again, which only made the wait longer.
    local_server.faults.add(
        FaultRule.from_json(
            {"match": {"route": "/api/v1/retrieve_future"}, "action": {"type": "delay", "delay_s": 0.1}}
        )
    )
    local_server.faults.add(
        FaultRule.from_json(
            {
                "match": {"request_type": "sample"},
                "window": {"first_n": 1},
                "action": {
                    "type": "future",
                    "try_again_count": 4,
                    "queue_state": "paused_capacity",
                    "retry_after_ms": 100,
                },
            }
        )
    )
    service = make_service(progress_log_interval=0.15)
    sampler = service.create_sampling_client(base_model=MODEL).result()
    with caplog.at_level(logging.INFO, logger="tinkex"):
        sampler.sample(types.ModelInput.from_ints([1, 2]), 1, types.SamplingParams(max_tokens=2)).result()
    progress = [r for r in caplog.records if r.getMessage().startswith("still waiting for")]
    assert progress and all(r.levelno == logging.INFO for r in progress)
    assert "queue state paused_capacity" in progress[-1].getMessage()
    assert " s elapsed" in progress[-1].getMessage()


def test_progress_interval_comes_from_config_or_environment() -> None:
    env = EnvSnapshot.read({"TINKEX_PROGRESS_LOG_INTERVAL": "7.5"})
    assert resolve_config(env=env, api_key=TEST_API_KEY).progress_log_interval == 7.5
    assert resolve_config(env=env, api_key=TEST_API_KEY, progress_log_interval=2).progress_log_interval == 2.0
    assert EnvSnapshot.read({"TINKEX_PROGRESS_LOG_INTERVAL": "soon"}).invalid == (
        "TINKEX_PROGRESS_LOG_INTERVAL",
    )


def run_cli(base_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tinkex", "checkpoint", "list", "--base-url", base_url, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=script_env(base_url),
    )


def test_cli_prints_each_retry_with_its_reason(local_server: Any) -> None:
    fail_first(local_server, "/api/v1/client/config", 2)
    result = run_cli(local_server.base_url)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("retrying (1/10): status 503")
    assert lines[1].startswith("retrying (2/10): status 503")
    assert len(lines) == 2  # the retry lines replace the library's own log line


def test_cli_retry_budget_stops_retrying_a_dead_server() -> None:
    with socket.socket() as probe:  # a loopback port with nothing listening: refused at once
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    result = run_cli(dead, "--retry-budget", "0.5")
    assert result.returncode == 1
    retries = [line for line in result.stderr.splitlines() if line.startswith("retrying (")]
    # Exponential delays from 0.5 s (the first 0.375..0.5 s, the last cut to what the budget
    # leaves): a 0.5 s budget allows one or two retries, far from all 10.
    assert 1 <= len(retries) < 10
    assert result.stderr.splitlines()[-1].startswith("List failed")
