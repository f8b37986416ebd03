from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_state: _f.Converter = _f.const("finished")
_D_state: Any = _f.Default("finished")
_C_request_id: _f.Converter = _f.as_str
_C_response_payload_uncompressed_size: _f.Converter = _f.nullable(_f.as_int)
_D_response_payload_uncompressed_size: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class FutureFinished(TinkerModel):
    """
    The FutureFinished type of the Tinker API.

    Attributes:
        state:
        request_id:
        response_payload_uncompressed_size:
    """

    _tinker_title: ClassVar[str] = "FutureFinished"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "state",
        "request_id",
        "response_payload_uncompressed_size",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("state", "finished")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "request_id",
        }
    )

    state: Literal["finished"] = _attrs_field(
        default="finished", metadata={"wire": "state", "annotation": "Literal['finished']"}
    )
    request_id: str = _attrs_field(metadata={"wire": "request_id", "annotation": "str"})
    response_payload_uncompressed_size: int | None = _attrs_field(
        default=None, metadata={"wire": "response_payload_uncompressed_size", "annotation": "int | None"}
    )

    def __init__(
        self,
        *,
        request_id: str,
        state: Literal["finished"] = _D_state,
        response_payload_uncompressed_size: int | None = _D_response_payload_uncompressed_size,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "request_id",
        }
        try:
            if _f.omitted(state, _D_state):
                _tinker_set(self, "state", _D_state.get())
            else:
                _tinker_fs.add("state")
                _tinker_set(self, "state", _C_state(state, ("state",)))
            _tinker_set(self, "request_id", _C_request_id(request_id, ("request_id",)))
            if _f.omitted(response_payload_uncompressed_size, _D_response_payload_uncompressed_size):
                _tinker_set(self, "response_payload_uncompressed_size", _D_response_payload_uncompressed_size.get())
            else:
                _tinker_fs.add("response_payload_uncompressed_size")
                _tinker_set(
                    self,
                    "response_payload_uncompressed_size",
                    _C_response_payload_uncompressed_size(
                        response_payload_uncompressed_size, ("response_payload_uncompressed_size",)
                    ),
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("FutureFinished", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["state"] = self.state
        out["request_id"] = self.request_id
        if self.response_payload_uncompressed_size is not None:
            out["response_payload_uncompressed_size"] = self.response_payload_uncompressed_size
        return out
