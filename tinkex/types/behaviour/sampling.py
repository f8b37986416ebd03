"""Behaviour of the sampling results (protocol §5.8, TYP-30..32): numpy views and top-k forms.

Like the official 0.38 SDK's, a sampled sequence answers both as Python lists (``tokens``,
``logprobs``, ``topk_logprobs``) and as numpy arrays (``tokens_np``, ``logprobs_np``,
``topk_logprobs_np``). Tokens and logprobs are array fields (``NumericArray``): decoded from
protobuf they stay the arrays they arrived as. Top-k entries are (token_id, logprob) pairs per
position; ``TopkLogprobs`` is the official dense form, padded with (0, -99999.0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Self

from .field_scalars import invalid

if TYPE_CHECKING:
    import numpy.typing as npt
    from tinker_openapi.models.topk_logprobs import TopkLogprobs

    from .arrays import NumericArray

__all__ = ["MASK_LOGPROB", "SampleResponseBehaviour", "SampledSequenceBehaviour", "TopkLogprobsBehaviour"]

TopkList = list[list[tuple[int, float]] | None]
MASK_LOGPROB = -99999.0


def topk_pairs(rows: Sequence[Any] | None) -> TopkList | None:
    """JSON top-k rows (``[[id, lp], ...]`` or ``null`` per position) as lists of tuples."""
    if rows is None:
        return None
    return [None if row is None else [(int(e[0]), float(e[1])) for e in row] for row in rows]


def normalize_topk(rows: Any, where: str) -> Any:
    """The seed's lenient top-k input (TYP-32): ``{"token_id", "logprob"}`` entries become
    ``[id, logprob]`` pairs; an entry that is neither raises, naming the field."""
    if not isinstance(rows, list):
        return rows
    out: list[Any] = []
    for i, row in enumerate(rows):
        if not isinstance(row, list):
            out.append(row)
            continue
        pairs = []
        for entry in row:
            if isinstance(entry, Mapping) and "token_id" in entry and "logprob" in entry:
                pairs.append([entry["token_id"], entry["logprob"]])
            elif isinstance(entry, (list, tuple)) and len(entry) == 2:
                pairs.append(list(entry))
            else:
                raise invalid((where, i), "topk_entry", f"malformed top-k entry {entry!r}", entry)
        out.append(pairs)
    return out


def _dense(rows: TopkList) -> TopkLogprobs:
    import numpy as np
    from tinker_openapi.models.topk_logprobs import TopkLogprobs

    width = max((len(r) for r in rows if r), default=0)
    ids = np.zeros((len(rows), width), dtype=np.int32)
    lps = np.full((len(rows), width), MASK_LOGPROB, dtype=np.float32)
    for i, row in enumerate(rows):
        for j, (tid, lp) in enumerate(row or ()):
            ids[i, j], lps[i, j] = tid, lp
    return TopkLogprobs(token_ids=ids, logprobs=lps)


def _topk_rows(src_dict: Mapping[str, Any], key: str, title: str) -> Mapping[str, Any]:
    """``src_dict`` with its top-k field in the official list-of-pairs form (any accepted form in)."""
    if not isinstance(src_dict, Mapping) or key not in src_dict:
        return src_dict
    try:
        rows = normalize_topk(src_dict[key], key)
    except Exception as exc:
        raise exc.with_prefix(title, ()) from None  # type: ignore[attr-defined]
    return {**src_dict, key: rows}


class TopkLogprobsBehaviour:
    """Dense top-k matrices ``(length, k)``: int32 ids and float32 logprobs, padded with (0, -99999.0)."""

    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        token_ids: npt.NDArray[Any]
        logprobs: npt.NDArray[Any]

    def to_lists(self) -> TopkList:
        """Per position, the ``(token_id, logprob)`` pairs without trailing padding; None for an empty row."""
        ids_array, lps_array = self.token_ids, self.logprobs
        if ids_array.size == 0:
            return [None] * (ids_array.shape[0] if ids_array.ndim else 0)
        out: TopkList = []
        for row_ids, row_lps in zip(ids_array.tolist(), lps_array.tolist(), strict=True):
            end = len(row_ids)
            while end and row_ids[end - 1] == 0 and row_lps[end - 1] == MASK_LOGPROB:
                end -= 1
            out.append(list(zip(row_ids[:end], row_lps[:end], strict=True)) if end else None)
        return out

    @classmethod
    def from_lists(cls, rows: TopkList) -> Self:
        return _dense(rows)  # type: ignore[return-value]


class SampledSequenceBehaviour:
    """One generated sequence; ``sequence_id`` is None when a JSON reply did not carry one."""

    __slots__ = ()
    _tokens: NumericArray
    _logprobs: NumericArray | None
    topk_logprobs: Any

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        return super().from_dict(_topk_rows(src_dict, "topk_logprobs", "SampledSequence"))  # type: ignore[misc]

    @property
    def tokens_np(self) -> npt.NDArray[Any]:
        return self._tokens.numpy()

    @property
    def logprobs_np(self) -> npt.NDArray[Any] | None:
        return None if self._logprobs is None else self._logprobs.numpy()

    @property
    def topk_logprobs_np(self) -> TopkLogprobs | None:
        pairs = topk_pairs(self.topk_logprobs)
        return None if pairs is None else _dense(pairs)


class SampleResponseBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        prompt_logprobs: list[float | None] | None
        topk_prompt_logprobs: Any

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        return super().from_dict(_topk_rows(src_dict, "topk_prompt_logprobs", "SampleResponse"))  # type: ignore[misc]

    @property
    def prompt_logprobs_np(self) -> npt.NDArray[Any] | None:
        """The prompt logprobs as float32, NaN where the server computed none."""
        values = self.prompt_logprobs
        if values is None:
            return None
        import numpy as np

        return np.array([np.nan if v is None else v for v in values], dtype=np.float32)

    @property
    def topk_prompt_logprobs_np(self) -> TopkLogprobs | None:
        pairs = topk_pairs(self.topk_prompt_logprobs)
        return None if pairs is None else _dense(pairs)
