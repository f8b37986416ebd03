from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class AuthTokenRequest(TinkerModel):
    """
    always the empty object

    """

    _tinker_title: ClassVar[str] = "AuthTokenRequest"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ()
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    def __init__(
        self,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            pass
        except ValidationError as exc:
            raise exc.with_prefix("AuthTokenRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        return out
