from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.client_session_finished import ClientSessionFinished
    from ..models.session_active import SessionActive
    from ..models.session_cancelled import SessionCancelled
    from ..models.session_failed import SessionFailed
    from ..models.string_user_metadata import StringUserMetadata

    pass

_C_session_id: _f.Converter = _f.as_str
_C_created_at: _f.Converter = _f.as_datetime
_C_owner: _f.Converter = _f.as_str
_C_project_id: _f.Converter = _f.as_str
_C_status: _f.Converter = _f.nullable(
    _f.untagged(
        _f.ModelRef(__package__, "session_active", "SessionActive"),
        _f.ModelRef(__package__, "session_cancelled", "SessionCancelled"),
        _f.ModelRef(__package__, "client_session_finished", "ClientSessionFinished"),
        _f.ModelRef(__package__, "session_failed", "SessionFailed"),
    )
)
_D_status: Any = _f.Default(None)
_C_checkpoints_count: _f.Converter = _f.as_int
_C_display_name: _f.Converter = _f.nullable(_f.as_str)
_D_display_name: Any = _f.Default(None)
_C_user_metadata: _f.Converter = _f.nullable(_f.map_of(_f.as_str))
_D_user_metadata: Any = _f.Default(None)
_C_checkpoint_storage_bytes: _f.Converter = _f.nullable(_f.as_int)
_D_checkpoint_storage_bytes: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionSummary(TinkerModel):
    """
    The SessionSummary type of the Tinker API.

    Attributes:
        session_id:
        created_at:
        owner:
        project_id:
        status:
        checkpoints_count:
        display_name:
        user_metadata:
        checkpoint_storage_bytes:
    """

    _tinker_title: ClassVar[str] = "SessionSummary"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "session_id",
        "created_at",
        "owner",
        "project_id",
        "status",
        "checkpoints_count",
        "display_name",
        "user_metadata",
        "checkpoint_storage_bytes",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "session_id",
            "created_at",
            "owner",
            "project_id",
            "checkpoints_count",
        }
    )

    session_id: str = _attrs_field(metadata={"wire": "session_id", "annotation": "str"})
    created_at: datetime.datetime = _attrs_field(metadata={"wire": "created_at", "annotation": "datetime.datetime"})
    owner: str = _attrs_field(metadata={"wire": "owner", "annotation": "str"})
    project_id: str = _attrs_field(metadata={"wire": "project_id", "annotation": "str"})
    status: SessionActive | SessionCancelled | ClientSessionFinished | SessionFailed | None = _attrs_field(
        default=None,
        metadata={
            "wire": "status",
            "annotation": "SessionActive | SessionCancelled | ClientSessionFinished | SessionFailed | None",
        },
    )
    checkpoints_count: int = _attrs_field(metadata={"wire": "checkpoints_count", "annotation": "int"})
    display_name: str | None = _attrs_field(default=None, metadata={"wire": "display_name", "annotation": "str | None"})
    user_metadata: StringUserMetadata | None = _attrs_field(
        default=None, metadata={"wire": "user_metadata", "annotation": "StringUserMetadata | None"}
    )
    checkpoint_storage_bytes: int | None = _attrs_field(
        default=None, metadata={"wire": "checkpoint_storage_bytes", "annotation": "int | None"}
    )

    def __init__(
        self,
        *,
        session_id: str,
        created_at: datetime.datetime,
        owner: str,
        project_id: str,
        checkpoints_count: int,
        status: SessionActive | SessionCancelled | ClientSessionFinished | SessionFailed | None = _D_status,
        display_name: str | None = _D_display_name,
        user_metadata: StringUserMetadata | None = _D_user_metadata,
        checkpoint_storage_bytes: int | None = _D_checkpoint_storage_bytes,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "session_id",
            "created_at",
            "owner",
            "project_id",
            "checkpoints_count",
        }
        try:
            _tinker_set(self, "session_id", _C_session_id(session_id, ("session_id",)))
            _tinker_set(self, "created_at", _C_created_at(created_at, ("created_at",)))
            _tinker_set(self, "owner", _C_owner(owner, ("owner",)))
            _tinker_set(self, "project_id", _C_project_id(project_id, ("project_id",)))
            if _f.omitted(status, _D_status):
                _tinker_set(self, "status", _D_status.get())
            else:
                _tinker_fs.add("status")
                _tinker_set(self, "status", _C_status(status, ("status",)))
            _tinker_set(self, "checkpoints_count", _C_checkpoints_count(checkpoints_count, ("checkpoints_count",)))
            if _f.omitted(display_name, _D_display_name):
                _tinker_set(self, "display_name", _D_display_name.get())
            else:
                _tinker_fs.add("display_name")
                _tinker_set(self, "display_name", _C_display_name(display_name, ("display_name",)))
            if _f.omitted(user_metadata, _D_user_metadata):
                _tinker_set(self, "user_metadata", _D_user_metadata.get())
            else:
                _tinker_fs.add("user_metadata")
                _tinker_set(self, "user_metadata", _C_user_metadata(user_metadata, ("user_metadata",)))
            if _f.omitted(checkpoint_storage_bytes, _D_checkpoint_storage_bytes):
                _tinker_set(self, "checkpoint_storage_bytes", _D_checkpoint_storage_bytes.get())
            else:
                _tinker_fs.add("checkpoint_storage_bytes")
                _tinker_set(
                    self,
                    "checkpoint_storage_bytes",
                    _C_checkpoint_storage_bytes(checkpoint_storage_bytes, ("checkpoint_storage_bytes",)),
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionSummary", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["session_id"] = self.session_id
        out["created_at"] = self.created_at.isoformat()
        out["owner"] = self.owner
        out["project_id"] = self.project_id
        if self.status is not None:
            out["status"] = _f.to_wire(self.status)
        out["checkpoints_count"] = self.checkpoints_count
        if self.display_name is not None:
            out["display_name"] = self.display_name
        if self.user_metadata is not None:
            out["user_metadata"] = _f.to_wire(self.user_metadata)
        if self.checkpoint_storage_bytes is not None:
            out["checkpoint_storage_bytes"] = self.checkpoint_storage_bytes
        return out
