"""Integration tests that use the suite's local server never leak fault rules between tests.

Only tests that asked for the shared server get the cleanup, so tests here that need just a
child process (tests/integration/fresh_process/, ...) do not start a server for nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _clean_fault_rules(request: pytest.FixtureRequest) -> Iterator[None]:
    if "local_server" not in request.fixturenames:
        yield
        return
    faults = request.getfixturevalue("local_server").faults
    assert faults is not None
    faults.reset()
    yield
    faults.reset()
