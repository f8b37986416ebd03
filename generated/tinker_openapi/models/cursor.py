from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.checkpoints import CursorBehaviour
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_offset: _f.Converter = _f.as_int
_C_limit: _f.Converter = _f.as_int
_C_total_count: _f.Converter = _f.as_int


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class Cursor(CursorBehaviour, TinkerModel):
    """
    The Cursor type of the Tinker API.

    Attributes:
        offset:
        limit:
        total_count:
    """

    _tinker_title: ClassVar[str] = "Cursor"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "offset",
        "limit",
        "total_count",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "offset",
            "limit",
            "total_count",
        }
    )

    offset: int = _attrs_field(metadata={"wire": "offset", "annotation": "int"})
    limit: int = _attrs_field(metadata={"wire": "limit", "annotation": "int"})
    total_count: int = _attrs_field(metadata={"wire": "total_count", "annotation": "int"})

    def __init__(
        self,
        *,
        offset: int,
        limit: int,
        total_count: int,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "offset",
            "limit",
            "total_count",
        }
        try:
            _tinker_set(self, "offset", _C_offset(offset, ("offset",)))
            _tinker_set(self, "limit", _C_limit(limit, ("limit",)))
            _tinker_set(self, "total_count", _C_total_count(total_count, ("total_count",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("Cursor", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["offset"] = self.offset
        out["limit"] = self.limit
        out["total_count"] = self.total_count
        return out
