from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.finish_session_reason import FinishSessionReason

    pass

_C_reason: _f.Converter = _f.model(_f.ModelRef(__package__, "finish_session_reason", "FinishSessionReason"))
_C_detail: _f.Converter = _f.nullable(_f.as_str)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class FinishSessionRequest(TinkerModel):
    """
    The FinishSessionRequest type of the Tinker API.

    Attributes:
        reason:
        detail: sent even when null
    """

    _tinker_title: ClassVar[str] = "FinishSessionRequest"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "reason",
        "detail",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "reason",
            "detail",
        }
    )

    reason: FinishSessionReason = _attrs_field(metadata={"wire": "reason", "annotation": "FinishSessionReason"})
    detail: str | None = _attrs_field(
        metadata={"wire": "detail", "annotation": "str | None", "doc": "sent even when null"}
    )

    def __init__(
        self,
        *,
        reason: FinishSessionReason,
        detail: str | None,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "reason",
            "detail",
        }
        try:
            _tinker_set(self, "reason", _C_reason(reason, ("reason",)))
            _tinker_set(self, "detail", _C_detail(detail, ("detail",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("FinishSessionRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["reason"] = self.reason.to_dict()
        out["detail"] = None if self.detail is None else self.detail
        return out
