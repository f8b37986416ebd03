from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.future_failed import FutureFailed
    from ..models.future_finished import FutureFinished

    pass

_C_completions: _f.Converter = _f.list_of(
    _f.untagged(
        _f.ModelRef(__package__, "future_finished", "FutureFinished"),
        _f.ModelRef(__package__, "future_failed", "FutureFailed"),
    )
)
_C_cursor: _f.Converter = _f.as_int


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class FuturesRetrieveResponse(TinkerModel):
    """
    The FuturesRetrieveResponse type of the Tinker API.

    Attributes:
        completions:
        cursor:
    """

    _tinker_title: ClassVar[str] = "FuturesRetrieveResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "completions",
        "cursor",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "completions",
            "cursor",
        }
    )

    completions: list[FutureFinished | FutureFailed] = _attrs_field(
        metadata={"wire": "completions", "annotation": "list[FutureFinished | FutureFailed]"}
    )
    cursor: int = _attrs_field(metadata={"wire": "cursor", "annotation": "int"})

    def __init__(
        self,
        *,
        completions: Sequence[FutureFinished | FutureFailed],
        cursor: int,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "completions",
            "cursor",
        }
        try:
            _tinker_set(self, "completions", _C_completions(completions, ("completions",)))
            _tinker_set(self, "cursor", _C_cursor(cursor, ("cursor",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("FuturesRetrieveResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["completions"] = [_f.to_wire(x) for x in self.completions]
        out["cursor"] = self.cursor
        return out
