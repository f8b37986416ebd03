from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.trace_export_status import TraceExportStatus

    pass

_C_status: _f.Converter = _f.as_str
_C_url: _f.Converter = _f.nullable(_f.as_str)
_D_url: Any = _f.Default(None)
_C_error: _f.Converter = _f.nullable(_f.as_str)
_D_error: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class TraceExportResponse(TinkerModel):
    """
    The TraceExportResponse type of the Tinker API.

    Attributes:
        status:
        url:
        error:
    """

    _tinker_title: ClassVar[str] = "TraceExportResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "status",
        "url",
        "error",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "status",
        }
    )

    status: TraceExportStatus | str = _attrs_field(metadata={"wire": "status", "annotation": "TraceExportStatus | str"})
    url: str | None = _attrs_field(default=None, metadata={"wire": "url", "annotation": "str | None"})
    error: str | None = _attrs_field(default=None, metadata={"wire": "error", "annotation": "str | None"})

    def __init__(
        self,
        *,
        status: TraceExportStatus | str,
        url: str | None = _D_url,
        error: str | None = _D_error,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "status",
        }
        try:
            _tinker_set(self, "status", _C_status(status, ("status",)))
            if _f.omitted(url, _D_url):
                _tinker_set(self, "url", _D_url.get())
            else:
                _tinker_fs.add("url")
                _tinker_set(self, "url", _C_url(url, ("url",)))
            if _f.omitted(error, _D_error):
                _tinker_set(self, "error", _D_error.get())
            else:
                _tinker_fs.add("error")
                _tinker_set(self, "error", _C_error(error, ("error",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("TraceExportResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["status"] = self.status
        if self.url is not None:
            out["url"] = self.url
        if self.error is not None:
            out["error"] = self.error
        return out
