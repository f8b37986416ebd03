from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_session_id: _f.Converter = _f.as_str
_C_type: _f.Converter = _f.const("create_session")
_D_type: Any = _f.Default("create_session")
_C_info_message: _f.Converter = _f.nullable(_f.as_str)
_D_info_message: Any = _f.Default(None)
_C_warning_message: _f.Converter = _f.nullable(_f.as_str)
_D_warning_message: Any = _f.Default(None)
_C_error_message: _f.Converter = _f.nullable(_f.as_str)
_D_error_message: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CreateSessionResponse(TinkerModel):
    """
    The CreateSessionResponse type of the Tinker API.

    Attributes:
        session_id:
        type:
        info_message: logged at info level
        warning_message: logged at warning level
        error_message: logged at error level
    """

    _tinker_title: ClassVar[str] = "CreateSessionResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "session_id",
        "type",
        "info_message",
        "warning_message",
        "error_message",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "create_session")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "session_id",
        }
    )

    session_id: str = _attrs_field(metadata={"wire": "session_id", "annotation": "str"})
    type: Literal["create_session"] = _attrs_field(
        default="create_session", metadata={"wire": "type", "annotation": "Literal['create_session']"}
    )
    info_message: str | None = _attrs_field(
        default=None, metadata={"wire": "info_message", "annotation": "str | None", "doc": "logged at info level"}
    )
    warning_message: str | None = _attrs_field(
        default=None, metadata={"wire": "warning_message", "annotation": "str | None", "doc": "logged at warning level"}
    )
    error_message: str | None = _attrs_field(
        default=None, metadata={"wire": "error_message", "annotation": "str | None", "doc": "logged at error level"}
    )

    def __init__(
        self,
        *,
        session_id: str,
        type: Literal["create_session"] = _D_type,
        info_message: str | None = _D_info_message,
        warning_message: str | None = _D_warning_message,
        error_message: str | None = _D_error_message,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "session_id",
        }
        try:
            _tinker_set(self, "session_id", _C_session_id(session_id, ("session_id",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            if _f.omitted(info_message, _D_info_message):
                _tinker_set(self, "info_message", _D_info_message.get())
            else:
                _tinker_fs.add("info_message")
                _tinker_set(self, "info_message", _C_info_message(info_message, ("info_message",)))
            if _f.omitted(warning_message, _D_warning_message):
                _tinker_set(self, "warning_message", _D_warning_message.get())
            else:
                _tinker_fs.add("warning_message")
                _tinker_set(self, "warning_message", _C_warning_message(warning_message, ("warning_message",)))
            if _f.omitted(error_message, _D_error_message):
                _tinker_set(self, "error_message", _D_error_message.get())
            else:
                _tinker_fs.add("error_message")
                _tinker_set(self, "error_message", _C_error_message(error_message, ("error_message",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CreateSessionResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["session_id"] = self.session_id
        out["type"] = self.type
        if self.info_message is not None:
            out["info_message"] = self.info_message
        if self.warning_message is not None:
            out["warning_message"] = self.warning_message
        if self.error_message is not None:
            out["error_message"] = self.error_message
        return out
