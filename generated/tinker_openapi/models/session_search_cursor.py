from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_last_created_at: _f.Converter = _f.as_datetime
_C_last_session_id: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionSearchCursor(TinkerModel):
    """
    The SessionSearchCursor type of the Tinker API.

    Attributes:
        last_created_at: timezone-aware
        last_session_id:
    """

    _tinker_title: ClassVar[str] = "SessionSearchCursor"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "last_created_at",
        "last_session_id",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "last_created_at",
            "last_session_id",
        }
    )

    last_created_at: datetime.datetime = _attrs_field(
        metadata={"wire": "last_created_at", "annotation": "datetime.datetime", "doc": "timezone-aware"}
    )
    last_session_id: str = _attrs_field(metadata={"wire": "last_session_id", "annotation": "str"})

    def __init__(
        self,
        *,
        last_created_at: datetime.datetime,
        last_session_id: str,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "last_created_at",
            "last_session_id",
        }
        try:
            _tinker_set(self, "last_created_at", _C_last_created_at(last_created_at, ("last_created_at",)))
            _tinker_set(self, "last_session_id", _C_last_session_id(last_session_id, ("last_session_id",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionSearchCursor", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["last_created_at"] = self.last_created_at.isoformat()
        out["last_session_id"] = self.last_session_id
        return out
