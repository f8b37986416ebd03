from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_sampling_session_id: _f.Converter = _f.as_str
_C_type: _f.Converter = _f.const("join_sampling_session")
_D_type: Any = _f.Default("join_sampling_session")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class JoinSamplingSessionRequest(TinkerModel):
    """
    The JoinSamplingSessionRequest type of the Tinker API.

    Attributes:
        sampling_session_id:
        type:
    """

    _tinker_title: ClassVar[str] = "JoinSamplingSessionRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "sampling_session_id",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "join_sampling_session")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "sampling_session_id",
        }
    )

    sampling_session_id: str = _attrs_field(metadata={"wire": "sampling_session_id", "annotation": "str"})
    type: Literal["join_sampling_session"] = _attrs_field(
        default="join_sampling_session", metadata={"wire": "type", "annotation": "Literal['join_sampling_session']"}
    )

    def __init__(
        self,
        *,
        sampling_session_id: str,
        type: Literal["join_sampling_session"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("JoinSamplingSessionRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "sampling_session_id",
        }
        try:
            _tinker_set(
                self, "sampling_session_id", _C_sampling_session_id(sampling_session_id, ("sampling_session_id",))
            )
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("JoinSamplingSessionRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["sampling_session_id"] = self.sampling_session_id
        out["type"] = self.type
        return out
