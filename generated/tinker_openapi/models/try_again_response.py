from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.service import TryAgainResponseBehaviour

if TYPE_CHECKING:
    from ..models.queue_state import QueueState

    pass

_C_type: _f.Converter = _f.const("try_again")
_D_type: Any = _f.Default("try_again")
_C_request_id: _f.Converter = _f.as_str
_C_queue_state: _f.Converter = _f.as_str
_C_queue_state_reason: _f.Converter = _f.nullable(_f.as_str)
_D_queue_state_reason: Any = _f.Default(None)
_C_retry_after_ms: _f.Converter = _f.bounded(
    _f.nullable(_f.as_int),
    ge=0.0,
)
_D_retry_after_ms: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class TryAgainResponse(TryAgainResponseBehaviour, TinkerModel):
    """
    The TryAgainResponse type of the Tinker API.

    Attributes:
        type:
        request_id:
        queue_state:
        queue_state_reason:
        retry_after_ms: a server hint: poll again after this long
    """

    _tinker_title: ClassVar[str] = "TryAgainResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "request_id",
        "queue_state",
        "queue_state_reason",
        "retry_after_ms",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "try_again")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "request_id",
            "queue_state",
        }
    )

    type: Literal["try_again"] = _attrs_field(
        default="try_again", metadata={"wire": "type", "annotation": "Literal['try_again']"}
    )
    request_id: str = _attrs_field(metadata={"wire": "request_id", "annotation": "str"})
    queue_state: QueueState | str = _attrs_field(metadata={"wire": "queue_state", "annotation": "QueueState | str"})
    queue_state_reason: str | None = _attrs_field(
        default=None, metadata={"wire": "queue_state_reason", "annotation": "str | None"}
    )
    retry_after_ms: int | None = _attrs_field(
        default=None,
        metadata={
            "wire": "retry_after_ms",
            "annotation": "int | None",
            "doc": "a server hint: poll again after this long",
        },
    )

    def __init__(
        self,
        *,
        request_id: str,
        queue_state: QueueState | str,
        type: Literal["try_again"] = _D_type,
        queue_state_reason: str | None = _D_queue_state_reason,
        retry_after_ms: int | None = _D_retry_after_ms,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "request_id",
            "queue_state",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            _tinker_set(self, "request_id", _C_request_id(request_id, ("request_id",)))
            _tinker_set(self, "queue_state", _C_queue_state(queue_state, ("queue_state",)))
            if _f.omitted(queue_state_reason, _D_queue_state_reason):
                _tinker_set(self, "queue_state_reason", _D_queue_state_reason.get())
            else:
                _tinker_fs.add("queue_state_reason")
                _tinker_set(
                    self, "queue_state_reason", _C_queue_state_reason(queue_state_reason, ("queue_state_reason",))
                )
            if _f.omitted(retry_after_ms, _D_retry_after_ms):
                _tinker_set(self, "retry_after_ms", _D_retry_after_ms.get())
            else:
                _tinker_fs.add("retry_after_ms")
                _tinker_set(self, "retry_after_ms", _C_retry_after_ms(retry_after_ms, ("retry_after_ms",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("TryAgainResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["type"] = self.type
        out["request_id"] = self.request_id
        out["queue_state"] = self.queue_state
        if self.queue_state_reason is not None:
            out["queue_state_reason"] = self.queue_state_reason
        if self.retry_after_ms is not None:
            out["retry_after_ms"] = self.retry_after_ms
        return out
