from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.external_weights_urls import ExternalWeightsUrls

    pass

_C_urls: _f.Converter = _f.map_of(_f.as_str)
_C_expires: _f.Converter = _f.as_datetime


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ExternalWeightsUrlsResponse(TinkerModel):
    """
    The ExternalWeightsUrlsResponse type of the Tinker API.

    Attributes:
        urls: file name -> signed URL
        expires:
    """

    _tinker_title: ClassVar[str] = "ExternalWeightsUrlsResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "urls",
        "expires",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "urls",
            "expires",
        }
    )

    urls: ExternalWeightsUrls = _attrs_field(
        metadata={"wire": "urls", "annotation": "ExternalWeightsUrls", "doc": "file name -\u003e signed URL"}
    )
    expires: datetime.datetime = _attrs_field(metadata={"wire": "expires", "annotation": "datetime.datetime"})

    def __init__(
        self,
        *,
        urls: ExternalWeightsUrls,
        expires: datetime.datetime,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "urls",
            "expires",
        }
        try:
            _tinker_set(self, "urls", _C_urls(urls, ("urls",)))
            _tinker_set(self, "expires", _C_expires(expires, ("expires",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ExternalWeightsUrlsResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["urls"] = dict(self.urls)
        out["expires"] = self.expires.isoformat()
        return out
