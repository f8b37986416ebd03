from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_url: _f.Converter = _f.as_str
_C_expires: _f.Converter = _f.nullable(
    _f.first_of(
        _f.as_datetime,
        _f.as_str,
    )
)
_D_expires: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CheckpointArchiveUrlResponse(TinkerModel):
    """
    a signed download URL for a checkpoint archive

    Attributes:
        url:
        expires: a datetime when ISO 8601, else the raw text (TYP-20)
    """

    _tinker_title: ClassVar[str] = "CheckpointArchiveUrlResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "url",
        "expires",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "url",
        }
    )

    url: str = _attrs_field(metadata={"wire": "url", "annotation": "str"})
    expires: datetime.datetime | str | None = _attrs_field(
        default=None,
        metadata={
            "wire": "expires",
            "annotation": "datetime.datetime | str | None",
            "doc": "a datetime when ISO 8601, else the raw text (TYP-20)",
        },
    )

    def __init__(
        self,
        *,
        url: str,
        expires: datetime.datetime | str | None = _D_expires,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "url",
        }
        try:
            _tinker_set(self, "url", _C_url(url, ("url",)))
            if _f.omitted(expires, _D_expires):
                _tinker_set(self, "expires", _D_expires.get())
            else:
                _tinker_fs.add("expires")
                _tinker_set(self, "expires", _C_expires(expires, ("expires",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CheckpointArchiveUrlResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["url"] = self.url
        if self.expires is not None:
            out["expires"] = _f.to_wire(self.expires)
        return out
