"""Client-side metrics: counters, gauges and latency histograms, fed by the telemetry bus.

Attached to a bus, a ``Metrics`` registry turns every HTTP stop event into
``tinkex_requests_total``, ``tinkex_requests_success`` / ``tinkex_requests_failure`` and a
``tinkex_request_duration_ms`` sample. Updates are synchronous under a lock, so a snapshot taken
after a call returns always includes it (no flush barrier is needed).

Histogram statistics: ``count``, ``mean``, ``min`` and ``max`` cover every sample ever recorded;
``p50`` / ``p95`` / ``p99`` cover the most recent ``max_samples`` (a bounded window keeps memory
flat in long runs). p50 is the median (mean of the two middle values for an even count); p95 and
p99 use the nearest rank, ``sorted[ceil(n * p / 100) - 1]``.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from typing import Any

from tinkex.telemetry.events import (
    HTTP_REQUEST_STOP,
    EventBus,
    EventName,
    Measurements,
    Metadata,
    default_bus,
)

REQUESTS_TOTAL = "tinkex_requests_total"
REQUESTS_SUCCESS = "tinkex_requests_success"
REQUESTS_FAILURE = "tinkex_requests_failure"
REQUEST_DURATION_MS = "tinkex_request_duration_ms"


def _median(ordered: list[float]) -> float:
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _nearest_rank(ordered: list[float], percent: float) -> float:
    return ordered[max(math.ceil(len(ordered) * percent / 100) - 1, 0)]


class _Histogram:
    def __init__(self, max_samples: int) -> None:
        self.window: deque[float] = deque(maxlen=max_samples)
        self.count = 0
        self.total = 0.0
        self.minimum = math.inf
        self.maximum = -math.inf

    def record(self, value: float) -> None:
        self.window.append(value)
        self.count += 1
        self.total += value
        self.minimum = min(self.minimum, value)
        self.maximum = max(self.maximum, value)

    def stats(self) -> dict[str, float | int | None]:
        if self.count == 0:
            return {"count": 0, "mean": None, "min": None, "max": None, "p50": None, "p95": None, "p99": None}
        ordered = sorted(self.window)
        return {
            "count": self.count,
            "mean": self.total / self.count,
            "min": self.minimum,
            "max": self.maximum,
            "p50": _median(ordered),
            "p95": _nearest_rank(ordered, 95),
            "p99": _nearest_rank(ordered, 99),
        }


class Metrics:
    """A thread-safe metrics registry."""

    def __init__(self, *, max_samples: int = 1000) -> None:
        if not isinstance(max_samples, int) or max_samples < 1:
            raise ValueError(f"max_samples must be a positive int, got {max_samples!r}")
        self._max_samples = max_samples
        self._lock = threading.Lock()
        self._counters: dict[str, float] = {}
        self._gauges: dict[str, float] = {}
        self._histograms: dict[str, _Histogram] = {}
        self._attach_lock = threading.Lock()
        self._bus: EventBus | None = None
        self._handler_id: str | None = None

    def increment(self, name: str, delta: float = 1) -> None:
        with self._lock:
            self._counters[name] = self._counters.get(name, 0) + delta

    def set_gauge(self, name: str, value: float) -> None:
        with self._lock:
            self._gauges[name] = value

    def record_histogram(self, name: str, value_ms: float) -> None:
        value = float(value_ms)
        if math.isnan(value):
            raise ValueError(f"histogram {name!r} cannot record NaN")
        with self._lock:
            histogram = self._histograms.get(name)
            if histogram is None:
                histogram = self._histograms[name] = _Histogram(self._max_samples)
            histogram.record(value)

    def snapshot(self) -> dict[str, Any]:
        """``{"counters": {...}, "gauges": {...}, "histograms": {name: {count, mean, min, max,
        p50, p95, p99}}}`` as plain, independent dicts."""
        with self._lock:
            return {
                "counters": dict(self._counters),
                "gauges": dict(self._gauges),
                "histograms": {name: h.stats() for name, h in self._histograms.items()},
            }

    def reset(self) -> None:
        with self._lock:
            self._counters.clear()
            self._gauges.clear()
            self._histograms.clear()

    def attach(self, bus: EventBus = default_bus) -> None:
        """Count HTTP stop events from ``bus``; attaching again moves the subscription."""
        with self._attach_lock:
            self._detach_locked()
            self._handler_id = bus.subscribe(HTTP_REQUEST_STOP, self._on_http_stop)
            self._bus = bus

    def detach(self) -> None:
        with self._attach_lock:
            self._detach_locked()

    def _detach_locked(self) -> None:
        if self._bus is not None and self._handler_id is not None:
            self._bus.unsubscribe(self._handler_id)
        self._bus = self._handler_id = None

    def _on_http_stop(self, _name: EventName, measurements: Measurements, metadata: Metadata) -> None:
        self.increment(REQUESTS_TOTAL)
        self.increment(REQUESTS_SUCCESS if metadata.get("result") == "ok" else REQUESTS_FAILURE)
        duration = measurements.get("duration")
        if duration is not None:
            self.record_histogram(REQUEST_DURATION_MS, float(duration) * 1000.0)


_default: Metrics | None = None
_default_lock = threading.Lock()


def get_metrics(*, max_samples: int | None = None) -> Metrics:
    """The process-wide registry, attached to the process-wide bus on first use.

    Every ``HttpClient`` built with ``metrics_enabled`` calls this, so requests are counted from
    the first client on (MET-01). ``max_samples`` sizes the percentile window when this call
    creates the registry (the first client's ``metrics_max_samples``); later values are ignored.
    """
    global _default
    with _default_lock:
        if _default is None:
            _default = Metrics() if max_samples is None else Metrics(max_samples=max_samples)
            _default.attach(default_bus)
        return _default


def increment(name: str, delta: float = 1) -> None:
    get_metrics().increment(name, delta)


def set_gauge(name: str, value: float) -> None:
    get_metrics().set_gauge(name, value)


def record_histogram(name: str, value_ms: float) -> None:
    get_metrics().record_histogram(name, value_ms)


def snapshot() -> dict[str, Any]:
    return get_metrics().snapshot()


def reset() -> None:
    get_metrics().reset()
