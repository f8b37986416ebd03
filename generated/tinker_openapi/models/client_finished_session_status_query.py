from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.client_session_finish_reason_type import ClientSessionFinishReasonType

    pass

_C_type: _f.Converter = _f.const("client_finished")
_D_type: Any = _f.Default("client_finished")
_C_reasons: _f.Converter = _f.bounded(
    _f.nullable(
        _f.list_of(
            _f.choice(
                frozenset(
                    {
                        "errored",
                        "interrupted",
                        "success",
                    }
                )
            )
        )
    ),
    min_len=1,
)
_D_reasons: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ClientFinishedSessionStatusQuery(TinkerModel):
    """
    The ClientFinishedSessionStatusQuery type of the Tinker API.

    Attributes:
        type:
        reasons: match any of these; absent / null matches every reason
    """

    _tinker_title: ClassVar[str] = "ClientFinishedSessionStatusQuery"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "reasons",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "client_finished")
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    type: Literal["client_finished"] = _attrs_field(
        default="client_finished", metadata={"wire": "type", "annotation": "Literal['client_finished']"}
    )
    reasons: list[ClientSessionFinishReasonType] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "reasons",
            "annotation": "list[ClientSessionFinishReasonType] | None",
            "doc": "match any of these; absent / null matches every reason",
        },
    )

    def __init__(
        self,
        *,
        type: Literal["client_finished"] = _D_type,
        reasons: Sequence[ClientSessionFinishReasonType] | None = _D_reasons,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("ClientFinishedSessionStatusQuery", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            if _f.omitted(reasons, _D_reasons):
                _tinker_set(self, "reasons", _D_reasons.get())
            else:
                _tinker_fs.add("reasons")
                _tinker_set(self, "reasons", _C_reasons(reasons, ("reasons",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ClientFinishedSessionStatusQuery", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["type"] = self.type
        if self.reasons is not None:
            out["reasons"] = self.reasons
        return out
