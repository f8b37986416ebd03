from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import numpy.typing as npt
from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.arrays import NumericArray
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.sampling import SampledSequenceBehaviour

if TYPE_CHECKING:
    from ..models.stop_reason import StopReason

    pass

_C_stop_reason: _f.Converter = _f.as_str
_D_logprobs: Any = _f.Default(None)
_C_sequence_id: _f.Converter = _f.nullable(_f.as_str)
_D_sequence_id: Any = _f.Default(None)
_C_topk_logprobs: _f.Converter = _f.nullable(_f.list_of(_f.nullable(_f.list_of(_f.list_of(_f.as_any)))))
_D_topk_logprobs: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SampledSequence(SampledSequenceBehaviour, TinkerModel):
    """
    one generated sequence; tokens and logprobs are also readable as numpy arrays (`tokens_np`,
    `logprobs_np`)

    Attributes:
        stop_reason:
        tokens:
        logprobs:
        sequence_id: 0.38; session-scoped id of this sequence (provenance)
        topk_logprobs: 0.38; per generated position up to k (token_id, logprob) pairs, or null
    """

    _tinker_title: ClassVar[str] = "SampledSequence"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "stop_reason",
        "tokens",
        "logprobs",
        "sequence_id",
        "topk_logprobs",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "stop_reason",
            "tokens",
        }
    )

    stop_reason: StopReason | str = _attrs_field(metadata={"wire": "stop_reason", "annotation": "StopReason | str"})
    _tokens: NumericArray = _attrs_field(
        metadata={"wire": "tokens", "annotation": "list[int]", "array": "ids", "public": "tokens"}
    )
    _logprobs: NumericArray | None = _attrs_field(
        default=None,
        metadata={
            "wire": "logprobs",
            "annotation": "list[float] | None",
            "array": {"dtype": "float32"},
            "public": "logprobs",
        },
    )
    sequence_id: str | None = _attrs_field(
        default=None,
        metadata={
            "wire": "sequence_id",
            "annotation": "str | None",
            "doc": "0.38; session-scoped id of this sequence (provenance)",
        },
    )
    topk_logprobs: list[list[list[Any]] | None] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "topk_logprobs",
            "annotation": "list[list[list[Any]] | None] | None",
            "doc": "0.38; per generated position up to k (token_id, logprob) pairs, or null",
        },
    )

    def __init__(
        self,
        *,
        stop_reason: StopReason | str,
        tokens: Sequence[int] | npt.NDArray[Any],
        logprobs: Sequence[float] | None | npt.NDArray[Any] = _D_logprobs,
        sequence_id: str | None = _D_sequence_id,
        topk_logprobs: Sequence[list[list[Any]] | None] | None = _D_topk_logprobs,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "stop_reason",
            "tokens",
        }
        try:
            _tinker_set(self, "stop_reason", _C_stop_reason(stop_reason, ("stop_reason",)))
            if _f.omitted(sequence_id, _D_sequence_id):
                _tinker_set(self, "sequence_id", _D_sequence_id.get())
            else:
                _tinker_fs.add("sequence_id")
                _tinker_set(self, "sequence_id", _C_sequence_id(sequence_id, ("sequence_id",)))
            if _f.omitted(topk_logprobs, _D_topk_logprobs):
                _tinker_set(self, "topk_logprobs", _D_topk_logprobs.get())
            else:
                _tinker_fs.add("topk_logprobs")
                _tinker_set(self, "topk_logprobs", _C_topk_logprobs(topk_logprobs, ("topk_logprobs",)))
            _tinker_set(self, "_tokens", NumericArray.ints(tokens, ("tokens",)))
            if _f.omitted(logprobs, _D_logprobs) or logprobs is None:
                if logprobs is None:
                    _tinker_fs.add("logprobs")
                _tinker_set(self, "_logprobs", None)
            else:
                _tinker_fs.add("logprobs")
                _tinker_set(self, "_logprobs", NumericArray.typed(logprobs, "float32", ("logprobs",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SampledSequence", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    @property
    def tokens(self) -> list[int]:
        """The values"""
        return self._tokens.tolist()

    @property
    def logprobs(self) -> list[float] | None:
        """The values"""
        return None if self._logprobs is None else self._logprobs.tolist()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["stop_reason"] = self.stop_reason
        out["tokens"] = self._tokens.wire()
        if self._logprobs is not None:
            out["logprobs"] = self._logprobs.wire()
        if self.sequence_id is not None:
            out["sequence_id"] = self.sequence_id
        if self.topk_logprobs is not None:
            out["topk_logprobs"] = _f.to_wire(self.topk_logprobs)
        return out
