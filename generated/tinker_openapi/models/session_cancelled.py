from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.const("cancelled")
_D_type: Any = _f.Default("cancelled")
_C_detail: _f.Converter = _f.nullable(_f.as_str)
_D_detail: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionCancelled(TinkerModel):
    """
    The SessionCancelled type of the Tinker API.

    Attributes:
        type:
        detail:
    """

    _tinker_title: ClassVar[str] = "SessionCancelled"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "detail",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "cancelled")
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    type: Literal["cancelled"] = _attrs_field(
        default="cancelled", metadata={"wire": "type", "annotation": "Literal['cancelled']"}
    )
    detail: str | None = _attrs_field(default=None, metadata={"wire": "detail", "annotation": "str | None"})

    def __init__(
        self,
        *,
        type: Literal["cancelled"] = _D_type,
        detail: str | None = _D_detail,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            if _f.omitted(detail, _D_detail):
                _tinker_set(self, "detail", _D_detail.get())
            else:
                _tinker_fs.add("detail")
                _tinker_set(self, "detail", _C_detail(detail, ("detail",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionCancelled", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["type"] = self.type
        if self.detail is not None:
            out["detail"] = self.detail
        return out
