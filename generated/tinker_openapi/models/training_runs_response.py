from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.cursor import Cursor
    from ..models.training_run import TrainingRun

    pass

_C_training_runs: _f.Converter = _f.list_of(_f.model(_f.ModelRef(__package__, "training_run", "TrainingRun")))
_C_cursor: _f.Converter = _f.model(_f.ModelRef(__package__, "cursor", "Cursor"))


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class TrainingRunsResponse(TinkerModel):
    """
    The TrainingRunsResponse type of the Tinker API.

    Attributes:
        training_runs:
        cursor:
    """

    _tinker_title: ClassVar[str] = "TrainingRunsResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "training_runs",
        "cursor",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "training_runs",
            "cursor",
        }
    )

    training_runs: list[TrainingRun] = _attrs_field(
        metadata={"wire": "training_runs", "annotation": "list[TrainingRun]"}
    )
    cursor: Cursor = _attrs_field(metadata={"wire": "cursor", "annotation": "Cursor"})

    def __init__(
        self,
        *,
        training_runs: Sequence[TrainingRun],
        cursor: Cursor,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "training_runs",
            "cursor",
        }
        try:
            _tinker_set(self, "training_runs", _C_training_runs(training_runs, ("training_runs",)))
            _tinker_set(self, "cursor", _C_cursor(cursor, ("cursor",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("TrainingRunsResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["training_runs"] = [x.to_dict() for x in self.training_runs]
        out["cursor"] = self.cursor.to_dict()
        return out
