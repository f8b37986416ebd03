from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.model_input import DmelChunkBehaviour

if TYPE_CHECKING:
    pass

_C_dmel: _f.Converter = _f.as_base64_bytes
_C_type: _f.Converter = _f.const("dmel")
_D_type: Any = _f.Default("dmel")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class DmelChunk(DmelChunkBehaviour, TinkerModel):
    """
    The DmelChunk type of the Tinker API.

    Attributes:
        dmel: serialized tensor-container bytes (audio), base64
        type:
    """

    _tinker_title: ClassVar[str] = "DmelChunk"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "dmel",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "dmel")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "dmel",
        }
    )

    dmel: bytes = _attrs_field(
        metadata={"wire": "dmel", "annotation": "bytes", "doc": "serialized tensor-container bytes (audio), base64"}
    )
    type: Literal["dmel"] = _attrs_field(default="dmel", metadata={"wire": "type", "annotation": "Literal['dmel']"})

    def __init__(
        self,
        *,
        dmel: bytes | str,
        type: Literal["dmel"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("DmelChunk", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "dmel",
        }
        try:
            _tinker_set(self, "dmel", _C_dmel(dmel, ("dmel",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("DmelChunk", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["dmel"] = _f.base64_text(self.dmel)
        out["type"] = self.type
        return out
