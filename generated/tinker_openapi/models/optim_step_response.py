from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.metrics import Metrics

    pass

_C_metrics: _f.Converter = _f.nullable(_f.map_of(_f.as_float))
_D_metrics: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class OptimStepResponse(TinkerModel):
    """
    Result of an optim_step future. Servers always send `metrics` (`{}` when there are none);
    the official SDK also accepts it absent.

    Attributes:
        metrics:
    """

    _tinker_title: ClassVar[str] = "OptimStepResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("metrics",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    metrics: Metrics | None = _attrs_field(default=None, metadata={"wire": "metrics", "annotation": "Metrics | None"})

    def __init__(
        self,
        *,
        metrics: Metrics | None = _D_metrics,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(metrics, _D_metrics):
                _tinker_set(self, "metrics", _D_metrics.get())
            else:
                _tinker_fs.add("metrics")
                _tinker_set(self, "metrics", _C_metrics(metrics, ("metrics",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("OptimStepResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        if self.metrics is not None:
            out["metrics"] = _f.to_wire(self.metrics)
        return out
