from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.audit_log_entry import AuditLogEntry

    pass

_C_entries: _f.Converter = _f.list_of(_f.model(_f.ModelRef(__package__, "audit_log_entry", "AuditLogEntry")))


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class AuditLogResponse(TinkerModel):
    """
    The AuditLogResponse type of the Tinker API.

    Attributes:
        entries:
    """

    _tinker_title: ClassVar[str] = "AuditLogResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("entries",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "entries",
        }
    )

    entries: list[AuditLogEntry] = _attrs_field(metadata={"wire": "entries", "annotation": "list[AuditLogEntry]"})

    def __init__(
        self,
        *,
        entries: Sequence[AuditLogEntry],
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "entries",
        }
        try:
            _tinker_set(self, "entries", _C_entries(entries, ("entries",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("AuditLogResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["entries"] = [x.to_dict() for x in self.entries]
        return out
