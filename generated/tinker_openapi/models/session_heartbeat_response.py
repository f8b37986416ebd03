from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.const("session_heartbeat")
_D_type: Any = _f.Default("session_heartbeat")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionHeartbeatResponse(TinkerModel):
    """
    The SessionHeartbeatResponse type of the Tinker API.

    Attributes:
        type:
    """

    _tinker_title: ClassVar[str] = "SessionHeartbeatResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("type",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "session_heartbeat")
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    type: Literal["session_heartbeat"] = _attrs_field(
        default="session_heartbeat", metadata={"wire": "type", "annotation": "Literal['session_heartbeat']"}
    )

    def __init__(
        self,
        *,
        type: Literal["session_heartbeat"] = _D_type,
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
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionHeartbeatResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["type"] = self.type
        return out
