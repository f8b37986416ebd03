from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.queue_state import QueueState

    pass

_C_queue_state: _f.Converter = _f.as_str
_C_queue_state_reason: _f.Converter = _f.nullable(_f.as_str)
_D_queue_state_reason: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class FutureTimeoutResponse(TinkerModel):
    """
    body of a 408 from retrieve_future

    Attributes:
        queue_state:
        queue_state_reason:
    """

    _tinker_title: ClassVar[str] = "FutureTimeoutResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "queue_state",
        "queue_state_reason",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "queue_state",
        }
    )

    queue_state: QueueState | str = _attrs_field(metadata={"wire": "queue_state", "annotation": "QueueState | str"})
    queue_state_reason: str | None = _attrs_field(
        default=None, metadata={"wire": "queue_state_reason", "annotation": "str | None"}
    )

    def __init__(
        self,
        *,
        queue_state: QueueState | str,
        queue_state_reason: str | None = _D_queue_state_reason,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "queue_state",
        }
        try:
            _tinker_set(self, "queue_state", _C_queue_state(queue_state, ("queue_state",)))
            if _f.omitted(queue_state_reason, _D_queue_state_reason):
                _tinker_set(self, "queue_state_reason", _D_queue_state_reason.get())
            else:
                _tinker_fs.add("queue_state_reason")
                _tinker_set(
                    self, "queue_state_reason", _C_queue_state_reason(queue_state_reason, ("queue_state_reason",))
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("FutureTimeoutResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["queue_state"] = self.queue_state
        if self.queue_state_reason is not None:
            out["queue_state_reason"] = self.queue_state_reason
        return out
