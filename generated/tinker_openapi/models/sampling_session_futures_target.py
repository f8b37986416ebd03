from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

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
_C_cloned_sampler_id: _f.Converter = _f.as_int
_D_cloned_sampler_id: Any = _f.Default(0)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SamplingSessionFuturesTarget(TinkerModel):
    """
    The SamplingSessionFuturesTarget type of the Tinker API.

    Attributes:
        type:
        sampling_session_id:
        cloned_sampler_id: seq_id // 1e9 of cloned clients
    """

    _tinker_title: ClassVar[str] = "SamplingSessionFuturesTarget"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "sampling_session_id",
        "cloned_sampler_id",
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
    cloned_sampler_id: int = _attrs_field(
        default=0, metadata={"wire": "cloned_sampler_id", "annotation": "int", "doc": "seq_id // 1e9 of cloned clients"}
    )

    def __init__(
        self,
        *,
        sampling_session_id: str,
        type: Literal["sampling_session"] = _D_type,
        cloned_sampler_id: int = _D_cloned_sampler_id,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("SamplingSessionFuturesTarget", extra)
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
            if _f.omitted(cloned_sampler_id, _D_cloned_sampler_id):
                _tinker_set(self, "cloned_sampler_id", _D_cloned_sampler_id.get())
            else:
                _tinker_fs.add("cloned_sampler_id")
                _tinker_set(self, "cloned_sampler_id", _C_cloned_sampler_id(cloned_sampler_id, ("cloned_sampler_id",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SamplingSessionFuturesTarget", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["type"] = self.type
        out["sampling_session_id"] = self.sampling_session_id
        out["cloned_sampler_id"] = self.cloned_sampler_id
        return out
