from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import numpy.typing as npt
from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour.arrays import NumericArray
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.sampling import TopkLogprobsBehaviour

if TYPE_CHECKING:
    pass


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class TopkLogprobs(TopkLogprobsBehaviour, TinkerModel):
    """
    the dense top-k form (protobuf only) - int32 ids and float32 logprobs, (length, k), padded with (0,
    -99999.0)

    Attributes:
        token_ids:
        logprobs:
    """

    _tinker_title: ClassVar[str] = "TopkLogprobs"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "token_ids",
        "logprobs",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "token_ids",
            "logprobs",
        }
    )

    _token_ids: NumericArray = _attrs_field(
        metadata={
            "wire": "token_ids",
            "annotation": "npt.NDArray[Any]",
            "array": {"dtype": "int32", "expose": "numpy"},
            "public": "token_ids",
        }
    )
    _logprobs: NumericArray = _attrs_field(
        metadata={
            "wire": "logprobs",
            "annotation": "npt.NDArray[Any]",
            "array": {"dtype": "float32", "expose": "numpy"},
            "public": "logprobs",
        }
    )

    def __init__(
        self,
        *,
        token_ids: Sequence[list[int]] | npt.NDArray[Any],
        logprobs: Sequence[list[float]] | npt.NDArray[Any],
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "token_ids",
            "logprobs",
        }
        try:
            _tinker_set(self, "_token_ids", NumericArray.typed(token_ids, "int32", ("token_ids",)))
            _tinker_set(self, "_logprobs", NumericArray.typed(logprobs, "float32", ("logprobs",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("TopkLogprobs", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    @property
    def token_ids(self) -> npt.NDArray[Any]:
        """The values"""
        return self._token_ids.numpy()

    @property
    def logprobs(self) -> npt.NDArray[Any]:
        """The values"""
        return self._logprobs.numpy()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["token_ids"] = self._token_ids.numpy().tolist()
        out["logprobs"] = self._logprobs.numpy().tolist()
        return out
