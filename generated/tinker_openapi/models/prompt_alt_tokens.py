from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.tensor_data import TensorData

    pass

_C_tokens: _f.Converter = _f.model(_f.ModelRef(__package__, "tensor_data", "TensorData"))
_C_logprobs: _f.Converter = _f.model(_f.ModelRef(__package__, "tensor_data", "TensorData"))


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class PromptAltTokens(TinkerModel):
    """
    0.38; k draws per prompt position after the first, int64 tokens and float32 logprobs, both [len-1,
    k]

    Attributes:
        tokens: a flat tensor as it travels on the wire; `shape` gives its dimensions
        logprobs: a flat tensor as it travels on the wire; `shape` gives its dimensions
    """

    _tinker_title: ClassVar[str] = "PromptAltTokens"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "tokens",
        "logprobs",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "tokens",
            "logprobs",
        }
    )

    tokens: TensorData = _attrs_field(
        metadata={
            "wire": "tokens",
            "annotation": "TensorData",
            "doc": "a flat tensor as it travels on the wire; `shape` gives its dimensions",
        }
    )
    logprobs: TensorData = _attrs_field(
        metadata={
            "wire": "logprobs",
            "annotation": "TensorData",
            "doc": "a flat tensor as it travels on the wire; `shape` gives its dimensions",
        }
    )

    def __init__(
        self,
        tokens: TensorData,
        logprobs: TensorData,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "tokens",
            "logprobs",
        }
        try:
            _tinker_set(self, "tokens", _C_tokens(tokens, ("tokens",)))
            _tinker_set(self, "logprobs", _C_logprobs(logprobs, ("logprobs",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("PromptAltTokens", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["tokens"] = self.tokens.to_dict()
        out["logprobs"] = self.logprobs.to_dict()
        return out
