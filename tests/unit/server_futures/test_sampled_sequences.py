"""The record of sampled sequences behind stable_reinforce provenance: ownership, one-day window, bound."""

from __future__ import annotations

import numpy as np
import pytest

from tinkex.server.sampled_sequences import RETENTION_S, SampledSequences
from tinkex.server.validation import ApiError

LOGPROBS = np.array([-1.0, -2.0], np.float32)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_sequence_is_usable_for_a_day_after_its_last_use() -> None:
    clock = Clock()
    record = SampledSequences(clock=clock)
    record.record("req-1:0", "owner", "sess-1", LOGPROBS)
    clock.now += RETENTION_S - 1
    np.testing.assert_array_equal(record.logprobs("req-1:0", "owner", "sess-1", "data[0]"), LOGPROBS)
    clock.now += RETENTION_S - 1  # the use above restarted the day
    record.logprobs("req-1:0", "owner", "sess-1", "data[0]")
    clock.now += RETENTION_S + 1
    with pytest.raises(ApiError) as expired:
        record.logprobs("req-1:0", "owner", "sess-1", "data[0]")
    assert expired.value.status == 400 and "data[0].sequence_id" in expired.value.detail


@pytest.mark.parametrize(("owner", "session"), [("other", "sess-1"), ("owner", "sess-2")])
def test_another_owner_or_session_cannot_name_it(owner: str, session: str) -> None:
    record = SampledSequences()
    record.record("req-1:0", "owner", "sess-1", LOGPROBS)
    with pytest.raises(ApiError):
        record.logprobs("req-1:0", owner, session, "data[0]")


def test_the_oldest_sequences_go_first_past_the_bound() -> None:
    record = SampledSequences(max_sequences=2)
    for index in range(3):
        record.record(f"req-{index}:0", None, "sess", LOGPROBS)
    with pytest.raises(ApiError):
        record.logprobs("req-0:0", None, "sess", "data[0]")
    record.logprobs("req-2:0", None, "sess", "data[0]")
