"""Sampled sequences recorded for StableReinforce (``record_stability_info``) and datum provenance.

A sampling request with ``record_stability_info`` keeps each returned sequence's token logprobs
under its ``sequence_id`` (``<request_id>:<index>``, the ids asample hands out). A stable_reinforce
datum without a ``logprobs`` input then names its sampled tokens by provenance spans instead, and
the server fills in the sampler's logprobs from this record, as the service does. As there,
recorded sequences belong to the session that sampled them and can be trained on for one day after
sampling; each use restarts that day. At most ``max_sequences`` are kept (the oldest go first).

Records are written on the event loop and read from the thread that decodes training requests,
hence the lock.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tinkex._wire.wire_types import WireDatum, WireTensor
from tinkex.server.futures import SamplePayload, ServerFuture
from tinkex.server.validation import ApiError

RETENTION_S = 24 * 3600.0
DEFAULT_MAX_SEQUENCES = 100_000


@dataclass
class _Recorded:
    owner: str | None
    session_id: str | None
    logprobs: np.ndarray  # float32, one per sampled token
    used_at: float


class SampledSequences:
    def __init__(
        self, *, max_sequences: int = DEFAULT_MAX_SEQUENCES, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._max = max_sequences
        self._clock = clock
        self._lock = threading.Lock()
        self._records: OrderedDict[str, _Recorded] = OrderedDict()
        self._tasks: set[asyncio.Task[None]] = set()

    def watch(self, future: ServerFuture, owner: str | None, session_id: str | None) -> None:
        """Record the sequences of a sampling future once it has finished (event loop)."""
        task = asyncio.get_running_loop().create_task(self._record_when_done(future, owner, session_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _record_when_done(
        self, future: ServerFuture, owner: str | None, session_id: str | None
    ) -> None:
        await future.done.wait()
        if isinstance(future.result, SamplePayload):
            for index, sequence in enumerate(future.result.result.sequences):
                logprobs = np.asarray(sequence.logprobs, np.float32)
                self.record(f"{future.request_id}:{index}", owner, session_id, logprobs)

    def record(
        self, sequence_id: str, owner: str | None, session_id: str | None, logprobs: np.ndarray
    ) -> None:
        with self._lock:
            self._records[sequence_id] = _Recorded(owner, session_id, logprobs, self._clock())
            self._records.move_to_end(sequence_id)
            while len(self._records) > self._max:
                self._records.popitem(last=False)

    def logprobs(self, sequence_id: str, owner: str | None, session_id: str, where: str) -> np.ndarray:
        """The recorded logprobs of a sequence this session sampled (400 otherwise); restarts its day."""
        now = self._clock()
        with self._lock:
            found = self._records.get(sequence_id)
            if found is not None and now - found.used_at > RETENTION_S:
                del self._records[sequence_id]
                found = None
            if found is None or found.owner != owner or found.session_id != session_id:
                raise ApiError(
                    400,
                    f"{where}.sequence_id: {sequence_id!r} is not a sequence this session sampled with "
                    "record_stability_info=True in the last day",
                )
            found.used_at = now
            return found.logprobs

    def close(self) -> None:
        for task in self._tasks:
            task.cancel()

    def fill_from_provenance(
        self, datums: list[WireDatum], owner: str | None, session_id: str
    ) -> list[WireDatum]:
        """stable_reinforce datums without ``logprobs``: take them from the sequences their spans name.

        ``loss_fn_input_spans`` tile ``target_tokens``: a ``sampled_tokens`` span takes the recorded
        logprobs ``[offset, offset + length)`` of its sequence, a ``prompt_tokens`` span has none
        (0). ``sequence_ratio_mask`` (where the KL penalty applies) marks the sampled positions,
        unless the datum gives its own.
        """
        filled = []
        for index, datum in enumerate(datums):
            if "logprobs" in datum.inputs or not datum.loss_fn_input_spans:
                filled.append(datum)
                continue
            where = f"data[{index}].loss_fn_input_spans"
            logprobs: list[np.ndarray] = []
            sampled: list[np.ndarray] = []
            for number, span in enumerate(datum.loss_fn_input_spans):
                if span.kind == "prompt_tokens":
                    logprobs.append(np.zeros(span.length, np.float32))
                    sampled.append(np.zeros(span.length, np.float32))
                    continue
                recorded = self.logprobs(span.sequence_id, owner, session_id, f"{where}[{number}]")
                if span.offset + span.length > recorded.size:
                    raise ApiError(
                        400,
                        f"{where}[{number}]: offset {span.offset} + length {span.length} runs past the "
                        f"{recorded.size} sampled tokens of {span.sequence_id!r}",
                    )
                logprobs.append(recorded[span.offset : span.offset + span.length])
                sampled.append(np.ones(span.length, np.float32))
            q, mask = np.concatenate(logprobs), np.concatenate(sampled)
            targets = datum.inputs.get("target_tokens")
            if targets is not None and targets.shape[:1] != (q.size,):
                raise ApiError(
                    400, f"{where}: the spans cover {q.size} positions; target_tokens has {targets.shape[:1]}"
                )
            inputs = dict(datum.inputs)
            inputs["logprobs"] = WireTensor(q, "float32", (q.size,))
            inputs.setdefault("sequence_ratio_mask", WireTensor(mask, "float32", (mask.size,)))
            filled.append(dataclasses.replace(datum, inputs=inputs))
        return filled
