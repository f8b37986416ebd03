from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.api_key_org_details import ApiKeyOrgDetails
    from ..models.api_key_user_details import ApiKeyUserDetails

    pass

_C_org_details: _f.Converter = _f.model(_f.ModelRef(__package__, "api_key_org_details", "ApiKeyOrgDetails"))
_C_user_details: _f.Converter = _f.model(_f.ModelRef(__package__, "api_key_user_details", "ApiKeyUserDetails"))


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ApiKeyDetails(TinkerModel):
    """
    The ApiKeyDetails type of the Tinker API.

    Attributes:
        org_details:
        user_details:
    """

    _tinker_title: ClassVar[str] = "ApiKeyDetails"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "org_details",
        "user_details",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "org_details",
            "user_details",
        }
    )

    org_details: ApiKeyOrgDetails = _attrs_field(metadata={"wire": "org_details", "annotation": "ApiKeyOrgDetails"})
    user_details: ApiKeyUserDetails = _attrs_field(metadata={"wire": "user_details", "annotation": "ApiKeyUserDetails"})

    def __init__(
        self,
        *,
        org_details: ApiKeyOrgDetails,
        user_details: ApiKeyUserDetails,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "org_details",
            "user_details",
        }
        try:
            _tinker_set(self, "org_details", _C_org_details(org_details, ("org_details",)))
            _tinker_set(self, "user_details", _C_user_details(user_details, ("user_details",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ApiKeyDetails", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["org_details"] = self.org_details.to_dict()
        out["user_details"] = self.user_details.to_dict()
        return out
