"""``RetryConfig`` and the sampling retry handler (features SMP-08, SMP-11): defaults,
validation, the per-client connection cap and ``enable_retry_logic``. Official field names and
seconds (the official SDK's class); the values are Tinkex's 0.1.20 defaults."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from tinkex import RetryConfig
from tinkex._clients.sampling_retry import SamplingRetryHandler, concurrency_limit
from tinkex.errors import APIConnectionError, TinkexValidationError


def test_defaults() -> None:
    # covers SMP-08
    config = RetryConfig()
    assert config.max_connections == 1000
    assert config.progress_timeout == 120 * 60
    assert (config.retry_delay_base, config.retry_delay_max, config.jitter_factor) == (0.5, 10.0, 0.25)
    assert config.enable_retry_logic is True


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_connections", 0),
        ("progress_timeout", 0),
        ("retry_delay_base", -1.0),
        ("retry_delay_max", 0),
        ("jitter_factor", 1.5),
        ("jitter_factor", -0.1),
    ],
)
def test_validation_names_the_field(field: str, value: float) -> None:
    # covers SMP-08
    with pytest.raises(TinkexValidationError, match=field):
        RetryConfig(**{field: value})


def test_connection_cap_per_client() -> None:
    # covers SMP-11: the cap bounds one client's in-flight requests, retries included
    assert concurrency_limit(RetryConfig(max_connections=3), 2000) == 3
    assert concurrency_limit(RetryConfig(), 2000) == 1000
    assert concurrency_limit(RetryConfig(max_connections=None), 2000) == 2000
    assert concurrency_limit(RetryConfig(max_connections=None), None) is None


def _attempts(enable_retry_logic: bool) -> int:
    tries = 0

    async def attempt() -> str:
        nonlocal tries
        tries += 1
        if tries < 3:
            raise APIConnectionError("connection reset")
        return "ok"

    async def no_sleep(_: float) -> None:
        return None

    handler = SamplingRetryHandler(RetryConfig(enable_retry_logic=enable_retry_logic), sleep=no_sleep)
    with contextlib.suppress(APIConnectionError):
        asyncio.run(handler.run(attempt))
    return tries


def test_enable_retry_logic_false_sends_exactly_once() -> None:
    # covers SMP-08, SMP-11
    assert _attempts(enable_retry_logic=False) == 1
    assert _attempts(enable_retry_logic=True) == 3
