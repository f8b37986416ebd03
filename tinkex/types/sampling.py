"""Sampling types: parameters, the request, and the response (protocol §5.7/5.8, TYP-30..32).

Like the official 0.38 SDK, ``SampledSequence`` and ``SampleResponse`` hold numpy arrays
(``tokens_np``, ``logprobs_np``, ``prompt_logprobs_np``, top-k matrices) when decoded from
protobuf, and build the Python-list views (``tokens``, ``logprobs``, ``prompt_logprobs``,
``topk_*``) on first access. ``from_dict`` accepts the JSON shapes, which arrive as lists.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Literal

import attrs
import numpy as np
import numpy.typing as npt

from . import _validate as v
from ._base import WireModel
from ._errors import TinkexValidationError
from .model_input import ModelInput
from .tensor_data import TensorData

__all__ = [
    "PromptAltTokens",
    "SampleRequest",
    "SampleResponse",
    "SampledSequence",
    "SamplingClientKind",
    "SamplingParams",
    "StopReason",
    "TopkLogprobs",
]

StopReason = Literal["length", "stop"]
SamplingClientKind = Literal["snapshot", "inflight"]

TopkList = list[list[tuple[int, float]] | None]

# Padding used by the dense top-k matrices: a cell (0, MASK_LOGPROB) is "no entry".
MASK_LOGPROB = -99999.0


def _check_stop(value: Any) -> str | list[str] | list[int] | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Sequence):
        items = list(value)
        if all(isinstance(s, str) for s in items):
            return items
        if all(isinstance(s, int) and not isinstance(s, bool) for s in items):
            return items
    raise TinkexValidationError(
        f"SamplingParams.stop must be a string, a list of strings or a list of token ids, got {value!r}",
        field="stop",
    )


def _check_top_k(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or (value != -1 and not 1 <= value <= v.INT64_MAX)
    ):
        raise TinkexValidationError(
            f"SamplingParams.top_k must be -1 (no limit) or an int >= 1, got {value!r}", field="top_k"
        )


@attrs.define(frozen=True, kw_only=True)
class SamplingParams(WireModel):
    """``stop=None`` keeps EOS stopping; ``stop=[]`` disables every stop, EOS included."""

    max_tokens: int | None = attrs.field(
        default=None, validator=v.number(ge=1, le=v.INT64_MAX, integer=True, optional=True)
    )
    seed: int | None = attrs.field(
        default=None, validator=v.number(ge=v.INT64_MIN, le=v.INT64_MAX, integer=True, optional=True)
    )
    stop: str | list[str] | list[int] | None = attrs.field(default=None, converter=_check_stop)
    temperature: float = attrs.field(default=1.0, converter=v.to_float, validator=v.number(ge=0))
    top_k: int = attrs.field(default=-1, validator=_check_top_k)
    top_p: float = attrs.field(default=1.0, converter=v.to_float, validator=v.number(gt=0, le=1))


@attrs.define(frozen=True, kw_only=True)
class SampleRequest(WireModel):
    _strict: ClassVar[bool] = True

    num_samples: int = attrs.field(default=1, validator=v.number(ge=1, integer=True))
    prompt: ModelInput
    sampling_params: SamplingParams
    base_model: str | None = None
    model_path: str | None = None
    sampling_session_id: str | None = None
    seq_id: int | None = None
    prompt_logprobs: bool | None = None
    topk_prompt_logprobs: int = attrs.field(default=0, validator=v.number(ge=0, integer=True))
    topk_sample_logprobs: int = attrs.field(default=0, validator=v.number(ge=0, integer=True))
    target_prompt_logprobs: TensorData | None = None
    prompt_alt_tokens_k: int = attrs.field(default=0, validator=v.number(ge=0, integer=True))
    prompt_logprobs_last_n: int | None = attrs.field(
        default=None, validator=v.number(ge=1, integer=True, optional=True)
    )
    record_stability_info: bool | None = None
    type: Literal["sample"] = "sample"


@attrs.define(frozen=True, slots=True)
class TopkLogprobs:
    """Dense top-k matrices ``(length, k)``: int32 ids and float32 logprobs, padded with (0, -99999.0)."""

    token_ids: npt.NDArray[Any]
    logprobs: npt.NDArray[Any]

    def to_lists(self) -> TopkList:
        """Per position, the ``(token_id, logprob)`` pairs without trailing padding; None for an empty row."""
        if self.token_ids.size == 0:
            return []
        ids = self.token_ids.tolist()
        lps = self.logprobs.tolist()
        out: TopkList = []
        for row_ids, row_lps in zip(ids, lps, strict=True):
            end = len(row_ids)
            while end and row_ids[end - 1] == 0 and row_lps[end - 1] == MASK_LOGPROB:
                end -= 1
            out.append(list(zip(row_ids[:end], row_lps[:end], strict=True)) if end else None)
        return out


def parse_topk(value: Any, where: str) -> TopkList | None:
    """JSON top-k (``[[id, lp], ...]`` or ``{"token_id", "logprob"}`` maps per position) to tuples."""
    if value is None:
        return None
    out: TopkList = []
    for i, position in enumerate(value):
        if position is None:
            out.append(None)
            continue
        pairs: list[tuple[int, float]] = []
        for entry in position:
            if isinstance(entry, Mapping) and "token_id" in entry and "logprob" in entry:
                pairs.append((int(entry["token_id"]), float(entry["logprob"])))
            elif isinstance(entry, (list, tuple)) and len(entry) == 2:
                pairs.append((int(entry[0]), float(entry[1])))
            else:
                raise TinkexValidationError(f"{where}[{i}]: malformed top-k entry {entry!r}", field=where)
        out.append(pairs)
    return out


def _dump_topk(value: TopkList | None) -> list[Any] | None:
    if value is None:
        return None
    return [None if row is None else [[tid, lp] for tid, lp in row] for row in value]


def _cache(obj: Any, slot: str, compute: Any) -> Any:
    cached = getattr(obj, slot)
    if cached is None:
        cached = compute()
        object.__setattr__(obj, slot, cached)
    return cached


def _private(**kwargs: Any) -> Any:
    return attrs.field(default=None, repr=False, eq=False, metadata={"wire": False}, **kwargs)


@attrs.define(frozen=True)
class SampledSequence(WireModel):
    """One generated sequence. ``sequence_id`` is None when a JSON reply did not carry one."""

    stop_reason: StopReason
    sequence_id: str | None
    tokens_np: npt.NDArray[Any] | None = _private()  # noqa: RUF009
    logprobs_np: npt.NDArray[Any] | None = _private()  # noqa: RUF009
    topk_logprobs_np: TopkLogprobs | None = _private()  # noqa: RUF009
    _tokens_list: list[int] | None = _private(alias="_tokens_list")  # noqa: RUF009
    _logprobs_list: list[float] | None = _private(alias="_logprobs_list")  # noqa: RUF009
    _topk_logprobs_list: TopkList | None = _private(alias="_topk_logprobs_list")  # noqa: RUF009
    _cached_tokens: list[int] | None = _private(init=False)  # noqa: RUF009
    _cached_logprobs: list[float] | None = _private(init=False)  # noqa: RUF009
    _cached_topk: TopkList | None = _private(init=False)  # noqa: RUF009

    @property
    def tokens(self) -> list[int]:
        if self._tokens_list is not None:
            return self._tokens_list
        if self.tokens_np is None:
            return []
        return _cache(self, "_cached_tokens", self.tokens_np.tolist)

    @property
    def logprobs(self) -> list[float] | None:
        if self._logprobs_list is not None:
            return self._logprobs_list
        if self.logprobs_np is None:
            return None
        return _cache(self, "_cached_logprobs", self.logprobs_np.tolist)

    @property
    def topk_logprobs(self) -> TopkList | None:
        if self._topk_logprobs_list is not None:
            return self._topk_logprobs_list
        if self.topk_logprobs_np is None:
            return None
        return _cache(self, "_cached_topk", self.topk_logprobs_np.to_lists)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SampledSequence:
        if data.get("stop_reason") not in ("length", "stop"):
            raise TinkexValidationError(
                f"SampledSequence.stop_reason must be 'length' or 'stop', got {data.get('stop_reason')!r}",
                field="stop_reason",
            )
        # The list-backed fields have private (underscore) names, as in the official SDK.
        private: dict[str, Any] = {
            "_tokens_list": [int(t) for t in data.get("tokens") or []],
            "_logprobs_list": None if data.get("logprobs") is None else [float(x) for x in data["logprobs"]],
            "_topk_logprobs_list": parse_topk(data.get("topk_logprobs"), "SampledSequence.topk_logprobs"),
        }
        return cls(data["stop_reason"], data.get("sequence_id"), **private)

    def model_dump(self, *, exclude_none: bool = False, **_: Any) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stop_reason": self.stop_reason,
            "tokens": self.tokens,
            "logprobs": self.logprobs,
            "topk_logprobs": _dump_topk(self.topk_logprobs),
            "sequence_id": self.sequence_id,
        }
        return {k: x for k, x in out.items() if x is not None} if exclude_none else out


@attrs.define(frozen=True)
class PromptAltTokens(WireModel):
    """k draws per prompt position after the first: int64 ``tokens`` and float32 ``logprobs``, ``[len-1, k]``."""

    tokens: TensorData
    logprobs: TensorData


def _prompt_logprobs_from_np(array: npt.NDArray[Any]) -> list[float | None]:
    values: list[float | None] = array.tolist()
    for i in np.flatnonzero(np.isnan(array)):
        values[i] = None
    return values


@attrs.define(frozen=True)
class SampleResponse(WireModel):
    sequences: Sequence[SampledSequence]
    prompt_logprobs_np: npt.NDArray[Any] | None = _private()  # noqa: RUF009
    topk_prompt_logprobs_np: TopkLogprobs | None = _private()  # noqa: RUF009
    target_prompt_logprobs: TensorData | None = None
    prompt_cache_hit_tokens: int = 0
    prompt_alt_tokens: PromptAltTokens | None = None
    _prompt_logprobs_list: list[float | None] | None = _private(alias="_prompt_logprobs_list")  # noqa: RUF009
    _topk_prompt_logprobs_list: TopkList | None = _private(alias="_topk_prompt_logprobs_list")  # noqa: RUF009
    _cached_prompt_logprobs: list[float | None] | None = _private(init=False)  # noqa: RUF009
    _cached_topk: TopkList | None = _private(init=False)  # noqa: RUF009

    @property
    def prompt_logprobs(self) -> list[float | None] | None:
        """One entry per prompt token, None where not computed; None if not requested."""
        if self._prompt_logprobs_list is not None:
            return self._prompt_logprobs_list
        array = self.prompt_logprobs_np
        if array is None:
            return None
        return _cache(self, "_cached_prompt_logprobs", lambda: _prompt_logprobs_from_np(array))

    @property
    def topk_prompt_logprobs(self) -> TopkList | None:
        if self._topk_prompt_logprobs_list is not None:
            return self._topk_prompt_logprobs_list
        if self.topk_prompt_logprobs_np is None:
            return None
        return _cache(self, "_cached_topk", self.topk_prompt_logprobs_np.to_lists)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SampleResponse:
        if not isinstance(data.get("sequences"), list):
            raise TinkexValidationError("SampleResponse.sequences must be a list", field="sequences")
        prompt_lp = data.get("prompt_logprobs")
        target = data.get("target_prompt_logprobs")
        alt = data.get("prompt_alt_tokens")
        private: dict[str, Any] = {
            "_prompt_logprobs_list": None
            if prompt_lp is None
            else [
                None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x) for x in prompt_lp
            ],
            "_topk_prompt_logprobs_list": parse_topk(
                data.get("topk_prompt_logprobs"), "SampleResponse.topk_prompt_logprobs"
            ),
        }
        return cls(
            [SampledSequence.from_dict(s) for s in data["sequences"]],
            target_prompt_logprobs=None if target is None else TensorData.model_validate(target),
            prompt_cache_hit_tokens=int(data.get("prompt_cache_hit_tokens") or 0),
            prompt_alt_tokens=None if alt is None else PromptAltTokens.model_validate(alt),
            **private,
        )

    def model_dump(self, *, exclude_none: bool = False, **_: Any) -> dict[str, Any]:
        out: dict[str, Any] = {
            "sequences": [s.model_dump(exclude_none=exclude_none) for s in self.sequences],
            "prompt_logprobs": self.prompt_logprobs,
            "topk_prompt_logprobs": _dump_topk(self.topk_prompt_logprobs),
            "target_prompt_logprobs": None
            if self.target_prompt_logprobs is None
            else self.target_prompt_logprobs.model_dump(exclude_none=exclude_none),
            "prompt_cache_hit_tokens": self.prompt_cache_hit_tokens,
            "prompt_alt_tokens": None
            if self.prompt_alt_tokens is None
            else self.prompt_alt_tokens.model_dump(exclude_none=exclude_none),
            "type": "sample",
        }
        return {k: x for k, x in out.items() if x is not None} if exclude_none else out
