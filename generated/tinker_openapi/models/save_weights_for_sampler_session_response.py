from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SaveWeightsForSamplerSessionResponse")


@_attrs_define
class SaveWeightsForSamplerSessionResponse:
    """result of an unnamed save_weights_for_sampler (a sampling session on the saved weights)

    Attributes:
        sampling_session_id (str):
        path (None | str | Unset):
        type_ (Literal['save_weights_for_sampler'] | Unset):
    """

    sampling_session_id: str
    path: None | str | Unset = UNSET
    type_: Literal["save_weights_for_sampler"] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sampling_session_id = self.sampling_session_id

        path: None | str | Unset
        if isinstance(self.path, Unset):
            path = UNSET
        else:
            path = self.path

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sampling_session_id": sampling_session_id,
            }
        )
        if path is not UNSET:
            field_dict["path"] = path
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sampling_session_id = d.pop("sampling_session_id")

        def _parse_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        path = _parse_path(d.pop("path", UNSET))

        type_ = cast(Literal["save_weights_for_sampler"] | Unset, d.pop("type", UNSET))
        if type_ != "save_weights_for_sampler" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'save_weights_for_sampler', got '{type_}'")

        save_weights_for_sampler_session_response = cls(
            sampling_session_id=sampling_session_id,
            path=path,
            type_=type_,
        )

        save_weights_for_sampler_session_response.additional_properties = d
        return save_weights_for_sampler_session_response

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
