"""Offset paging for list commands (features CLI-14, §5.7).

``limit`` 0 means "everything" (the commands reject negative values before they get here). Once the server
reports a total, the target is ``min(limit, total - offset)``; without one, an unbounded
fetch stops at the first short page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# fetch(limit, offset) -> (items, server total or None)
PageFetcher = Callable[[int, int], tuple[Sequence[T], int | None]]
ProgressFn = Callable[[int, int | None], None]


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int

    @property
    def shown(self) -> int:
        return len(self.items)


def paginate(
    fetch: PageFetcher[T],
    *,
    limit: int,
    offset: int,
    page_size: int,
    progress: ProgressFn | None = None,
) -> Page[T]:
    limit = max(limit, 0)
    offset = max(offset, 0)
    target: int | None = limit or None
    collected: list[T] = []
    total: int | None = None
    while target is None or len(collected) < target:
        wanted = page_size if target is None else min(page_size, target - len(collected))
        items, reported = fetch(wanted, offset + len(collected))
        if reported is not None:
            total = reported
            remaining = max(reported - offset, 0)
            target = min(limit, remaining) if limit else remaining
        collected.extend(items)
        if progress is not None:
            progress(min(len(collected), target) if target is not None else len(collected), target)
        if not items or (reported is None and len(items) < wanted):
            break
    shown = collected if target is None else collected[:target]
    return Page(items=shown, total=total if total is not None else offset + len(shown))
