"""Fixtures for the server tests: one shared in-process server, a raw client, a factory for fresh servers."""

from __future__ import annotations

import os

os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import tinker_proto  # noqa: F401  (installed by `pip install -e .`)
except ImportError:  # without an editable install the generated packages live under generated/
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "generated"))

from tinkex.server.runner import ServerHandle
from tinkex.server.testing import TEST_MODEL, RawClient, ServerFactory


@pytest.fixture(scope="session")
def compile_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server-compile-cache")


@pytest.fixture(scope="session")
def local_server(tmp_path_factory: pytest.TempPathFactory, compile_cache: Path) -> Iterator[ServerHandle]:
    """One server for the whole session: free loopback port, temp data dir, test hooks on."""
    factory = ServerFactory(models=[TEST_MODEL], enable_test_hooks=True, compile_cache_dir=compile_cache)
    handle = factory.start(data_dir=tmp_path_factory.mktemp("server-data"))
    yield handle
    factory.stop_all()


@pytest.fixture(autouse=True)
def _clean_fault_rules(local_server: ServerHandle) -> Iterator[None]:
    assert local_server.faults is not None
    local_server.faults.reset()
    yield
    local_server.faults.reset()


@pytest.fixture
def api(local_server: ServerHandle) -> Iterator[RawClient]:
    client = RawClient(local_server.base_url)
    yield client
    client.close()


@pytest.fixture
def server_factory(compile_cache: Path) -> Iterator[ServerFactory]:
    """Fresh servers (own data dir unless given); all stopped after the test."""
    factory = ServerFactory(models=[TEST_MODEL], enable_test_hooks=True, compile_cache_dir=compile_cache)
    yield factory
    factory.stop_all()
