from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.datum import Datum
    from ..models.loss_fn_config import LossFnConfig
    from ..models.loss_fn_type import LossFnType

    pass

_C_data: _f.Converter = _f.list_of(_f.model(_f.ModelRef(__package__, "datum", "Datum")))
_C_loss_fn: _f.Converter = _f.choice(
    frozenset(
        {
            "cispo",
            "cross_entropy",
            "custom",
            "dro",
            "gspo",
            "importance_sampling",
            "ppo",
            "stable_reinforce",
        }
    )
)
_C_loss_fn_config: _f.Converter = _f.nullable(
    _f.map_of(
        _f.first_of(
            _f.as_finite_float,
            _f.as_str,
        )
    )
)
_D_loss_fn_config: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ForwardBackwardInput(TinkerModel):
    """
    The ForwardBackwardInput type of the Tinker API.

    Attributes:
        data:
        loss_fn: gspo, stable_reinforce and custom are 0.38 additions
        loss_fn_config:
    """

    _tinker_title: ClassVar[str] = "ForwardBackwardInput"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "data",
        "loss_fn",
        "loss_fn_config",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "data",
            "loss_fn",
        }
    )

    data: list[Datum] = _attrs_field(metadata={"wire": "data", "annotation": "list[Datum]"})
    loss_fn: LossFnType = _attrs_field(
        metadata={
            "wire": "loss_fn",
            "annotation": "LossFnType",
            "doc": "gspo, stable_reinforce and custom are 0.38 additions",
        }
    )
    loss_fn_config: LossFnConfig | None = _attrs_field(
        default=None, metadata={"wire": "loss_fn_config", "annotation": "LossFnConfig | None"}
    )

    def __init__(
        self,
        data: Sequence[Datum],
        loss_fn: LossFnType,
        loss_fn_config: LossFnConfig | None = _D_loss_fn_config,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("ForwardBackwardInput", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "data",
            "loss_fn",
        }
        try:
            _tinker_set(self, "data", _C_data(data, ("data",)))
            _tinker_set(self, "loss_fn", _C_loss_fn(loss_fn, ("loss_fn",)))
            if _f.omitted(loss_fn_config, _D_loss_fn_config):
                _tinker_set(self, "loss_fn_config", _D_loss_fn_config.get())
            else:
                _tinker_fs.add("loss_fn_config")
                _tinker_set(self, "loss_fn_config", _C_loss_fn_config(loss_fn_config, ("loss_fn_config",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ForwardBackwardInput", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["data"] = [x.to_dict() for x in self.data]
        out["loss_fn"] = self.loss_fn
        if self.loss_fn_config is not None:
            out["loss_fn_config"] = _f.to_wire(self.loss_fn_config)
        return out
