from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.string_user_metadata import StringUserMetadata

    pass

_C_user_metadata: _f.Converter = _f.nullable(_f.map_of(_f.as_str))
_D_user_metadata: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class BillingUsageSession(TinkerModel):
    """
    The BillingUsageSession type of the Tinker API.

    Attributes:
        user_metadata:
    """

    _tinker_title: ClassVar[str] = "BillingUsageSession"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("user_metadata",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    user_metadata: StringUserMetadata | None = _attrs_field(
        default=None, metadata={"wire": "user_metadata", "annotation": "StringUserMetadata | None"}
    )

    def __init__(
        self,
        *,
        user_metadata: StringUserMetadata | None = _D_user_metadata,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(user_metadata, _D_user_metadata):
                _tinker_set(self, "user_metadata", _D_user_metadata.get())
            else:
                _tinker_fs.add("user_metadata")
                _tinker_set(self, "user_metadata", _C_user_metadata(user_metadata, ("user_metadata",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("BillingUsageSession", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        if self.user_metadata is not None:
            out["user_metadata"] = _f.to_wire(self.user_metadata)
        return out
