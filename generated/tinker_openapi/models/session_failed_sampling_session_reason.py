from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.const("sampling_session")
_D_type: Any = _f.Default("sampling_session")
_C_sampling_session_id: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SessionFailedSamplingSessionReason(TinkerModel):
    """
    The SessionFailedSamplingSessionReason type of the Tinker API.

    Attributes:
        type:
        sampling_session_id:
    """

    _tinker_title: ClassVar[str] = "SessionFailedSamplingSessionReason"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "sampling_session_id",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "sampling_session")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "sampling_session_id",
        }
    )

    type: Literal["sampling_session"] = _attrs_field(
        default="sampling_session", metadata={"wire": "type", "annotation": "Literal['sampling_session']"}
    )
    sampling_session_id: str = _attrs_field(metadata={"wire": "sampling_session_id", "annotation": "str"})

    def __init__(
        self,
        *,
        sampling_session_id: str,
        type: Literal["sampling_session"] = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "sampling_session_id",
        }
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            _tinker_set(
                self, "sampling_session_id", _C_sampling_session_id(sampling_session_id, ("sampling_session_id",))
            )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SessionFailedSamplingSessionReason", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["type"] = self.type
        out["sampling_session_id"] = self.sampling_session_id
        return out
