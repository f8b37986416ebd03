"""Metrics registry: counters, gauges, latency histograms and the bus wiring."""

from __future__ import annotations

import threading

import pytest

from tinkex.metrics import (
    REQUEST_DURATION_MS,
    REQUESTS_FAILURE,
    REQUESTS_SUCCESS,
    REQUESTS_TOTAL,
    Metrics,
)
from tinkex.telemetry.events import HTTP_REQUEST_START, HTTP_REQUEST_STOP, EventBus


def test_percentiles_on_known_samples() -> None:
    # covers MET-03
    metrics = Metrics()
    for value in range(1, 101):  # 1..100, recorded in reverse to prove sorting
        metrics.record_histogram("latency", float(101 - value))

    stats = metrics.snapshot()["histograms"]["latency"]

    assert stats == {
        "count": 100,
        "mean": 50.5,
        "min": 1.0,
        "max": 100.0,
        "p50": 50.5,  # even count: mean of the two middle values
        "p95": 95.0,  # nearest rank: sorted[ceil(100 * 0.95) - 1]
        "p99": 99.0,
    }


def test_odd_count_median_and_nearest_rank_rounding_up() -> None:
    # covers MET-03
    metrics = Metrics()
    for value in [10.0, 40.0, 20.0, 30.0, 50.0]:
        metrics.record_histogram("h", value)

    stats = metrics.snapshot()["histograms"]["h"]

    assert stats["p50"] == 30.0
    assert stats["p95"] == 50.0  # ceil(5 * 0.95) = 5 -> the 5th value
    assert stats["p99"] == 50.0


def test_percentiles_use_only_the_recent_window_but_count_everything() -> None:
    # covers MET-04
    metrics = Metrics(max_samples=4)
    for value in [1000.0, 1.0, 2.0, 3.0, 4.0]:
        metrics.record_histogram("h", value)

    stats = metrics.snapshot()["histograms"]["h"]

    assert stats["count"] == 5
    assert stats["max"] == 1000.0
    assert stats["mean"] == pytest.approx(1010.0 / 5)
    assert stats["p50"] == 2.5  # window is [1, 2, 3, 4]
    assert stats["p99"] == 4.0


def test_default_window_is_1000_samples() -> None:
    # covers MET-04
    metrics = Metrics()
    for value in range(1500):
        metrics.record_histogram("h", float(value))
    stats = metrics.snapshot()["histograms"]["h"]
    # the window holds 500..1499
    assert stats["p50"] == 999.5
    assert stats["p99"] == 500 + 989.0  # sorted[ceil(1000 * 0.99) - 1]
    assert stats["min"] == 0.0


def test_counters_and_gauges() -> None:
    # covers MET-02
    metrics = Metrics()
    metrics.increment("jobs")
    metrics.increment("jobs", 4)
    metrics.set_gauge("in_flight", 3)
    metrics.set_gauge("in_flight", 1)

    snap = metrics.snapshot()

    assert snap["counters"] == {"jobs": 5}
    assert snap["gauges"] == {"in_flight": 1}
    assert snap["histograms"] == {}


def test_http_stop_events_feed_counters_and_the_duration_histogram() -> None:
    # covers MET-01
    bus = EventBus()
    metrics = Metrics()
    metrics.attach(bus)

    bus.emit(HTTP_REQUEST_STOP, {"duration": 0.010}, {"result": "ok"})
    bus.emit(HTTP_REQUEST_STOP, {"duration": 0.030}, {"result": "ok"})
    bus.emit(HTTP_REQUEST_STOP, {"duration": 0.020}, {"result": "error"})
    bus.emit(HTTP_REQUEST_START, {"system_time": 1.0}, {})  # not counted

    snap = metrics.snapshot()
    assert snap["counters"] == {REQUESTS_TOTAL: 3, REQUESTS_SUCCESS: 2, REQUESTS_FAILURE: 1}
    histogram = snap["histograms"][REQUEST_DURATION_MS]
    assert histogram["count"] == 3
    assert histogram["p50"] == pytest.approx(20.0)
    assert histogram["max"] == pytest.approx(30.0)

    metrics.detach()
    bus.emit(HTTP_REQUEST_STOP, {"duration": 0.010}, {"result": "ok"})
    assert metrics.snapshot()["counters"][REQUESTS_TOTAL] == 3
    assert bus.handler_ids() == []


def test_reattaching_moves_the_subscription() -> None:
    first, second = EventBus(), EventBus()
    metrics = Metrics()
    metrics.attach(first)
    metrics.attach(second)

    first.emit(HTTP_REQUEST_STOP, {"duration": 0.1}, {"result": "ok"})
    second.emit(HTTP_REQUEST_STOP, {"duration": 0.1}, {"result": "ok"})

    assert metrics.snapshot()["counters"][REQUESTS_TOTAL] == 1
    assert first.handler_ids() == []


def test_empty_histogram_stats_and_reset() -> None:
    # covers MET-03, MET-05
    metrics = Metrics()
    metrics.increment("c")
    metrics.set_gauge("g", 2)
    metrics.record_histogram("h", 5.0)

    metrics.reset()

    assert metrics.snapshot() == {"counters": {}, "gauges": {}, "histograms": {}}
    metrics.record_histogram("h", 7.0)
    assert metrics.snapshot()["histograms"]["h"]["count"] == 1


def test_snapshot_is_independent_of_later_updates() -> None:
    metrics = Metrics()
    metrics.increment("c")
    snap = metrics.snapshot()
    metrics.increment("c")
    assert snap["counters"] == {"c": 1}


def test_concurrent_updates_are_not_lost() -> None:
    metrics = Metrics()

    def work() -> None:
        for _ in range(1000):
            metrics.increment("c")
            metrics.record_histogram("h", 1.0)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    snap = metrics.snapshot()
    assert snap["counters"]["c"] == 4000
    assert snap["histograms"]["h"]["count"] == 4000


def test_invalid_inputs_are_rejected() -> None:
    with pytest.raises(ValueError, match="max_samples"):
        Metrics(max_samples=0)
    with pytest.raises(ValueError, match="NaN"):
        Metrics().record_histogram("h", float("nan"))


def test_process_wide_registry_is_shared_and_fed_by_the_default_bus() -> None:
    # covers MET-01, MET-02
    from tinkex import metrics as metrics_module
    from tinkex.telemetry.events import default_bus

    registry = metrics_module.get_metrics()
    assert metrics_module.get_metrics() is registry
    metrics_module.reset()
    try:
        default_bus.emit(HTTP_REQUEST_STOP, {"duration": 0.002}, {"result": "ok"})
        metrics_module.increment("custom", 2)
        metrics_module.set_gauge("g", 5)
        metrics_module.record_histogram("h", 3.0)

        snap = metrics_module.snapshot()
        assert snap["counters"] == {REQUESTS_TOTAL: 1, REQUESTS_SUCCESS: 1, "custom": 2}
        assert snap["gauges"] == {"g": 5}
        assert snap["histograms"][REQUEST_DURATION_MS]["max"] == pytest.approx(2.0)
        assert snap["histograms"]["h"]["count"] == 1
    finally:
        metrics_module.reset()
