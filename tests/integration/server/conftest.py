"""Fixtures for the server tests: a raw protocol client on the suite's shared server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tinkex.server.runner import ServerHandle
from tinkex.server.testing import RawClient


@pytest.fixture
def api(local_server: ServerHandle) -> Iterator[RawClient]:
    client = RawClient(local_server.base_url)
    yield client
    client.close()
