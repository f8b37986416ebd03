from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.checkpoints import TrainingRunBehaviour
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.checkpoint import Checkpoint
    from ..models.string_user_metadata import StringUserMetadata

    pass

_C_training_run_id: _f.Converter = _f.as_str
_C_base_model: _f.Converter = _f.as_str
_C_model_owner: _f.Converter = _f.as_str
_C_is_lora: _f.Converter = _f.as_bool
_C_corrupted: _f.Converter = _f.as_bool
_D_corrupted: Any = _f.Default(False)
_C_lora_rank: _f.Converter = _f.nullable(_f.as_int)
_D_lora_rank: Any = _f.Default(None)
_C_last_request_time: _f.Converter = _f.first_of(
    _f.as_datetime,
    _f.as_str,
)
_C_last_checkpoint: _f.Converter = _f.nullable(_f.model(_f.ModelRef(__package__, "checkpoint", "Checkpoint")))
_D_last_checkpoint: Any = _f.Default(None)
_C_last_sampler_checkpoint: _f.Converter = _f.nullable(_f.model(_f.ModelRef(__package__, "checkpoint", "Checkpoint")))
_D_last_sampler_checkpoint: Any = _f.Default(None)
_C_user_metadata: _f.Converter = _f.nullable(_f.map_of(_f.as_str))
_D_user_metadata: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class TrainingRun(TrainingRunBehaviour, TinkerModel):
    """
    The TrainingRun type of the Tinker API.

    Attributes:
        training_run_id:
        base_model:
        model_owner:
        is_lora:
        corrupted: absent means false
        lora_rank:
        last_request_time:
        last_checkpoint:
        last_sampler_checkpoint:
        user_metadata:
    """

    _tinker_title: ClassVar[str] = "TrainingRun"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "training_run_id",
        "base_model",
        "model_owner",
        "is_lora",
        "corrupted",
        "lora_rank",
        "last_request_time",
        "last_checkpoint",
        "last_sampler_checkpoint",
        "user_metadata",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "training_run_id",
            "base_model",
            "model_owner",
            "is_lora",
            "last_request_time",
        }
    )

    training_run_id: str = _attrs_field(metadata={"wire": "training_run_id", "annotation": "str"})
    base_model: str = _attrs_field(metadata={"wire": "base_model", "annotation": "str"})
    model_owner: str = _attrs_field(metadata={"wire": "model_owner", "annotation": "str"})
    is_lora: bool = _attrs_field(metadata={"wire": "is_lora", "annotation": "bool"})
    corrupted: bool = _attrs_field(
        default=False, metadata={"wire": "corrupted", "annotation": "bool", "doc": "absent means false"}
    )
    lora_rank: int | None = _attrs_field(default=None, metadata={"wire": "lora_rank", "annotation": "int | None"})
    last_request_time: datetime.datetime | str = _attrs_field(
        metadata={"wire": "last_request_time", "annotation": "datetime.datetime | str"}
    )
    last_checkpoint: Checkpoint | None = _attrs_field(
        default=None, metadata={"wire": "last_checkpoint", "annotation": "Checkpoint | None"}
    )
    last_sampler_checkpoint: Checkpoint | None = _attrs_field(
        default=None, metadata={"wire": "last_sampler_checkpoint", "annotation": "Checkpoint | None"}
    )
    user_metadata: StringUserMetadata | None = _attrs_field(
        default=None, metadata={"wire": "user_metadata", "annotation": "StringUserMetadata | None"}
    )

    def __init__(
        self,
        *,
        training_run_id: str,
        base_model: str,
        model_owner: str,
        is_lora: bool,
        last_request_time: datetime.datetime | str,
        corrupted: bool = _D_corrupted,
        lora_rank: int | None = _D_lora_rank,
        last_checkpoint: Checkpoint | None = _D_last_checkpoint,
        last_sampler_checkpoint: Checkpoint | None = _D_last_sampler_checkpoint,
        user_metadata: StringUserMetadata | None = _D_user_metadata,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "training_run_id",
            "base_model",
            "model_owner",
            "is_lora",
            "last_request_time",
        }
        try:
            _tinker_set(self, "training_run_id", _C_training_run_id(training_run_id, ("training_run_id",)))
            _tinker_set(self, "base_model", _C_base_model(base_model, ("base_model",)))
            _tinker_set(self, "model_owner", _C_model_owner(model_owner, ("model_owner",)))
            _tinker_set(self, "is_lora", _C_is_lora(is_lora, ("is_lora",)))
            if _f.omitted(corrupted, _D_corrupted):
                _tinker_set(self, "corrupted", _D_corrupted.get())
            else:
                _tinker_fs.add("corrupted")
                _tinker_set(self, "corrupted", _C_corrupted(corrupted, ("corrupted",)))
            if _f.omitted(lora_rank, _D_lora_rank):
                _tinker_set(self, "lora_rank", _D_lora_rank.get())
            else:
                _tinker_fs.add("lora_rank")
                _tinker_set(self, "lora_rank", _C_lora_rank(lora_rank, ("lora_rank",)))
            _tinker_set(self, "last_request_time", _C_last_request_time(last_request_time, ("last_request_time",)))
            if _f.omitted(last_checkpoint, _D_last_checkpoint):
                _tinker_set(self, "last_checkpoint", _D_last_checkpoint.get())
            else:
                _tinker_fs.add("last_checkpoint")
                _tinker_set(self, "last_checkpoint", _C_last_checkpoint(last_checkpoint, ("last_checkpoint",)))
            if _f.omitted(last_sampler_checkpoint, _D_last_sampler_checkpoint):
                _tinker_set(self, "last_sampler_checkpoint", _D_last_sampler_checkpoint.get())
            else:
                _tinker_fs.add("last_sampler_checkpoint")
                _tinker_set(
                    self,
                    "last_sampler_checkpoint",
                    _C_last_sampler_checkpoint(last_sampler_checkpoint, ("last_sampler_checkpoint",)),
                )
            if _f.omitted(user_metadata, _D_user_metadata):
                _tinker_set(self, "user_metadata", _D_user_metadata.get())
            else:
                _tinker_fs.add("user_metadata")
                _tinker_set(self, "user_metadata", _C_user_metadata(user_metadata, ("user_metadata",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("TrainingRun", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["training_run_id"] = self.training_run_id
        out["base_model"] = self.base_model
        out["model_owner"] = self.model_owner
        out["is_lora"] = self.is_lora
        out["corrupted"] = self.corrupted
        if self.lora_rank is not None:
            out["lora_rank"] = self.lora_rank
        out["last_request_time"] = _f.to_wire(self.last_request_time)
        if self.last_checkpoint is not None:
            out["last_checkpoint"] = _f.to_wire(self.last_checkpoint)
        if self.last_sampler_checkpoint is not None:
            out["last_sampler_checkpoint"] = _f.to_wire(self.last_sampler_checkpoint)
        if self.user_metadata is not None:
            out["user_metadata"] = _f.to_wire(self.user_metadata)
        return out
