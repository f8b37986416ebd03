"""Iterate every page of a ``RestClient`` listing (features REST-13, REST-07; CLI ``--limit 0``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..futures import APIFuture
from ..types import CheckpointsListResponse, TrainingRun, TrainingRunsResponse


class RestPagination:
    if TYPE_CHECKING:  # provided by RestClient

        def list_training_runs(
            self, limit: int = 20, offset: int = 0, access_scope: str = "owned", project_id: str | None = None
        ) -> APIFuture[TrainingRunsResponse]: ...

        def list_user_checkpoints(
            self, limit: int = 100, offset: int = 0
        ) -> APIFuture[CheckpointsListResponse]: ...

    def iter_training_runs(self, page_size: int = 100) -> Iterator[TrainingRun]:
        offset = 0
        while True:
            page = self.list_training_runs(limit=page_size, offset=offset).result()
            yield from page.training_runs
            offset += len(page.training_runs)
            if not page.training_runs or offset >= page.cursor.total_count:
                return

    def iter_user_checkpoints(self, page_size: int = 100) -> Iterator[Any]:
        offset = 0
        while True:
            page = self.list_user_checkpoints(limit=page_size, offset=offset).result()
            yield from page.checkpoints
            offset += len(page.checkpoints)
            total = page.cursor.total_count if page.cursor is not None else offset
            if not page.checkpoints or offset >= total:
                return
