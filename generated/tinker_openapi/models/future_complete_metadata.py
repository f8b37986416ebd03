from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_status: _f.Converter = _f.const("complete_metadata")
_D_status: Any = _f.Default("complete_metadata")
_C_response_payload_size: _f.Converter = _f.bounded(
    _f.as_int,
    ge=0.0,
)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class FutureCompleteMetadata(TinkerModel):
    """
    the result is ready; poll again with allow_metadata_only false to fetch it

    Attributes:
        status:
        response_payload_size: bytes of the result payload
    """

    _tinker_title: ClassVar[str] = "FutureCompleteMetadata"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "status",
        "response_payload_size",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "response_payload_size",
        }
    )

    status: Literal["complete_metadata"] = _attrs_field(
        default="complete_metadata", metadata={"wire": "status", "annotation": "Literal['complete_metadata']"}
    )
    response_payload_size: int = _attrs_field(
        metadata={"wire": "response_payload_size", "annotation": "int", "doc": "bytes of the result payload"}
    )

    def __init__(
        self,
        *,
        response_payload_size: int,
        status: Literal["complete_metadata"] = _D_status,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "response_payload_size",
        }
        try:
            if _f.omitted(status, _D_status):
                _tinker_set(self, "status", _D_status.get())
            else:
                _tinker_fs.add("status")
                _tinker_set(self, "status", _C_status(status, ("status",)))
            _tinker_set(
                self,
                "response_payload_size",
                _C_response_payload_size(response_payload_size, ("response_payload_size",)),
            )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("FutureCompleteMetadata", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["status"] = self.status
        out["response_payload_size"] = self.response_payload_size
        return out
