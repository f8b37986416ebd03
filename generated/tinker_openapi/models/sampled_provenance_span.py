from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_sequence_id: _f.Converter = _f.bounded(
    _f.as_str,
    min_len=1,
)
_C_offset: _f.Converter = _f.bounded(
    _f.as_int,
    ge=0.0,
)
_D_offset: Any = _f.Default(0)
_C_length: _f.Converter = _f.bounded(
    _f.as_int,
    ge=0.0,
)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SampledProvenanceSpan(TinkerModel):
    """
    positions [offset, offset+length) of the sampled tokens of sequence `sequence_id`

    Attributes:
        sequence_id:
        offset:
        length:
    """

    _tinker_title: ClassVar[str] = "SampledProvenanceSpan"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "sequence_id",
        "offset",
        "length",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "sequence_id",
            "length",
        }
    )

    sequence_id: str = _attrs_field(metadata={"wire": "sequence_id", "annotation": "str"})
    offset: int = _attrs_field(default=0, metadata={"wire": "offset", "annotation": "int"})
    length: int = _attrs_field(metadata={"wire": "length", "annotation": "int"})

    def __init__(
        self,
        *,
        sequence_id: str,
        length: int,
        offset: int = _D_offset,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("SampledProvenanceSpan", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "sequence_id",
            "length",
        }
        try:
            _tinker_set(self, "sequence_id", _C_sequence_id(sequence_id, ("sequence_id",)))
            if _f.omitted(offset, _D_offset):
                _tinker_set(self, "offset", _D_offset.get())
            else:
                _tinker_fs.add("offset")
                _tinker_set(self, "offset", _C_offset(offset, ("offset",)))
            _tinker_set(self, "length", _C_length(length, ("length",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SampledProvenanceSpan", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["sequence_id"] = self.sequence_id
        out["offset"] = self.offset
        out["length"] = self.length
        return out
