"""Iterate every page of a ``RestClient`` listing (features REST-13, REST-07; CLI ``--limit 0``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..types import TrainingRun
from .rest_checkpoints import RestCheckpoints
from .rest_runs import RestRuns


class RestPagination:
    def __init__(self, runs: RestRuns, checkpoints: RestCheckpoints) -> None:
        self._runs = runs
        self._checkpoints = checkpoints

    def iter_training_runs(self, page_size: int) -> Iterator[TrainingRun]:
        offset = 0
        while True:
            page = self._runs.list_training_runs(page_size, offset, "owned", None).result()
            yield from page.training_runs
            offset += len(page.training_runs)
            if not page.training_runs or offset >= page.cursor.total_count:
                return

    def iter_user_checkpoints(self, page_size: int) -> Iterator[Any]:
        offset = 0
        while True:
            page = self._checkpoints.list_user_checkpoints(page_size, offset).result()
            yield from page.checkpoints
            offset += len(page.checkpoints)
            total = page.cursor.total_count if page.cursor is not None else offset
            if not page.checkpoints or offset >= total:
                return
