from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.client_session_finish_reason_type import ClientSessionFinishReasonType

T = TypeVar("T", bound="ClientSessionFinishReason")


@_attrs_define
class ClientSessionFinishReason:
    """
    Attributes:
        type_ (ClientSessionFinishReasonType | str):
    """

    type_: ClientSessionFinishReasonType | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str
        if isinstance(self.type_, ClientSessionFinishReasonType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_type_(data: object) -> ClientSessionFinishReasonType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = ClientSessionFinishReasonType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientSessionFinishReasonType | str, data)

        type_ = _parse_type_(d.pop("type"))

        client_session_finish_reason = cls(
            type_=type_,
        )

        client_session_finish_reason.additional_properties = d
        return client_session_finish_reason

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
