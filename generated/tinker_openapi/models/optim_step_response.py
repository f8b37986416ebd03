from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.metrics import Metrics


T = TypeVar("T", bound="OptimStepResponse")


@_attrs_define
class OptimStepResponse:
    """Result of an optim_step future. Servers always send `metrics` (`{}` when there are none);
    the official SDK also accepts it absent.

        Attributes:
            metrics (Metrics): metric name -> value; forward/backward metrics are named `name:reduction`
    """

    metrics: Metrics
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metrics = self.metrics.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metrics": metrics,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metrics import Metrics  # noqa: PLC0415

        d = dict(src_dict)
        metrics = Metrics.from_dict(d.pop("metrics"))

        optim_step_response = cls(
            metrics=metrics,
        )

        optim_step_response.additional_properties = d
        return optim_step_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
