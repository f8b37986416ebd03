from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.checkpoint import Checkpoint
    from ..models.cursor import Cursor

    pass

_C_checkpoints: _f.Converter = _f.list_of(_f.model(_f.ModelRef(__package__, "checkpoint", "Checkpoint")))
_C_cursor: _f.Converter = _f.nullable(_f.model(_f.ModelRef(__package__, "cursor", "Cursor")))
_D_cursor: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CheckpointsListResponse(TinkerModel):
    """
    The CheckpointsListResponse type of the Tinker API.

    Attributes:
        checkpoints:
        cursor:
    """

    _tinker_title: ClassVar[str] = "CheckpointsListResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "checkpoints",
        "cursor",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "checkpoints",
        }
    )

    checkpoints: list[Checkpoint] = _attrs_field(metadata={"wire": "checkpoints", "annotation": "list[Checkpoint]"})
    cursor: Cursor | None = _attrs_field(default=None, metadata={"wire": "cursor", "annotation": "Cursor | None"})

    def __init__(
        self,
        *,
        checkpoints: Sequence[Checkpoint],
        cursor: Cursor | None = _D_cursor,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "checkpoints",
        }
        try:
            _tinker_set(self, "checkpoints", _C_checkpoints(checkpoints, ("checkpoints",)))
            if _f.omitted(cursor, _D_cursor):
                _tinker_set(self, "cursor", _D_cursor.get())
            else:
                _tinker_fs.add("cursor")
                _tinker_set(self, "cursor", _C_cursor(cursor, ("cursor",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CheckpointsListResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["checkpoints"] = [x.to_dict() for x in self.checkpoints]
        if self.cursor is not None:
            out["cursor"] = _f.to_wire(self.cursor)
        return out
