from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.training import ForwardBackwardOutputBehaviour

if TYPE_CHECKING:
    from ..models.loss_fn_output import LossFnOutput
    from ..models.metrics import Metrics

    pass

_C_loss_fn_output_type: _f.Converter = _f.as_str
_C_loss_fn_outputs: _f.Converter = _f.list_of(
    _f.map_of(_f.model(_f.ModelRef(__package__, "tensor_data", "TensorData")))
)
_C_metrics: _f.Converter = _f.map_of(_f.as_float)
_D_metrics: Any = _f.Default({})


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ForwardBackwardOutput(ForwardBackwardOutputBehaviour, TinkerModel):
    """
    JSON result of forward / forward_backward futures (legacy clients; 0.25+ require the protobuf form).

    Attributes:
        loss_fn_output_type: e.g. ArrayRecord
        loss_fn_outputs: one entry per datum, in input order
        metrics: metric name -> value; forward/backward metrics are named `name:reduction`
    """

    _tinker_title: ClassVar[str] = "ForwardBackwardOutput"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "loss_fn_output_type",
        "loss_fn_outputs",
        "metrics",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "loss_fn_output_type",
            "loss_fn_outputs",
        }
    )

    loss_fn_output_type: str = _attrs_field(
        metadata={"wire": "loss_fn_output_type", "annotation": "str", "doc": "e.g. ArrayRecord"}
    )
    loss_fn_outputs: list[LossFnOutput] = _attrs_field(
        metadata={
            "wire": "loss_fn_outputs",
            "annotation": "list[LossFnOutput]",
            "doc": "one entry per datum, in input order",
        }
    )
    metrics: Metrics = _attrs_field(
        factory=dict,
        metadata={
            "wire": "metrics",
            "annotation": "Metrics",
            "doc": "metric name -\u003e value; forward/backward metrics are named `name:reduction`",
        },
    )

    def __init__(
        self,
        loss_fn_output_type: str,
        loss_fn_outputs: Sequence[LossFnOutput],
        metrics: Metrics = _D_metrics,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "loss_fn_output_type",
            "loss_fn_outputs",
        }
        try:
            _tinker_set(
                self, "loss_fn_output_type", _C_loss_fn_output_type(loss_fn_output_type, ("loss_fn_output_type",))
            )
            _tinker_set(self, "loss_fn_outputs", _C_loss_fn_outputs(loss_fn_outputs, ("loss_fn_outputs",)))
            if _f.omitted(metrics, _D_metrics):
                _tinker_set(self, "metrics", _D_metrics.get())
            else:
                _tinker_fs.add("metrics")
                _tinker_set(self, "metrics", _C_metrics(metrics, ("metrics",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ForwardBackwardOutput", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["loss_fn_output_type"] = self.loss_fn_output_type
        out["loss_fn_outputs"] = [{k: v.to_dict() for k, v in x.items()} for x in self.loss_fn_outputs]
        out["metrics"] = dict(self.metrics)
        return out
