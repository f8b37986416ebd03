"""When the server unloads a session's models: idle past the timeout (at once, as expired) or
finished, after the grace period; each session once; sessions are invisible to other owners."""

from __future__ import annotations

import pytest

from tinkex.server.sessions import EXPIRED, SessionRegistry
from tinkex.server.validation import ApiError


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_finished_and_idle_sessions_are_released_once() -> None:
    clock = Clock()
    sessions = SessionRegistry("boot", clock=clock)
    finished, idle, busy = (sessions.create([], {}, None, None).session_id for _ in range(3))
    sessions.finish(finished, None, "success", None)
    clock.now += 10
    sessions.heartbeat(busy, None)
    assert sessions.due_for_release(idle_timeout_s=60, grace_s=15) == []  # inside the grace period
    clock.now += 10
    assert sessions.due_for_release(idle_timeout_s=60, grace_s=15) == [finished]
    clock.now += 50
    sessions.touch(busy)  # a request for one of its models counts as activity
    assert sessions.due_for_release(idle_timeout_s=60, grace_s=15) == [idle]
    with pytest.raises(ApiError) as gone:
        sessions.heartbeat(idle, None)
    assert gone.value.status == 410 and EXPIRED in gone.value.detail
    clock.now += 1000
    assert sessions.due_for_release(idle_timeout_s=60, grace_s=15) == [busy]
    assert sessions.due_for_release(idle_timeout_s=60, grace_s=15) == []


def test_sessions_of_another_owner_do_not_exist() -> None:
    sessions = SessionRegistry("boot")
    mine = sessions.create([], {}, None, None, owner="key-a").session_id
    with pytest.raises(ApiError) as caught:
        sessions.get(mine, "key-b")
    assert caught.value.status == 404
    assert sessions.list_ids("key-b", 10, 0) == [] and sessions.list_ids("key-a", 10, 0) == [mine]
