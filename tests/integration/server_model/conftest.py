"""Shared fixtures for the compute-engine tests: one tiny engine per session, on the suite's compile cache."""

from __future__ import annotations

import os

os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from collections.abc import Iterator
from pathlib import Path

import pytest

from tinkex.server.model.catalog import MODEL_CATALOG
from tinkex.server.model.engine import Engine


@pytest.fixture(scope="session")
def compile_cache_dir(compile_cache: Path) -> Path:
    """The suite's shared compile cache (tests/conftest.py): the engine and the server compile once."""
    return compile_cache


@pytest.fixture(scope="session")
def tiny_engine(compile_cache_dir: Path) -> Iterator[Engine]:
    yield Engine(MODEL_CATALOG["local/byte-tiny"], compile_cache_dir=compile_cache_dir)
