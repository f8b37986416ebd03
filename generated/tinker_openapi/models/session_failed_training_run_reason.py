from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.const("training_run")
_D_type: Any = _f.Default("training_run")
_C_training_run_id: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionFailedTrainingRunReason(TinkerModel):
    """
    The SessionFailedTrainingRunReason type of the Tinker API.

    Attributes:
        type:
        training_run_id:
    """

    _tinker_title: ClassVar[str] = "SessionFailedTrainingRunReason"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "training_run_id",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "training_run")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "training_run_id",
        }
    )

    type: Literal["training_run"] = _attrs_field(
        default="training_run", metadata={"wire": "type", "annotation": "Literal['training_run']"}
    )
    training_run_id: str = _attrs_field(metadata={"wire": "training_run_id", "annotation": "str"})

    def __init__(
        self,
        *,
        training_run_id: str,
        type: Literal["training_run"] = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "training_run_id",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            _tinker_set(self, "training_run_id", _C_training_run_id(training_run_id, ("training_run_id",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionFailedTrainingRunReason", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["type"] = self.type
        out["training_run_id"] = self.training_run_id
        return out
