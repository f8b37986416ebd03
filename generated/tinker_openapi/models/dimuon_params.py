from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.const("dimuon")
_D_type: Any = _f.Default("dimuon")
_C_learning_rate: _f.Converter = _f.bounded(
    _f.as_finite_float,
    ge=0.0,
)
_C_grad_clip_norm: _f.Converter = _f.bounded(
    _f.as_finite_float,
    ge=0.0,
)
_D_grad_clip_norm: Any = _f.Default(0.0)
_C_beta1: _f.Converter = _f.bounded(
    _f.as_finite_float,
    ge=0.0,
    lt=1.0,
)
_D_beta1: Any = _f.Default(0.9)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class DimuonParams(TinkerModel):
    """
    per-step hyperparameters of the Dimuon family (0.38)

    Attributes:
        type:
        learning_rate:
        grad_clip_norm:
        beta1:
    """

    _tinker_title: ClassVar[str] = "DimuonParams"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "learning_rate",
        "grad_clip_norm",
        "beta1",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "dimuon")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "learning_rate",
        }
    )

    type: Literal["dimuon"] = _attrs_field(
        default="dimuon", metadata={"wire": "type", "annotation": "Literal['dimuon']"}
    )
    learning_rate: float = _attrs_field(metadata={"wire": "learning_rate", "annotation": "float"})
    grad_clip_norm: float = _attrs_field(default=0.0, metadata={"wire": "grad_clip_norm", "annotation": "float"})
    beta1: float = _attrs_field(default=0.9, metadata={"wire": "beta1", "annotation": "float"})

    def __init__(
        self,
        *,
        learning_rate: float,
        type: Literal["dimuon"] = _D_type,
        grad_clip_norm: float = _D_grad_clip_norm,
        beta1: float = _D_beta1,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("DimuonParams", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "learning_rate",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            _tinker_set(self, "learning_rate", _C_learning_rate(learning_rate, ("learning_rate",)))
            if _f.omitted(grad_clip_norm, _D_grad_clip_norm):
                _tinker_set(self, "grad_clip_norm", _D_grad_clip_norm.get())
            else:
                _tinker_fs.add("grad_clip_norm")
                _tinker_set(self, "grad_clip_norm", _C_grad_clip_norm(grad_clip_norm, ("grad_clip_norm",)))
            if _f.omitted(beta1, _D_beta1):
                _tinker_set(self, "beta1", _D_beta1.get())
            else:
                _tinker_fs.add("beta1")
                _tinker_set(self, "beta1", _C_beta1(beta1, ("beta1",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("DimuonParams", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["type"] = self.type
        out["learning_rate"] = self.learning_rate
        out["grad_clip_norm"] = self.grad_clip_norm
        out["beta1"] = self.beta1
        return out
