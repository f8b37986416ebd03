from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.accessible_search_owner import AccessibleSearchOwner
    from ..models.active_session_status_query import ActiveSessionStatusQuery
    from ..models.cancelled_session_status_query import CancelledSessionStatusQuery
    from ..models.client_finished_session_status_query import ClientFinishedSessionStatusQuery
    from ..models.failed_session_status_query import FailedSessionStatusQuery
    from ..models.own_search_owner import OwnSearchOwner
    from ..models.session_search_cursor import SessionSearchCursor
    from ..models.string_user_metadata import StringUserMetadata
    from ..models.user_search_owner import UserSearchOwner

    pass

_C_session_id: _f.Converter = _f.nullable(_f.as_str)
_D_session_id: Any = _f.Default(None)
_C_project_ids: _f.Converter = _f.nullable(_f.list_of(_f.as_str))
_D_project_ids: Any = _f.Default(None)
_C_user_metadata: _f.Converter = _f.map_of(_f.as_str)
_D_user_metadata: Any = _f.Default({})
_C_display_name: _f.Converter = _f.bounded(
    _f.nullable(_f.as_str),
    min_len=1,
)
_D_display_name: Any = _f.Default(None)
_C_owner: _f.Converter = _f.untagged(
    _f.ModelRef(__package__, "own_search_owner", "OwnSearchOwner"),
    _f.ModelRef(__package__, "accessible_search_owner", "AccessibleSearchOwner"),
    _f.ModelRef(__package__, "user_search_owner", "UserSearchOwner"),
)
_D_owner: Any = _f.DefaultModel(_f.ModelRef(__package__, "own_search_owner", "OwnSearchOwner"))
_C_statuses: _f.Converter = _f.bounded(
    _f.nullable(
        _f.list_of(
            _f.untagged(
                _f.ModelRef(__package__, "active_session_status_query", "ActiveSessionStatusQuery"),
                _f.ModelRef(__package__, "cancelled_session_status_query", "CancelledSessionStatusQuery"),
                _f.ModelRef(__package__, "failed_session_status_query", "FailedSessionStatusQuery"),
                _f.ModelRef(__package__, "client_finished_session_status_query", "ClientFinishedSessionStatusQuery"),
            )
        )
    ),
    min_len=1,
)
_D_statuses: Any = _f.Default(None)
_C_limit: _f.Converter = _f.bounded(
    _f.as_int,
    ge=1.0,
    le=200.0,
)
_D_limit: Any = _f.Default(50)
_C_cursor: _f.Converter = _f.nullable(
    _f.model(_f.ModelRef(__package__, "session_search_cursor", "SessionSearchCursor"))
)
_D_cursor: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionSearchRequest(TinkerModel):
    """
    the SDK always sends user_metadata ({} when unset) and owner ({"type": "own"} by default)

    Attributes:
        session_id:
        project_ids:
        user_metadata: string-to-string metadata
        display_name:
        owner:
        statuses:
        limit:
        cursor:
    """

    _tinker_title: ClassVar[str] = "SessionSearchRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "session_id",
        "project_ids",
        "user_metadata",
        "display_name",
        "owner",
        "statuses",
        "limit",
        "cursor",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    session_id: str | None = _attrs_field(default=None, metadata={"wire": "session_id", "annotation": "str | None"})
    project_ids: list[str] | None = _attrs_field(
        default=None, metadata={"wire": "project_ids", "annotation": "list[str] | None"}
    )
    user_metadata: StringUserMetadata = _attrs_field(
        factory=dict,
        metadata={"wire": "user_metadata", "annotation": "StringUserMetadata", "doc": "string-to-string metadata"},
    )
    display_name: str | None = _attrs_field(default=None, metadata={"wire": "display_name", "annotation": "str | None"})
    owner: OwnSearchOwner | AccessibleSearchOwner | UserSearchOwner = _attrs_field(
        factory=_D_owner.get,
        metadata={"wire": "owner", "annotation": "OwnSearchOwner | AccessibleSearchOwner | UserSearchOwner"},
    )
    statuses: (
        list[
            ActiveSessionStatusQuery
            | CancelledSessionStatusQuery
            | FailedSessionStatusQuery
            | ClientFinishedSessionStatusQuery
        ]
        | None
    ) = _attrs_field(
        default=None,
        metadata={
            "wire": "statuses",
            "annotation": "list[ActiveSessionStatusQuery | CancelledSessionStatusQuery | FailedSessionStatusQuery | ClientFinishedSessionStatusQuery] | None",
        },
    )
    limit: int = _attrs_field(default=50, metadata={"wire": "limit", "annotation": "int"})
    cursor: SessionSearchCursor | None = _attrs_field(
        default=None, metadata={"wire": "cursor", "annotation": "SessionSearchCursor | None"}
    )

    def __init__(
        self,
        *,
        session_id: str | None = _D_session_id,
        project_ids: Sequence[str] | None = _D_project_ids,
        user_metadata: StringUserMetadata = _D_user_metadata,
        display_name: str | None = _D_display_name,
        owner: OwnSearchOwner | AccessibleSearchOwner | UserSearchOwner = _D_owner,
        statuses: Sequence[
            ActiveSessionStatusQuery
            | CancelledSessionStatusQuery
            | FailedSessionStatusQuery
            | ClientFinishedSessionStatusQuery
        ]
        | None = _D_statuses,
        limit: int = _D_limit,
        cursor: SessionSearchCursor | None = _D_cursor,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("SessionSearchRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(session_id, _D_session_id):
                _tinker_set(self, "session_id", _D_session_id.get())
            else:
                _tinker_fs.add("session_id")
                _tinker_set(self, "session_id", _C_session_id(session_id, ("session_id",)))
            if _f.omitted(project_ids, _D_project_ids):
                _tinker_set(self, "project_ids", _D_project_ids.get())
            else:
                _tinker_fs.add("project_ids")
                _tinker_set(self, "project_ids", _C_project_ids(project_ids, ("project_ids",)))
            if _f.omitted(user_metadata, _D_user_metadata):
                _tinker_set(self, "user_metadata", _D_user_metadata.get())
            else:
                _tinker_fs.add("user_metadata")
                _tinker_set(self, "user_metadata", _C_user_metadata(user_metadata, ("user_metadata",)))
            if _f.omitted(display_name, _D_display_name):
                _tinker_set(self, "display_name", _D_display_name.get())
            else:
                _tinker_fs.add("display_name")
                _tinker_set(self, "display_name", _C_display_name(display_name, ("display_name",)))
            if _f.omitted(owner, _D_owner):
                _tinker_set(self, "owner", _D_owner.get())
            else:
                _tinker_fs.add("owner")
                _tinker_set(self, "owner", _C_owner(owner, ("owner",)))
            if _f.omitted(statuses, _D_statuses):
                _tinker_set(self, "statuses", _D_statuses.get())
            else:
                _tinker_fs.add("statuses")
                _tinker_set(self, "statuses", _C_statuses(statuses, ("statuses",)))
            if _f.omitted(limit, _D_limit):
                _tinker_set(self, "limit", _D_limit.get())
            else:
                _tinker_fs.add("limit")
                _tinker_set(self, "limit", _C_limit(limit, ("limit",)))
            if _f.omitted(cursor, _D_cursor):
                _tinker_set(self, "cursor", _D_cursor.get())
            else:
                _tinker_fs.add("cursor")
                _tinker_set(self, "cursor", _C_cursor(cursor, ("cursor",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionSearchRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        if self.session_id is not None:
            out["session_id"] = self.session_id
        if self.project_ids is not None:
            out["project_ids"] = self.project_ids
        out["user_metadata"] = dict(self.user_metadata)
        if self.display_name is not None:
            out["display_name"] = self.display_name
        out["owner"] = _f.to_wire(self.owner)
        if self.statuses is not None:
            out["statuses"] = _f.to_wire(self.statuses)
        out["limit"] = self.limit
        if self.cursor is not None:
            out["cursor"] = _f.to_wire(self.cursor)
        return out
