"""The server's own record of every queued request: what ran, for whom, when, and how many tokens.

Session trace exports, billing usage and the audit log are all built from this record, so each
shows what this server actually did rather than an estimate. It lives in memory like sessions and
futures, bounded: past ``max_entries`` the oldest requests are forgotten first.

Entries are created and finished on the event loop; the worker thread only stamps ``started_at``.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from tinkex.server.futures import ForwardPayload, SamplePayload

DEFAULT_MAX_ENTRIES = 100_000
# Requests that write or read a checkpoint: the audit log's "checkpoints" events.
CHECKPOINT_REQUESTS = frozenset({"save_weights", "save_weights_for_sampler", "load_weights", "copy_weights"})


@dataclass
class Activity:
    request_id: str
    request_type: str
    owner: str | None
    session_id: str | None
    model_id: str | None
    base_model: str | None
    submitted_at: float  # unix seconds
    tokens: int = 0  # training: tokens of every datum; sampling: the prompt's (prefill)
    started_at: float | None = None
    finished_at: float | None = None
    failed: bool = False
    sampled_tokens: int = 0
    tinker_path: str | None = None  # the checkpoint a save, load or copy wrote or read


def _result_facts(result: Any) -> tuple[int, int, str | None]:
    """(training tokens, sampled tokens, checkpoint path) a finished job's result shows."""
    if isinstance(result, ForwardPayload):
        return sum(int(out["logprobs"].size) for out in result.result.outputs), 0, None
    if isinstance(result, SamplePayload):
        return 0, sum(int(seq.tokens.size) for seq in result.result.sequences), None
    if isinstance(result, dict) and isinstance(result.get("path"), str):
        return 0, 0, result["path"]
    return 0, 0, None


class ActivityLog:
    def __init__(
        self, *, clock: Callable[[], float] = time.time, max_entries: int = DEFAULT_MAX_ENTRIES
    ) -> None:
        self.clock = clock
        self._entries: deque[Activity] = deque(maxlen=max_entries)

    def begin(
        self,
        request_id: str,
        request_type: str,
        *,
        owner: str | None,
        session_id: str | None,
        model_id: str | None,
        base_model: str | None,
        tokens: int = 0,
    ) -> Activity:
        activity = Activity(
            request_id=request_id,
            request_type=request_type,
            owner=owner,
            session_id=session_id,
            model_id=model_id,
            base_model=base_model,
            submitted_at=self.clock(),
            tokens=tokens,
        )
        self._entries.append(activity)
        return activity

    def start(self, activity: Activity) -> None:
        activity.started_at = self.clock()

    def finish(self, activity: Activity, result: Any, *, failed: bool) -> None:
        activity.finished_at = self.clock()
        activity.failed = failed
        if failed:
            return
        tokens, sampled, path = _result_facts(result)
        activity.tokens = activity.tokens or tokens
        activity.sampled_tokens = sampled
        activity.tinker_path = activity.tinker_path or path

    def record(self, request_id: str, request_type: str, *, owner: str | None, tinker_path: str) -> None:
        """A request answered directly (no queued job), e.g. copy_weights: begun and done at once."""
        activity = self.begin(
            request_id, request_type, owner=owner, session_id=None, model_id=None, base_model=None
        )
        activity.started_at = activity.finished_at = activity.submitted_at
        activity.tinker_path = tinker_path

    def __iter__(self) -> Iterator[Activity]:
        return iter(list(self._entries))

    def of_session(self, session_id: str) -> list[Activity]:
        return [a for a in self if a.session_id == session_id]

    def of_owner(self, owner: str | None) -> list[Activity]:
        """Everything ``owner`` asked for (None = auth off: the one user sees everything)."""
        return [a for a in self if owner is None or a.owner == owner]
