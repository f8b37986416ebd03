"""The collector pause of tinkex's own programs (``tinkex._core.startup``): only a process marked
as the program pauses it, and the pause ends with what it imported frozen and the collector as
it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tinkex._core import startup


@pytest.fixture(autouse=True)
def _restore_collector(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(startup, "_is_program", False)
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_imports_run_uncollected_then_are_frozen_and_the_collector_is_back() -> None:
    gc.enable()
    with startup.imports_uncollected():
        assert not gc.isenabled()
        made = [object() for _ in range(10)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with startup.imports_uncollected():
        pass
    assert not gc.isenabled()


def test_only_a_marked_program_pauses_the_collector() -> None:
    gc.enable()
    with startup.program_imports():  # a test runner calling the command in-process
        assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    startup.mark_program()
    with startup.program_imports():
        assert not gc.isenabled()
    assert gc.isenabled()
