from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.const("request")
_D_type: Any = _f.Default("request")
_C_request_id: _f.Converter = _f.as_str
_C_request_type: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionFailedRequestReason(TinkerModel):
    """
    The SessionFailedRequestReason type of the Tinker API.

    Attributes:
        type:
        request_id:
        request_type:
    """

    _tinker_title: ClassVar[str] = "SessionFailedRequestReason"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "request_id",
        "request_type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "request")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "request_id",
            "request_type",
        }
    )

    type: Literal["request"] = _attrs_field(
        default="request", metadata={"wire": "type", "annotation": "Literal['request']"}
    )
    request_id: str = _attrs_field(metadata={"wire": "request_id", "annotation": "str"})
    request_type: str = _attrs_field(metadata={"wire": "request_type", "annotation": "str"})

    def __init__(
        self,
        *,
        request_id: str,
        request_type: str,
        type: Literal["request"] = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "request_id",
            "request_type",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            _tinker_set(self, "request_id", _C_request_id(request_id, ("request_id",)))
            _tinker_set(self, "request_type", _C_request_type(request_type, ("request_type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionFailedRequestReason", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["type"] = self.type
        out["request_id"] = self.request_id
        out["request_type"] = self.request_type
        return out
