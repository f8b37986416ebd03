"""Fixtures for the REST-route and fault-middleware tests (no JAX: storage, routes, middleware only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ._live_server import LiveServer, running_server


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    with running_server(tmp_path / "data") as server:
        yield server
