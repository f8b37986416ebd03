from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.user_metadata import UserMetadata

    pass

_C_tags: _f.Converter = _f.list_of(_f.as_str)
_C_user_metadata: _f.Converter = _f.map_of(_f.as_any)
_C_sdk_version: _f.Converter = _f.as_str
_C_project_id: _f.Converter = _f.nullable(_f.as_str)
_D_project_id: Any = _f.Default(None)
_C_display_name: _f.Converter = _f.nullable(_f.as_str)
_D_display_name: Any = _f.Default(None)
_C_type: _f.Converter = _f.const("create_session")
_D_type: Any = _f.Default("create_session")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CreateSessionRequest(TinkerModel):
    """
    The CreateSessionRequest type of the Tinker API.

    Attributes:
        tags:
        user_metadata: free-form metadata (values of any JSON type)
        sdk_version:
        project_id:
        display_name: 0.38
        type:
    """

    _tinker_title: ClassVar[str] = "CreateSessionRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "tags",
        "user_metadata",
        "sdk_version",
        "project_id",
        "display_name",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "create_session")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "tags",
            "user_metadata",
            "sdk_version",
        }
    )

    tags: list[str] = _attrs_field(metadata={"wire": "tags", "annotation": "list[str]"})
    user_metadata: UserMetadata = _attrs_field(
        metadata={
            "wire": "user_metadata",
            "annotation": "UserMetadata",
            "doc": "free-form metadata (values of any JSON type)",
        }
    )
    sdk_version: str = _attrs_field(metadata={"wire": "sdk_version", "annotation": "str"})
    project_id: str | None = _attrs_field(default=None, metadata={"wire": "project_id", "annotation": "str | None"})
    display_name: str | None = _attrs_field(
        default=None, metadata={"wire": "display_name", "annotation": "str | None", "doc": "0.38"}
    )
    type: Literal["create_session"] = _attrs_field(
        default="create_session", metadata={"wire": "type", "annotation": "Literal['create_session']"}
    )

    def __init__(
        self,
        *,
        tags: Sequence[str],
        user_metadata: UserMetadata,
        sdk_version: str,
        project_id: str | None = _D_project_id,
        display_name: str | None = _D_display_name,
        type: Literal["create_session"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("CreateSessionRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "tags",
            "user_metadata",
            "sdk_version",
        }
        try:
            _tinker_set(self, "tags", _C_tags(tags, ("tags",)))
            _tinker_set(self, "user_metadata", _C_user_metadata(user_metadata, ("user_metadata",)))
            _tinker_set(self, "sdk_version", _C_sdk_version(sdk_version, ("sdk_version",)))
            if _f.omitted(project_id, _D_project_id):
                _tinker_set(self, "project_id", _D_project_id.get())
            else:
                _tinker_fs.add("project_id")
                _tinker_set(self, "project_id", _C_project_id(project_id, ("project_id",)))
            if _f.omitted(display_name, _D_display_name):
                _tinker_set(self, "display_name", _D_display_name.get())
            else:
                _tinker_fs.add("display_name")
                _tinker_set(self, "display_name", _C_display_name(display_name, ("display_name",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CreateSessionRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["tags"] = list(self.tags)
        out["user_metadata"] = dict(self.user_metadata)
        out["sdk_version"] = self.sdk_version
        if self.project_id is not None:
            out["project_id"] = self.project_id
        if self.display_name is not None:
            out["display_name"] = self.display_name
        out["type"] = self.type
        return out
