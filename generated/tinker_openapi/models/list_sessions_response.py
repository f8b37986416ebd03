from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_sessions: _f.Converter = _f.list_of(_f.as_str)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ListSessionsResponse(TinkerModel):
    """
    The ListSessionsResponse type of the Tinker API.

    Attributes:
        sessions:
    """

    _tinker_title: ClassVar[str] = "ListSessionsResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("sessions",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "sessions",
        }
    )

    sessions: list[str] = _attrs_field(metadata={"wire": "sessions", "annotation": "list[str]"})

    def __init__(
        self,
        *,
        sessions: Sequence[str],
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "sessions",
        }
        try:
            _tinker_set(self, "sessions", _C_sessions(sessions, ("sessions",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ListSessionsResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["sessions"] = list(self.sessions)
        return out
