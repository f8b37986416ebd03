from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.adam_params import AdamParams
    from ..models.optimizer_params import OptimizerParams


T = TypeVar("T", bound="OptimStepRequest")


@_attrs_define
class OptimStepRequest:
    """send `adam_params` for Adam models, `optimizer_params` (0.38) for other families

    Attributes:
        model_id (str):
        type_ (Literal['optim_step']):
        seq_id (int | None | Unset):
        adam_params (AdamParams | None | Unset):
        optimizer_params (None | OptimizerParams | Unset):
    """

    model_id: str
    type_: Literal["optim_step"]
    seq_id: int | None | Unset = UNSET
    adam_params: AdamParams | None | Unset = UNSET
    optimizer_params: None | OptimizerParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.adam_params import AdamParams  # noqa: PLC0415
        from ..models.optimizer_params import OptimizerParams  # noqa: PLC0415

        model_id = self.model_id

        type_ = self.type_

        seq_id: int | None | Unset
        if isinstance(self.seq_id, Unset):
            seq_id = UNSET
        else:
            seq_id = self.seq_id

        adam_params: dict[str, Any] | None | Unset
        if isinstance(self.adam_params, Unset):
            adam_params = UNSET
        elif isinstance(self.adam_params, AdamParams):
            adam_params = self.adam_params.to_dict()
        else:
            adam_params = self.adam_params

        optimizer_params: dict[str, Any] | None | Unset
        if isinstance(self.optimizer_params, Unset):
            optimizer_params = UNSET
        elif isinstance(self.optimizer_params, OptimizerParams):
            optimizer_params = self.optimizer_params.to_dict()
        else:
            optimizer_params = self.optimizer_params

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "type": type_,
            }
        )
        if seq_id is not UNSET:
            field_dict["seq_id"] = seq_id
        if adam_params is not UNSET:
            field_dict["adam_params"] = adam_params
        if optimizer_params is not UNSET:
            field_dict["optimizer_params"] = optimizer_params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.adam_params import AdamParams  # noqa: PLC0415
        from ..models.optimizer_params import OptimizerParams  # noqa: PLC0415

        d = dict(src_dict)
        model_id = d.pop("model_id")

        type_ = cast(Literal["optim_step"], d.pop("type"))
        if type_ != "optim_step":
            raise ValueError(f"type must match const 'optim_step', got '{type_}'")

        def _parse_seq_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seq_id = _parse_seq_id(d.pop("seq_id", UNSET))

        def _parse_adam_params(data: object) -> AdamParams | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                adam_params_type_0 = AdamParams.from_dict(data)

                return adam_params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AdamParams | None | Unset, data)

        adam_params = _parse_adam_params(d.pop("adam_params", UNSET))

        def _parse_optimizer_params(data: object) -> None | OptimizerParams | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                optimizer_params_type_0 = OptimizerParams.from_dict(data)

                return optimizer_params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OptimizerParams | Unset, data)

        optimizer_params = _parse_optimizer_params(d.pop("optimizer_params", UNSET))

        optim_step_request = cls(
            model_id=model_id,
            type_=type_,
            seq_id=seq_id,
            adam_params=adam_params,
            optimizer_params=optimizer_params,
        )

        optim_step_request.additional_properties = d
        return optim_step_request

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
