from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EncodedTextChunk")


@_attrs_define
class EncodedTextChunk:
    """
    Attributes:
        tokens (list[int]):
        type_ (Literal['encoded_text']):
    """

    tokens: list[int]
    type_: Literal["encoded_text"]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tokens = self.tokens

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tokens": tokens,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tokens = cast(list[int], d.pop("tokens"))

        type_ = cast(Literal["encoded_text"], d.pop("type"))
        if type_ != "encoded_text":
            raise ValueError(f"type must match const 'encoded_text', got '{type_}'")

        encoded_text_chunk = cls(
            tokens=tokens,
            type_=type_,
        )

        encoded_text_chunk.additional_properties = d
        return encoded_text_chunk

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
