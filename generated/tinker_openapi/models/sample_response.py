from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sampled_sequence import SampledSequence


T = TypeVar("T", bound="SampleResponse")


@_attrs_define
class SampleResponse:
    """JSON result of sampling futures (legacy clients; 0.25+ require the protobuf form).

    Attributes:
        sequences (list[SampledSequence]):
        type_ (Literal['sample'] | Unset):
        prompt_logprobs (list[float | None] | None | Unset): one per prompt token; null where not computed (always
            position 0)
        topk_prompt_logprobs (list[list[list[float]] | None] | None | Unset): per prompt position up to k (token_id,
            logprob) pairs, or null
    """

    sequences: list[SampledSequence]
    type_: Literal["sample"] | Unset = UNSET
    prompt_logprobs: list[float | None] | None | Unset = UNSET
    topk_prompt_logprobs: list[list[list[float]] | None] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sequences = []
        for sequences_item_data in self.sequences:
            sequences_item = sequences_item_data.to_dict()
            sequences.append(sequences_item)

        type_ = self.type_

        prompt_logprobs: list[float | None] | None | Unset
        if isinstance(self.prompt_logprobs, Unset):
            prompt_logprobs = UNSET
        elif isinstance(self.prompt_logprobs, list):
            prompt_logprobs = []
            for prompt_logprobs_type_0_item_data in self.prompt_logprobs:
                prompt_logprobs_type_0_item: float | None
                prompt_logprobs_type_0_item = prompt_logprobs_type_0_item_data
                prompt_logprobs.append(prompt_logprobs_type_0_item)

        else:
            prompt_logprobs = self.prompt_logprobs

        topk_prompt_logprobs: list[list[list[float]] | None] | None | Unset
        if isinstance(self.topk_prompt_logprobs, Unset):
            topk_prompt_logprobs = UNSET
        elif isinstance(self.topk_prompt_logprobs, list):
            topk_prompt_logprobs = []
            for topk_prompt_logprobs_type_0_item_data in self.topk_prompt_logprobs:
                topk_prompt_logprobs_type_0_item: list[list[float]] | None
                if isinstance(topk_prompt_logprobs_type_0_item_data, list):
                    topk_prompt_logprobs_type_0_item = []
                    for topk_prompt_logprobs_type_0_item_type_0_item_data in topk_prompt_logprobs_type_0_item_data:
                        topk_prompt_logprobs_type_0_item_type_0_item = topk_prompt_logprobs_type_0_item_type_0_item_data

                        topk_prompt_logprobs_type_0_item.append(topk_prompt_logprobs_type_0_item_type_0_item)

                else:
                    topk_prompt_logprobs_type_0_item = topk_prompt_logprobs_type_0_item_data
                topk_prompt_logprobs.append(topk_prompt_logprobs_type_0_item)

        else:
            topk_prompt_logprobs = self.topk_prompt_logprobs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sequences": sequences,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if prompt_logprobs is not UNSET:
            field_dict["prompt_logprobs"] = prompt_logprobs
        if topk_prompt_logprobs is not UNSET:
            field_dict["topk_prompt_logprobs"] = topk_prompt_logprobs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sampled_sequence import SampledSequence  # noqa: PLC0415

        d = dict(src_dict)
        sequences = []
        _sequences = d.pop("sequences")
        for sequences_item_data in _sequences:
            sequences_item = SampledSequence.from_dict(sequences_item_data)

            sequences.append(sequences_item)

        type_ = cast(Literal["sample"] | Unset, d.pop("type", UNSET))
        if type_ != "sample" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'sample', got '{type_}'")

        def _parse_prompt_logprobs(data: object) -> list[float | None] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                prompt_logprobs_type_0 = []
                _prompt_logprobs_type_0 = data
                for prompt_logprobs_type_0_item_data in _prompt_logprobs_type_0:

                    def _parse_prompt_logprobs_type_0_item(data: object) -> float | None:
                        if data is None:
                            return data
                        return cast(float | None, data)

                    prompt_logprobs_type_0_item = _parse_prompt_logprobs_type_0_item(prompt_logprobs_type_0_item_data)

                    prompt_logprobs_type_0.append(prompt_logprobs_type_0_item)

                return prompt_logprobs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float | None] | None | Unset, data)

        prompt_logprobs = _parse_prompt_logprobs(d.pop("prompt_logprobs", UNSET))

        def _parse_topk_prompt_logprobs(data: object) -> list[list[list[float]] | None] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                topk_prompt_logprobs_type_0 = []
                _topk_prompt_logprobs_type_0 = data
                for topk_prompt_logprobs_type_0_item_data in _topk_prompt_logprobs_type_0:

                    def _parse_topk_prompt_logprobs_type_0_item(data: object) -> list[list[float]] | None:
                        if data is None:
                            return data
                        try:
                            if not isinstance(data, list):
                                raise TypeError()
                            topk_prompt_logprobs_type_0_item_type_0 = []
                            _topk_prompt_logprobs_type_0_item_type_0 = data
                            for (
                                topk_prompt_logprobs_type_0_item_type_0_item_data
                            ) in _topk_prompt_logprobs_type_0_item_type_0:
                                topk_prompt_logprobs_type_0_item_type_0_item = cast(
                                    list[float], topk_prompt_logprobs_type_0_item_type_0_item_data
                                )

                                topk_prompt_logprobs_type_0_item_type_0.append(
                                    topk_prompt_logprobs_type_0_item_type_0_item
                                )

                            return topk_prompt_logprobs_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(list[list[float]] | None, data)

                    topk_prompt_logprobs_type_0_item = _parse_topk_prompt_logprobs_type_0_item(
                        topk_prompt_logprobs_type_0_item_data
                    )

                    topk_prompt_logprobs_type_0.append(topk_prompt_logprobs_type_0_item)

                return topk_prompt_logprobs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[list[list[float]] | None] | None | Unset, data)

        topk_prompt_logprobs = _parse_topk_prompt_logprobs(d.pop("topk_prompt_logprobs", UNSET))

        sample_response = cls(
            sequences=sequences,
            type_=type_,
            prompt_logprobs=prompt_logprobs,
            topk_prompt_logprobs=topk_prompt_logprobs,
        )

        sample_response.additional_properties = d
        return sample_response

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
