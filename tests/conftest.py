"""Suite-wide setup: offline environment, and one shared local Tinker server.

The server is session-scoped (free loopback port, temp data dir, test hooks on, a
per-session JAX compile cache) so compile costs are paid once for the whole suite.
"""

from __future__ import annotations

import os

# Tests never reach a model hub or an accelerator, whatever the machine has.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("TINKER_TELEMETRY", "0")

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import tinker_proto  # noqa: F401  (installed by `pip install -e .`)
except ImportError:  # without an editable install the generated packages live under generated/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "generated"))

TEST_API_KEY = "tml-local-test-key-0123456789"


@pytest.fixture(scope="session")
def compile_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server-compile-cache")


@pytest.fixture(scope="session")
def local_server(tmp_path_factory: pytest.TempPathFactory, compile_cache: Path) -> Iterator[object]:
    """One server for the whole session (the tiny model), with fault hooks enabled."""
    from tinkex.server.testing import TEST_MODEL, ServerFactory

    factory = ServerFactory(models=[TEST_MODEL], enable_test_hooks=True, compile_cache_dir=compile_cache)
    handle = factory.start(data_dir=tmp_path_factory.mktemp("server-data"))
    yield handle
    factory.stop_all()


@pytest.fixture
def server_factory(compile_cache: Path) -> Iterator[object]:
    """Fresh servers (own data dir unless given); all stopped after the test."""
    from tinkex.server.testing import TEST_MODEL, ServerFactory

    factory = ServerFactory(models=[TEST_MODEL], enable_test_hooks=True, compile_cache_dir=compile_cache)
    yield factory
    factory.stop_all()


@pytest.fixture
def service_client(local_server: object) -> Iterator[object]:
    """A tinkex ServiceClient on the shared server, closed after the test."""
    import tinkex

    client = tinkex.ServiceClient(base_url=local_server.base_url, api_key=TEST_API_KEY)  # type: ignore[attr-defined]
    yield client
    client.close().result(timeout=30)
