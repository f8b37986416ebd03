from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.checkpoints import CheckpointBehaviour
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.checkpoint_type import CheckpointType
    from ..models.string_user_metadata import StringUserMetadata

    pass

_C_checkpoint_id: _f.Converter = _f.as_str
_C_checkpoint_type: _f.Converter = _f.as_str
_C_time: _f.Converter = _f.first_of(
    _f.as_datetime,
    _f.as_str,
)
_C_tinker_path: _f.Converter = _f.as_str
_C_size_bytes: _f.Converter = _f.nullable(_f.as_int)
_D_size_bytes: Any = _f.Default(None)
_C_public: _f.Converter = _f.as_bool
_D_public: Any = _f.Default(False)
_C_user_metadata: _f.Converter = _f.nullable(_f.map_of(_f.as_str))
_D_user_metadata: Any = _f.Default(None)
_C_expires_at: _f.Converter = _f.nullable(
    _f.first_of(
        _f.as_datetime,
        _f.as_str,
    )
)
_D_expires_at: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class Checkpoint(CheckpointBehaviour, TinkerModel):
    """
    The Checkpoint type of the Tinker API.

    Attributes:
        checkpoint_id: <kind>/<name>, e.g. weights/step-10
        checkpoint_type:
        time: a datetime when ISO 8601, else the server's text (TYP-15)
        tinker_path: tinker://<training_run_id>/<kind>/<name>
        size_bytes:
        public: absent means false
        user_metadata:
        expires_at:
    """

    _tinker_title: ClassVar[str] = "Checkpoint"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "checkpoint_id",
        "checkpoint_type",
        "time",
        "tinker_path",
        "size_bytes",
        "public",
        "user_metadata",
        "expires_at",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "checkpoint_id",
            "checkpoint_type",
            "time",
            "tinker_path",
        }
    )

    checkpoint_id: str = _attrs_field(
        metadata={
            "wire": "checkpoint_id",
            "annotation": "str",
            "doc": "\u003ckind\u003e/\u003cname\u003e, e.g. weights/step-10",
        }
    )
    checkpoint_type: CheckpointType | str = _attrs_field(
        metadata={"wire": "checkpoint_type", "annotation": "CheckpointType | str"}
    )
    time: datetime.datetime | str = _attrs_field(
        metadata={
            "wire": "time",
            "annotation": "datetime.datetime | str",
            "doc": "a datetime when ISO 8601, else the server\u0027s text (TYP-15)",
        }
    )
    tinker_path: str = _attrs_field(
        metadata={
            "wire": "tinker_path",
            "annotation": "str",
            "doc": "tinker://\u003ctraining_run_id\u003e/\u003ckind\u003e/\u003cname\u003e",
        }
    )
    size_bytes: int | None = _attrs_field(default=None, metadata={"wire": "size_bytes", "annotation": "int | None"})
    public: bool = _attrs_field(
        default=False, metadata={"wire": "public", "annotation": "bool", "doc": "absent means false"}
    )
    user_metadata: StringUserMetadata | None = _attrs_field(
        default=None, metadata={"wire": "user_metadata", "annotation": "StringUserMetadata | None"}
    )
    expires_at: datetime.datetime | str | None = _attrs_field(
        default=None, metadata={"wire": "expires_at", "annotation": "datetime.datetime | str | None"}
    )

    def __init__(
        self,
        *,
        checkpoint_id: str,
        checkpoint_type: CheckpointType | str,
        time: datetime.datetime | str,
        tinker_path: str,
        size_bytes: int | None = _D_size_bytes,
        public: bool = _D_public,
        user_metadata: StringUserMetadata | None = _D_user_metadata,
        expires_at: datetime.datetime | str | None = _D_expires_at,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "checkpoint_id",
            "checkpoint_type",
            "time",
            "tinker_path",
        }
        try:
            _tinker_set(self, "checkpoint_id", _C_checkpoint_id(checkpoint_id, ("checkpoint_id",)))
            _tinker_set(self, "checkpoint_type", _C_checkpoint_type(checkpoint_type, ("checkpoint_type",)))
            _tinker_set(self, "time", _C_time(time, ("time",)))
            _tinker_set(self, "tinker_path", _C_tinker_path(tinker_path, ("tinker_path",)))
            if _f.omitted(size_bytes, _D_size_bytes):
                _tinker_set(self, "size_bytes", _D_size_bytes.get())
            else:
                _tinker_fs.add("size_bytes")
                _tinker_set(self, "size_bytes", _C_size_bytes(size_bytes, ("size_bytes",)))
            if _f.omitted(public, _D_public):
                _tinker_set(self, "public", _D_public.get())
            else:
                _tinker_fs.add("public")
                _tinker_set(self, "public", _C_public(public, ("public",)))
            if _f.omitted(user_metadata, _D_user_metadata):
                _tinker_set(self, "user_metadata", _D_user_metadata.get())
            else:
                _tinker_fs.add("user_metadata")
                _tinker_set(self, "user_metadata", _C_user_metadata(user_metadata, ("user_metadata",)))
            if _f.omitted(expires_at, _D_expires_at):
                _tinker_set(self, "expires_at", _D_expires_at.get())
            else:
                _tinker_fs.add("expires_at")
                _tinker_set(self, "expires_at", _C_expires_at(expires_at, ("expires_at",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("Checkpoint", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["checkpoint_id"] = self.checkpoint_id
        out["checkpoint_type"] = self.checkpoint_type
        out["time"] = _f.to_wire(self.time)
        out["tinker_path"] = self.tinker_path
        if self.size_bytes is not None:
            out["size_bytes"] = self.size_bytes
        out["public"] = self.public
        if self.user_metadata is not None:
            out["user_metadata"] = _f.to_wire(self.user_metadata)
        if self.expires_at is not None:
            out["expires_at"] = _f.to_wire(self.expires_at)
        return out
