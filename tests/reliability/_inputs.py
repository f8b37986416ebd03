"""Shared pieces of the bad-input, download and secrets tests: junk strategies, request
counters, an RSS sampler, and the tally whose figures ``RELIABILITY.md`` quotes.

The tally is written as ``bad-input-summary.json`` under pytest's base temp dir at the end of
every module that uses ``record_tally`` (cumulative, so the last write holds the whole run).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, settings, strategies as st

SUMMARY_FILE = "bad-input-summary.json"
TALLY: Counter[str] = Counter()

# Deterministic and bounded: the same examples on every run, no example database.
DETERMINISTIC = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Values no field of any public type accepts in every position: wrong types, out-of-range and
# non-finite numbers, ints wider than 64 bits, odd containers and nesting.
junk_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([-1, 0, 2**63, 2**64, -(2**63) - 1, 10**400]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.binary(max_size=8),
    st.sampled_from([object(), (), {}, set(), frozenset(), 1j, b"", "", " ", "\n", "\x00"]),
)
junk = st.recursive(
    junk_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=5), inner, max_size=3),
    ),
    max_leaves=8,
)
junk_arrays = st.sampled_from(
    [
        np.array([1.5, 2.0]),
        np.array([[1, 2], [3, 4]]),
        np.array(["a", "b"]),
        np.array([None, 1], dtype=object),
        np.array([True, False]),
        np.array([1 + 2j]),
        np.array([-1, 5]),
        np.array([2**64 - 1], dtype=np.uint64),
        np.array([np.nan, np.inf], dtype=np.float32),
        np.zeros((2, 0, 3)),
    ]
)


def tally(name: str, count: int = 1) -> None:
    TALLY[name] += count


@pytest.fixture(scope="module", autouse=False)
def record_tally(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Counter[str]]:
    yield TALLY
    path = tmp_path_factory.getbasetemp() / SUMMARY_FILE
    path.write_text(json.dumps(dict(sorted(TALLY.items())), indent=2))


def operation_requests(
    faults: Any, *, ignore: tuple[str, ...] = ("heartbeat", "telemetry")
) -> dict[str, int]:
    """Requests the server saw per route, without the clients' background traffic."""
    counts = faults.stats()["requests"]
    return {route: n for route, n in counts.items() if not any(word in route for word in ignore)}


def rss_bytes() -> int:
    """This process's resident set size now (the server runs in-process, on a thread)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


class RssPeak:
    """Samples RSS on a thread while the ``with`` block runs; ``growth`` is peak minus start."""

    def __init__(self, interval_s: float = 0.002) -> None:
        self.interval_s = interval_s
        self.start = 0
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.peak = max(self.peak, rss_bytes())

    def __enter__(self) -> RssPeak:
        self.start = self.peak = rss_bytes()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())

    @property
    def growth(self) -> int:
        return self.peak - self.start


@pytest.fixture(scope="module")
def own_server(compile_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A server of this module's own (hooks on), so its request counters hold only our traffic."""
    from tinkex.server.testing import TEST_MODEL, ServerFactory

    factory = ServerFactory(models=[TEST_MODEL], enable_test_hooks=True, compile_cache_dir=compile_cache)
    yield factory.start(data_dir=tmp_path_factory.mktemp("bad-input-data"))
    factory.stop_all()
