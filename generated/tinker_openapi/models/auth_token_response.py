from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_jwt: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class AuthTokenResponse(TinkerModel):
    """
    The AuthTokenResponse type of the Tinker API.

    Attributes:
        jwt:
    """

    _tinker_title: ClassVar[str] = "AuthTokenResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("jwt",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "jwt",
        }
    )

    jwt: str = _attrs_field(metadata={"wire": "jwt", "annotation": "str"})

    def __init__(
        self,
        *,
        jwt: str,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "jwt",
        }
        try:
            _tinker_set(self, "jwt", _C_jwt(jwt, ("jwt",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("AuthTokenResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["jwt"] = self.jwt
        return out
