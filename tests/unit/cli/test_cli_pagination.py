"""Offset paging for list commands (features CLI-14)."""

from __future__ import annotations

from collections.abc import Sequence

from tinkex.cli.pagination import paginate


class FakeServer:
    """Serves ``count`` items; ``report_total=False`` mimics a server without a cursor total."""

    def __init__(self, count: int, *, report_total: bool = True) -> None:
        self.items = list(range(count))
        self.report_total = report_total
        self.calls: list[tuple[int, int]] = []

    def fetch(self, limit: int, offset: int) -> tuple[Sequence[int], int | None]:
        self.calls.append((limit, offset))
        return self.items[offset : offset + limit], len(self.items) if self.report_total else None


def test_default_limit_takes_one_request() -> None:  # covers CLI-14
    server = FakeServer(50)
    page = paginate(server.fetch, limit=20, offset=0, page_size=1000)
    assert page.items == list(range(20))
    assert (page.shown, page.total) == (20, 50)
    assert server.calls == [(20, 0)]


def test_limit_zero_fetches_everything_in_pages() -> None:  # covers CLI-14
    server = FakeServer(250)
    progress: list[tuple[int, int | None]] = []
    page = paginate(
        server.fetch, limit=0, offset=0, page_size=100, progress=lambda n, t: progress.append((n, t))
    )
    assert page.items == list(range(250))
    assert page.total == 250
    assert server.calls == [(100, 0), (100, 100), (50, 200)]
    assert progress == [(100, 250), (200, 250), (250, 250)]


def test_offset_and_target_from_total() -> None:  # covers CLI-14
    server = FakeServer(30)
    page = paginate(server.fetch, limit=20, offset=25, page_size=1000)
    assert page.items == [25, 26, 27, 28, 29]
    assert page.total == 30


def test_limit_larger_than_page_size_spans_pages() -> None:  # covers CLI-14
    server = FakeServer(500)
    page = paginate(server.fetch, limit=250, offset=10, page_size=100)
    assert page.items == list(range(10, 260))
    assert server.calls == [(100, 10), (100, 110), (50, 210)]


def test_negative_values_clamp_to_zero() -> None:  # covers CLI-14
    server = FakeServer(5)
    page = paginate(server.fetch, limit=-3, offset=-7, page_size=2)
    assert page.items == [0, 1, 2, 3, 4]
    assert server.calls[0] == (2, 0)


def test_unknown_total_stops_on_short_page() -> None:  # covers CLI-14
    server = FakeServer(7, report_total=False)
    page = paginate(server.fetch, limit=0, offset=0, page_size=3)
    assert page.items == list(range(7))
    assert server.calls == [(3, 0), (3, 3), (3, 6)]
    assert page.total == 7


def test_offset_past_the_end_is_empty() -> None:  # covers CLI-14
    server = FakeServer(3)
    page = paginate(server.fetch, limit=0, offset=10, page_size=100)
    assert page.items == []
    assert page.total == 3
