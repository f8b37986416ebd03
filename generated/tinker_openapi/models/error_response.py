from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_detail: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ErrorResponse(TinkerModel):
    """
    Error body of every 4xx/5xx reply of the local server (FastAPI style).

    Attributes:
        detail: human-readable reason, naming the offending field where there is one
    """

    _tinker_title: ClassVar[str] = "ErrorResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("detail",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "detail",
        }
    )

    detail: str = _attrs_field(
        metadata={
            "wire": "detail",
            "annotation": "str",
            "doc": "human-readable reason, naming the offending field where there is one",
        }
    )

    def __init__(
        self,
        *,
        detail: str,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "detail",
        }
        try:
            _tinker_set(self, "detail", _C_detail(detail, ("detail",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ErrorResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["detail"] = self.detail
        return out
