from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.checkpoints import ParsedCheckpointTinkerPathBehaviour
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.checkpoint_type import CheckpointType

    pass

_C_tinker_path: _f.Converter = _f.as_str
_C_training_run_id: _f.Converter = _f.as_str
_C_checkpoint_type: _f.Converter = _f.choice(
    frozenset(
        {
            "external",
            "sampler",
            "training",
        }
    )
)
_C_checkpoint_id: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ParsedCheckpointTinkerPath(ParsedCheckpointTinkerPathBehaviour, TinkerModel):
    """
    a tinker:// checkpoint path taken apart (from_tinker_path); not sent on the wire

    Attributes:
        tinker_path:
        training_run_id:
        checkpoint_type:
        checkpoint_id: <kind>/<name>
    """

    _tinker_title: ClassVar[str] = "ParsedCheckpointTinkerPath"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "tinker_path",
        "training_run_id",
        "checkpoint_type",
        "checkpoint_id",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "tinker_path",
            "training_run_id",
            "checkpoint_type",
            "checkpoint_id",
        }
    )

    tinker_path: str = _attrs_field(metadata={"wire": "tinker_path", "annotation": "str"})
    training_run_id: str = _attrs_field(metadata={"wire": "training_run_id", "annotation": "str"})
    checkpoint_type: CheckpointType = _attrs_field(metadata={"wire": "checkpoint_type", "annotation": "CheckpointType"})
    checkpoint_id: str = _attrs_field(
        metadata={"wire": "checkpoint_id", "annotation": "str", "doc": "\u003ckind\u003e/\u003cname\u003e"}
    )

    def __init__(
        self,
        *,
        tinker_path: str,
        training_run_id: str,
        checkpoint_type: CheckpointType,
        checkpoint_id: str,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "tinker_path",
            "training_run_id",
            "checkpoint_type",
            "checkpoint_id",
        }
        try:
            _tinker_set(self, "tinker_path", _C_tinker_path(tinker_path, ("tinker_path",)))
            _tinker_set(self, "training_run_id", _C_training_run_id(training_run_id, ("training_run_id",)))
            _tinker_set(self, "checkpoint_type", _C_checkpoint_type(checkpoint_type, ("checkpoint_type",)))
            _tinker_set(self, "checkpoint_id", _C_checkpoint_id(checkpoint_id, ("checkpoint_id",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ParsedCheckpointTinkerPath", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["tinker_path"] = self.tinker_path
        out["training_run_id"] = self.training_run_id
        out["checkpoint_type"] = self.checkpoint_type
        out["checkpoint_id"] = self.checkpoint_id
        return out
