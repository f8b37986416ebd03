from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.session_search_cursor import SessionSearchCursor
    from ..models.session_summary import SessionSummary

    pass

_C_sessions: _f.Converter = _f.list_of(_f.model(_f.ModelRef(__package__, "session_summary", "SessionSummary")))
_C_next_cursor: _f.Converter = _f.nullable(
    _f.model(_f.ModelRef(__package__, "session_search_cursor", "SessionSearchCursor"))
)
_D_next_cursor: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionSearchResponse(TinkerModel):
    """
    The SessionSearchResponse type of the Tinker API.

    Attributes:
        sessions:
        next_cursor:
    """

    _tinker_title: ClassVar[str] = "SessionSearchResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "sessions",
        "next_cursor",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "sessions",
        }
    )

    sessions: list[SessionSummary] = _attrs_field(metadata={"wire": "sessions", "annotation": "list[SessionSummary]"})
    next_cursor: SessionSearchCursor | None = _attrs_field(
        default=None, metadata={"wire": "next_cursor", "annotation": "SessionSearchCursor | None"}
    )

    def __init__(
        self,
        *,
        sessions: Sequence[SessionSummary],
        next_cursor: SessionSearchCursor | None = _D_next_cursor,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "sessions",
        }
        try:
            _tinker_set(self, "sessions", _C_sessions(sessions, ("sessions",)))
            if _f.omitted(next_cursor, _D_next_cursor):
                _tinker_set(self, "next_cursor", _D_next_cursor.get())
            else:
                _tinker_fs.add("next_cursor")
                _tinker_set(self, "next_cursor", _C_next_cursor(next_cursor, ("next_cursor",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionSearchResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["sessions"] = [x.to_dict() for x in self.sessions]
        if self.next_cursor is not None:
            out["next_cursor"] = _f.to_wire(self.next_cursor)
        return out
