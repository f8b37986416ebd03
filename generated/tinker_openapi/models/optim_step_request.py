from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.adam_params import AdamParams
    from ..models.dimuon_params import DimuonParams
    from ..models.optim_params_base import OptimParamsBase

    pass

_C_model_id: _f.Converter = _f.as_str
_C_seq_id: _f.Converter = _f.nullable(_f.as_int)
_D_seq_id: Any = _f.Default(None)
_C_type: _f.Converter = _f.const("optim_step")
_D_type: Any = _f.Default("optim_step")
_C_adam_params: _f.Converter = _f.nullable(_f.model(_f.ModelRef(__package__, "adam_params", "AdamParams")))
_D_adam_params: Any = _f.Default(None)
_C_optimizer_params: _f.Converter = _f.nullable(
    _f.untagged(
        _f.ModelRef(__package__, "dimuon_params", "DimuonParams"),
        _f.ModelRef(__package__, "optim_params_base", "OptimParamsBase"),
    )
)
_D_optimizer_params: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class OptimStepRequest(TinkerModel):
    """
    send `adam_params` for Adam models, `optimizer_params` (0.38) for other families

    Attributes:
        model_id:
        seq_id:
        type:
        adam_params:
        optimizer_params:
    """

    _tinker_title: ClassVar[str] = "OptimStepRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "model_id",
        "seq_id",
        "type",
        "adam_params",
        "optimizer_params",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "optim_step")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "model_id",
        }
    )

    model_id: str = _attrs_field(metadata={"wire": "model_id", "annotation": "str"})
    seq_id: int | None = _attrs_field(default=None, metadata={"wire": "seq_id", "annotation": "int | None"})
    type: Literal["optim_step"] = _attrs_field(
        default="optim_step", metadata={"wire": "type", "annotation": "Literal['optim_step']"}
    )
    adam_params: AdamParams | None = _attrs_field(
        default=None, metadata={"wire": "adam_params", "annotation": "AdamParams | None"}
    )
    optimizer_params: DimuonParams | OptimParamsBase | None = _attrs_field(
        default=None, metadata={"wire": "optimizer_params", "annotation": "DimuonParams | OptimParamsBase | None"}
    )

    def __init__(
        self,
        *,
        model_id: str,
        seq_id: int | None = _D_seq_id,
        type: Literal["optim_step"] = _D_type,
        adam_params: AdamParams | None = _D_adam_params,
        optimizer_params: DimuonParams | OptimParamsBase | None = _D_optimizer_params,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("OptimStepRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "model_id",
        }
        try:
            _tinker_set(self, "model_id", _C_model_id(model_id, ("model_id",)))
            if _f.omitted(seq_id, _D_seq_id):
                _tinker_set(self, "seq_id", _D_seq_id.get())
            else:
                _tinker_fs.add("seq_id")
                _tinker_set(self, "seq_id", _C_seq_id(seq_id, ("seq_id",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            if _f.omitted(adam_params, _D_adam_params):
                _tinker_set(self, "adam_params", _D_adam_params.get())
            else:
                _tinker_fs.add("adam_params")
                _tinker_set(self, "adam_params", _C_adam_params(adam_params, ("adam_params",)))
            if _f.omitted(optimizer_params, _D_optimizer_params):
                _tinker_set(self, "optimizer_params", _D_optimizer_params.get())
            else:
                _tinker_fs.add("optimizer_params")
                _tinker_set(self, "optimizer_params", _C_optimizer_params(optimizer_params, ("optimizer_params",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("OptimStepRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["model_id"] = self.model_id
        if self.seq_id is not None:
            out["seq_id"] = self.seq_id
        out["type"] = self.type
        if self.adam_params is not None:
            out["adam_params"] = _f.to_wire(self.adam_params)
        if self.optimizer_params is not None:
            out["optimizer_params"] = _f.to_wire(self.optimizer_params)
        return out
