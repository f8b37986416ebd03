"""Integration tests share the suite's local server; fault rules never leak between tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _clean_fault_rules(local_server: object) -> Iterator[None]:
    faults = local_server.faults  # type: ignore[attr-defined]
    assert faults is not None
    faults.reset()
    yield
    faults.reset()
