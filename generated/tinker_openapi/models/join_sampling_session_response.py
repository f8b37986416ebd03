from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_client_counter: _f.Converter = _f.as_int
_C_type: _f.Converter = _f.const("join_sampling_session")
_D_type: Any = _f.Default("join_sampling_session")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class JoinSamplingSessionResponse(TinkerModel):
    """
    The JoinSamplingSessionResponse type of the Tinker API.

    Attributes:
        client_counter:
        type:
    """

    _tinker_title: ClassVar[str] = "JoinSamplingSessionResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "client_counter",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "join_sampling_session")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "client_counter",
        }
    )

    client_counter: int = _attrs_field(metadata={"wire": "client_counter", "annotation": "int"})
    type: Literal["join_sampling_session"] = _attrs_field(
        default="join_sampling_session", metadata={"wire": "type", "annotation": "Literal['join_sampling_session']"}
    )

    def __init__(
        self,
        *,
        client_counter: int,
        type: Literal["join_sampling_session"] = _D_type,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "client_counter",
        }
        try:
            _tinker_set(self, "client_counter", _C_client_counter(client_counter, ("client_counter",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("JoinSamplingSessionResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["client_counter"] = self.client_counter
        out["type"] = self.type
        return out
