from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

import numpy.typing as npt
from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.arrays import NumericArray
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.model_input import EncodedTextChunkBehaviour

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.const("encoded_text")
_D_type: Any = _f.Default("encoded_text")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class EncodedTextChunk(EncodedTextChunkBehaviour, TinkerModel):
    """
    The EncodedTextChunk type of the Tinker API.

    Attributes:
        tokens:
        type:
    """

    _tinker_title: ClassVar[str] = "EncodedTextChunk"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "tokens",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "encoded_text")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "tokens",
        }
    )

    _tokens: NumericArray = _attrs_field(
        metadata={"wire": "tokens", "annotation": "list[int]", "array": "ids", "public": "tokens"}
    )
    type: Literal["encoded_text"] = _attrs_field(
        default="encoded_text", metadata={"wire": "type", "annotation": "Literal['encoded_text']"}
    )

    def __init__(
        self,
        *,
        tokens: Sequence[int] | npt.NDArray[Any],
        type: Literal["encoded_text"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("EncodedTextChunk", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "tokens",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            _tinker_set(self, "_tokens", NumericArray.ints(tokens, ("tokens",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("EncodedTextChunk", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    @property
    def tokens(self) -> list[int]:
        """The values"""
        return self._tokens.tolist()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["tokens"] = self._tokens.wire()
        out["type"] = self.type
        return out
