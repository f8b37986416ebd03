from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.api_key_details import ApiKeyDetails

    pass

_C_key_id: _f.Converter = _f.as_int
_C_name: _f.Converter = _f.as_str
_C_note: _f.Converter = _f.nullable(_f.as_str)
_C_details: _f.Converter = _f.model(_f.ModelRef(__package__, "api_key_details", "ApiKeyDetails"))


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ApiKeyInfoResponse(TinkerModel):
    """
    The ApiKeyInfoResponse type of the Tinker API.

    Attributes:
        key_id:
        name:
        note:
        details:
    """

    _tinker_title: ClassVar[str] = "ApiKeyInfoResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "key_id",
        "name",
        "note",
        "details",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "key_id",
            "name",
            "note",
            "details",
        }
    )

    key_id: int = _attrs_field(metadata={"wire": "key_id", "annotation": "int"})
    name: str = _attrs_field(metadata={"wire": "name", "annotation": "str"})
    note: str | None = _attrs_field(metadata={"wire": "note", "annotation": "str | None"})
    details: ApiKeyDetails = _attrs_field(metadata={"wire": "details", "annotation": "ApiKeyDetails"})

    def __init__(
        self,
        *,
        key_id: int,
        name: str,
        note: str | None,
        details: ApiKeyDetails,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "key_id",
            "name",
            "note",
            "details",
        }
        try:
            _tinker_set(self, "key_id", _C_key_id(key_id, ("key_id",)))
            _tinker_set(self, "name", _C_name(name, ("name",)))
            _tinker_set(self, "note", _C_note(note, ("note",)))
            _tinker_set(self, "details", _C_details(details, ("details",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ApiKeyInfoResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["key_id"] = self.key_id
        out["name"] = self.name
        out["note"] = None if self.note is None else self.note
        out["details"] = self.details.to_dict()
        return out
