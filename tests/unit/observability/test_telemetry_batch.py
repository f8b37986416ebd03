"""``TelemetryBatch`` list helpers (TEL-29): from_list drops unknown kinds, to_list and size."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tinkex.telemetry import GenericEvent as TypedGenericEvent
from tinkex.types import TelemetryBatch

META = {"platform": "linux", "sdk_version": "0.38.0", "session_id": "sess-1", "process_uuid": "proc-1"}


def _start(index: int) -> dict[str, Any]:
    return {
        "event": "SESSION_START",
        "event_id": f"id-{index}",
        "event_session_index": index,
        "severity": "INFO",
        "timestamp": "2026-03-01T12:00:00Z",
    }


def test_from_list_drops_unknown_kinds_and_round_trips_through_to_list() -> None:
    # covers TEL-29
    typed = TypedGenericEvent(
        event_id="id-2",
        event_session_index=2,
        timestamp=datetime(2026, 3, 1, 13, tzinfo=UTC),
        event_name="user_error",
        event_data={"status_code": 400},
        severity="WARNING",
    )
    newer_kind = {**_start(9), "event": "GPU_MELTDOWN"}

    batch = TelemetryBatch.from_list([_start(0), newer_kind, typed, _start(1)], **META)

    assert batch.size() == 3
    assert [e["event_session_index"] for e in batch.to_list()] == [0, 2, 1]
    assert batch.to_list()[1]["event_data"] == {"status_code": 400}
    assert (batch.session_id, batch.platform, batch.process_uuid) == ("sess-1", "linux", "proc-1")
    again = TelemetryBatch.from_list(batch.to_list(), **META)
    assert again == batch
    assert TelemetryBatch.from_list(batch.events, **META) == batch  # event models are accepted too


def test_empty_batch_has_size_zero() -> None:
    # covers TEL-29
    batch = TelemetryBatch.from_list([], **META)
    assert batch.size() == 0
    assert batch.to_list() == []


def test_from_list_rejects_a_malformed_known_event() -> None:
    broken = _start(0)
    del broken["event_id"]
    with pytest.raises(ValueError, match=r"events\[0\]"):
        TelemetryBatch.from_list([broken], **META)
