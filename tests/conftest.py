"""Suite-wide setup: offline environment, tier markers, and one shared local Tinker server.

The server is session-scoped (free loopback port, temp data dir, test hooks on) so it starts
once per test process. Compiled programs go to one JAX compile cache shared by every process
of the run (pytest-xdist workers and child servers included) and kept between runs.

Tiers (see ``make test-fast`` / ``make test``): tests/unit starts no server and no process
(tests/unit/conftest.py enforces it); tests/integration, tests/contract and tests/reliability
are marked ``server`` by folder, and the known long ones ``slow``.
"""

from __future__ import annotations

import os

# Tests never reach a model hub or an accelerator, whatever the machine has.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("TINKER_TELEMETRY", "0")
# A size limit turns on the file lock of JAX's compile cache, so parallel workers can share one
# cache directory without reading an entry another worker is still writing.
os.environ.setdefault("JAX_COMPILATION_CACHE_MAX_SIZE", str(8 << 30))

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import tinker_proto  # noqa: F401  (installed by `pip install -e .`)
except ImportError:  # without an editable install the generated packages live under generated/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "generated"))

TEST_API_KEY = "tml-local-test-key-0123456789"

TESTS = Path(__file__).resolve().parent
# Folders whose tests start a local server or child processes (the integration tier).
SERVER_FOLDERS = ("integration", "contract", "reliability")
# Long-running tests (10 s or more in a measured `make test`), still part of every run: whole
# folders, then single files.
SLOW_FOLDERS = ("reliability", "integration/examples", "integration/lifecycle", "integration/docs")
SLOW_FILES = (
    "integration/benchmarks/test_harness_smoke.py",
    "integration/cli/test_auth_commands.py",
    "integration/cli/test_official_commands.py",
    "contract/test_cli_parity.py",
    "contract/test_codegen_check.py",
    "contract/test_custom_loss_parity.py",
    "contract/test_install_as_tinker.py",
    "contract/test_official_sdk.py",
    "contract/test_official_sdk_038_calls.py",
    "contract/test_schemathesis_account.py",
    "contract/test_schemathesis_server.py",
    "contract/test_tinker_script_unchanged.py",
    "contract/test_user_typing.py",
    "integration/server_model/test_model_memorize.py",
)
# The longest files of a measured run (over 25 s each), started before the other slow ones.
LONGEST_FILES = (
    "reliability/test_fault_mixes.py",
    "integration/docs/test_guides.py",
    "integration/examples/test_more_examples.py",
    "contract/test_schemathesis_server.py",
    "integration/examples/test_examples.py",
)
# Workers per core for ``-n auto``. About a third of an integration worker's time is waiting, not
# computing: retry back-offs and deadlines the tests exercise, stalled connections, child
# interpreters starting, the local server between requests. With one worker per core the cores
# idle that third. Measured on 2 cores (whole suite, cold caches): 2 workers 322 s, 3 workers
# 212-231 s, 4 workers 262 s (more collection and contention than waiting left to fill). The unit
# tier waits on nothing, so there one worker per core is fastest (2 workers 25-31 s, 3: 35-41 s).
WORKERS_PER_CORE = 1.5


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (the Makefile's): ``WORKERS_PER_CORE`` workers per usable core for a run that
    includes the server tiers, one per core for the unit tier alone; ``PYTEST_XDIST_AUTO_NUM_WORKERS``
    still wins (pytest-xdist's own rule then applies)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    selected = [Path(arg.split("::", 1)[0]).resolve() for arg in config.args] or [TESTS]
    if all(path.is_relative_to(TESTS / "unit") for path in selected):
        return cores
    return max(1, int(cores * WORKERS_PER_CORE))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test by where it lives, so `-m "not server"` / `-m "not slow"` select tiers;
    then put the longest files first and the other slow ones next (order kept otherwise):
    pytest-xdist hands out files in this order (with ``--no-loadscope-reorder``, see the
    Makefile), so the long ones start first instead of leaving one worker busy at the end."""
    for item in items:
        where = _where(item)
        if where is None:
            continue
        if where.split("/", 1)[0] in SERVER_FOLDERS:
            item.add_marker(pytest.mark.server)
        if where in SLOW_FILES or any(where.startswith(folder + "/") for folder in SLOW_FOLDERS):
            item.add_marker(pytest.mark.slow)
    items.sort(key=_start_order)


def _start_order(item: pytest.Item) -> int:
    where = _where(item)
    if where in LONGEST_FILES:
        return LONGEST_FILES.index(where)
    return len(LONGEST_FILES) + (item.get_closest_marker("slow") is None)


def _where(item: pytest.Item) -> str | None:
    try:
        return item.path.resolve().relative_to(TESTS).as_posix()
    except ValueError:
        return None


@pytest.fixture(scope="session")
def compile_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One JAX compile cache for every process of the run, kept between runs in pytest's cache
    folder (JAX keys entries by program and versions, so a kept entry is never stale); with the
    cache plugin off (``-p no:cacheprovider``), a temp folder shared by the xdist workers."""
    kept = getattr(request.config, "cache", None)
    if kept is not None:
        folder: Path = kept.mkdir("jax-compile-cache")
        return folder
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = tmp_path_factory.getbasetemp().parent / "server-compile-cache"
        shared.mkdir(exist_ok=True)
        return shared
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
