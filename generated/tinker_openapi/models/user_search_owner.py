from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.const("user")
_D_type: Any = _f.Default("user")
_C_owner_urns: _f.Converter = _f.bounded(
    _f.list_of(_f.as_str),
    min_len=1,
    max_len=10,
)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class UserSearchOwner(TinkerModel):
    """
    The UserSearchOwner type of the Tinker API.

    Attributes:
        type:
        owner_urns:
    """

    _tinker_title: ClassVar[str] = "UserSearchOwner"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "owner_urns",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "user")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "owner_urns",
        }
    )

    type: Literal["user"] = _attrs_field(default="user", metadata={"wire": "type", "annotation": "Literal['user']"})
    owner_urns: list[str] = _attrs_field(metadata={"wire": "owner_urns", "annotation": "list[str]"})

    def __init__(
        self,
        *,
        owner_urns: Sequence[str],
        type: Literal["user"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("UserSearchOwner", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "owner_urns",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            _tinker_set(self, "owner_urns", _C_owner_urns(owner_urns, ("owner_urns",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("UserSearchOwner", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["type"] = self.type
        out["owner_urns"] = list(self.owner_urns)
        return out
