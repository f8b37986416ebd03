from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_failure_category import SessionFailureCategory

if TYPE_CHECKING:
    from ..models.session_failed_request_reason import SessionFailedRequestReason
    from ..models.session_failed_sampling_session_reason import SessionFailedSamplingSessionReason
    from ..models.session_failed_training_run_reason import SessionFailedTrainingRunReason


T = TypeVar("T", bound="SessionFailed")


@_attrs_define
class SessionFailed:
    """
    Attributes:
        type_ (Literal['failed']):
        category (SessionFailureCategory | str):
        message (str):
        reason (SessionFailedRequestReason | SessionFailedSamplingSessionReason | SessionFailedTrainingRunReason):
    """

    type_: Literal["failed"]
    category: SessionFailureCategory | str
    message: str
    reason: SessionFailedRequestReason | SessionFailedSamplingSessionReason | SessionFailedTrainingRunReason
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.session_failed_request_reason import SessionFailedRequestReason  # noqa: PLC0415
        from ..models.session_failed_training_run_reason import SessionFailedTrainingRunReason  # noqa: PLC0415

        type_ = self.type_

        category: str
        if isinstance(self.category, SessionFailureCategory):
            category = self.category.value
        else:
            category = self.category

        message = self.message

        reason: dict[str, Any]
        if isinstance(self.reason, SessionFailedRequestReason):
            reason = self.reason.to_dict()
        elif isinstance(self.reason, SessionFailedTrainingRunReason):
            reason = self.reason.to_dict()
        else:
            reason = self.reason.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "category": category,
                "message": message,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_failed_request_reason import SessionFailedRequestReason  # noqa: PLC0415
        from ..models.session_failed_sampling_session_reason import SessionFailedSamplingSessionReason  # noqa: PLC0415
        from ..models.session_failed_training_run_reason import SessionFailedTrainingRunReason  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["failed"], d.pop("type"))
        if type_ != "failed":
            raise ValueError(f"type must match const 'failed', got '{type_}'")

        def _parse_category(data: object) -> SessionFailureCategory | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = SessionFailureCategory(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SessionFailureCategory | str, data)

        category = _parse_category(d.pop("category"))

        message = d.pop("message")

        def _parse_reason(
            data: object,
        ) -> SessionFailedRequestReason | SessionFailedSamplingSessionReason | SessionFailedTrainingRunReason:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_session_failed_reason_type_0 = SessionFailedRequestReason.from_dict(data)

                return componentsschemas_session_failed_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_session_failed_reason_type_1 = SessionFailedTrainingRunReason.from_dict(data)

                return componentsschemas_session_failed_reason_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_session_failed_reason_type_2 = SessionFailedSamplingSessionReason.from_dict(data)

            return componentsschemas_session_failed_reason_type_2

        reason = _parse_reason(d.pop("reason"))

        session_failed = cls(
            type_=type_,
            category=category,
            message=message,
            reason=reason,
        )

        session_failed.additional_properties = d
        return session_failed

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
