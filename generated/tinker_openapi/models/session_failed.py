from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.session_failed_request_reason import SessionFailedRequestReason
    from ..models.session_failed_sampling_session_reason import SessionFailedSamplingSessionReason
    from ..models.session_failed_training_run_reason import SessionFailedTrainingRunReason
    from ..models.session_failure_category import SessionFailureCategory

    pass

_C_type: _f.Converter = _f.const("failed")
_D_type: Any = _f.Default("failed")
_C_category: _f.Converter = _f.as_str
_C_message: _f.Converter = _f.as_str
_C_reason: _f.Converter = _f.untagged(
    _f.ModelRef(__package__, "session_failed_request_reason", "SessionFailedRequestReason"),
    _f.ModelRef(__package__, "session_failed_training_run_reason", "SessionFailedTrainingRunReason"),
    _f.ModelRef(__package__, "session_failed_sampling_session_reason", "SessionFailedSamplingSessionReason"),
)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionFailed(TinkerModel):
    """
    The SessionFailed type of the Tinker API.

    Attributes:
        type:
        category:
        message:
        reason:
    """

    _tinker_title: ClassVar[str] = "SessionFailed"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "category",
        "message",
        "reason",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "failed")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "category",
            "message",
            "reason",
        }
    )

    type: Literal["failed"] = _attrs_field(
        default="failed", metadata={"wire": "type", "annotation": "Literal['failed']"}
    )
    category: SessionFailureCategory | str = _attrs_field(
        metadata={"wire": "category", "annotation": "SessionFailureCategory | str"}
    )
    message: str = _attrs_field(metadata={"wire": "message", "annotation": "str"})
    reason: SessionFailedRequestReason | SessionFailedTrainingRunReason | SessionFailedSamplingSessionReason = (
        _attrs_field(
            metadata={
                "wire": "reason",
                "annotation": "SessionFailedRequestReason | SessionFailedTrainingRunReason | SessionFailedSamplingSessionReason",
            }
        )
    )

    def __init__(
        self,
        *,
        category: SessionFailureCategory | str,
        message: str,
        reason: SessionFailedRequestReason | SessionFailedTrainingRunReason | SessionFailedSamplingSessionReason,
        type: Literal["failed"] = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "category",
            "message",
            "reason",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            _tinker_set(self, "category", _C_category(category, ("category",)))
            _tinker_set(self, "message", _C_message(message, ("message",)))
            _tinker_set(self, "reason", _C_reason(reason, ("reason",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionFailed", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["type"] = self.type
        out["category"] = self.category
        out["message"] = self.message
        out["reason"] = _f.to_wire(self.reason)
        return out
