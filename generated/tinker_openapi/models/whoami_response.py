from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_user_urn: _f.Converter = _f.as_str
_C_org_urn: _f.Converter = _f.as_str
_C_email: _f.Converter = _f.nullable(_f.as_str)
_D_email: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class WhoamiResponse(TinkerModel):
    """
    the identity behind the credential (0.38 `RestClient.whoami`)

    Attributes:
        user_urn:
        org_urn:
        email:
    """

    _tinker_title: ClassVar[str] = "WhoamiResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "user_urn",
        "org_urn",
        "email",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "user_urn",
            "org_urn",
        }
    )

    user_urn: str = _attrs_field(metadata={"wire": "user_urn", "annotation": "str"})
    org_urn: str = _attrs_field(metadata={"wire": "org_urn", "annotation": "str"})
    email: str | None = _attrs_field(default=None, metadata={"wire": "email", "annotation": "str | None"})

    def __init__(
        self,
        *,
        user_urn: str,
        org_urn: str,
        email: str | None = _D_email,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "user_urn",
            "org_urn",
        }
        try:
            _tinker_set(self, "user_urn", _C_user_urn(user_urn, ("user_urn",)))
            _tinker_set(self, "org_urn", _C_org_urn(org_urn, ("org_urn",)))
            if _f.omitted(email, _D_email):
                _tinker_set(self, "email", _D_email.get())
            else:
                _tinker_fs.add("email")
                _tinker_set(self, "email", _C_email(email, ("email",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("WhoamiResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["user_urn"] = self.user_urn
        out["org_urn"] = self.org_urn
        if self.email is not None:
            out["email"] = self.email
        return out
