from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_learning_rate: _f.Converter = _f.bounded(
    _f.as_finite_float,
    ge=0.0,
)
_D_learning_rate: Any = _f.Default(0.0001)
_C_beta1: _f.Converter = _f.bounded(
    _f.as_finite_float,
    ge=0.0,
    lt=1.0,
)
_D_beta1: Any = _f.Default(0.9)
_C_beta2: _f.Converter = _f.bounded(
    _f.as_finite_float,
    ge=0.0,
    lt=1.0,
)
_D_beta2: Any = _f.Default(0.95)
_C_eps: _f.Converter = _f.bounded(
    _f.as_finite_float,
    gt=0.0,
)
_D_eps: Any = _f.Default(1e-12)
_C_weight_decay: _f.Converter = _f.bounded(
    _f.as_finite_float,
    ge=0.0,
)
_D_weight_decay: Any = _f.Default(0.0)
_C_grad_clip_norm: _f.Converter = _f.bounded(
    _f.as_finite_float,
    ge=0.0,
)
_D_grad_clip_norm: Any = _f.Default(0.0)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class AdamParams(TinkerModel):
    """
    all six are always sent by the official SDK

    Attributes:
        learning_rate:
        beta1:
        beta2:
        eps:
        weight_decay: decoupled (AdamW)
        grad_clip_norm: 0 = no clipping
    """

    _tinker_title: ClassVar[str] = "AdamParams"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "learning_rate",
        "beta1",
        "beta2",
        "eps",
        "weight_decay",
        "grad_clip_norm",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    learning_rate: float = _attrs_field(default=0.0001, metadata={"wire": "learning_rate", "annotation": "float"})
    beta1: float = _attrs_field(default=0.9, metadata={"wire": "beta1", "annotation": "float"})
    beta2: float = _attrs_field(default=0.95, metadata={"wire": "beta2", "annotation": "float"})
    eps: float = _attrs_field(default=1e-12, metadata={"wire": "eps", "annotation": "float"})
    weight_decay: float = _attrs_field(
        default=0.0, metadata={"wire": "weight_decay", "annotation": "float", "doc": "decoupled (AdamW)"}
    )
    grad_clip_norm: float = _attrs_field(
        default=0.0, metadata={"wire": "grad_clip_norm", "annotation": "float", "doc": "0 = no clipping"}
    )

    def __init__(
        self,
        *,
        learning_rate: float = _D_learning_rate,
        beta1: float = _D_beta1,
        beta2: float = _D_beta2,
        eps: float = _D_eps,
        weight_decay: float = _D_weight_decay,
        grad_clip_norm: float = _D_grad_clip_norm,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("AdamParams", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(learning_rate, _D_learning_rate):
                _tinker_set(self, "learning_rate", _D_learning_rate.get())
            else:
                _tinker_fs.add("learning_rate")
                _tinker_set(self, "learning_rate", _C_learning_rate(learning_rate, ("learning_rate",)))
            if _f.omitted(beta1, _D_beta1):
                _tinker_set(self, "beta1", _D_beta1.get())
            else:
                _tinker_fs.add("beta1")
                _tinker_set(self, "beta1", _C_beta1(beta1, ("beta1",)))
            if _f.omitted(beta2, _D_beta2):
                _tinker_set(self, "beta2", _D_beta2.get())
            else:
                _tinker_fs.add("beta2")
                _tinker_set(self, "beta2", _C_beta2(beta2, ("beta2",)))
            if _f.omitted(eps, _D_eps):
                _tinker_set(self, "eps", _D_eps.get())
            else:
                _tinker_fs.add("eps")
                _tinker_set(self, "eps", _C_eps(eps, ("eps",)))
            if _f.omitted(weight_decay, _D_weight_decay):
                _tinker_set(self, "weight_decay", _D_weight_decay.get())
            else:
                _tinker_fs.add("weight_decay")
                _tinker_set(self, "weight_decay", _C_weight_decay(weight_decay, ("weight_decay",)))
            if _f.omitted(grad_clip_norm, _D_grad_clip_norm):
                _tinker_set(self, "grad_clip_norm", _D_grad_clip_norm.get())
            else:
                _tinker_fs.add("grad_clip_norm")
                _tinker_set(self, "grad_clip_norm", _C_grad_clip_norm(grad_clip_norm, ("grad_clip_norm",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("AdamParams", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["learning_rate"] = self.learning_rate
        out["beta1"] = self.beta1
        out["beta2"] = self.beta2
        out["eps"] = self.eps
        out["weight_decay"] = self.weight_decay
        out["grad_clip_norm"] = self.grad_clip_norm
        return out
