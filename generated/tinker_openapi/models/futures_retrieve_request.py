from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.sampling_session_futures_target import SamplingSessionFuturesTarget

    pass

_C_target: _f.Converter = _f.model(
    _f.ModelRef(__package__, "sampling_session_futures_target", "SamplingSessionFuturesTarget")
)
_C_prev_cursor: _f.Converter = _f.as_int
_D_prev_cursor: Any = _f.Default(0)
_C_timeout: _f.Converter = _f.nullable(_f.as_finite_float)
_D_timeout: Any = _f.Default(None)
_C_retrieved_request_ids: _f.Converter = _f.list_of(_f.as_str)
_C_retrieved_request_ids = _f.nullable(_C_retrieved_request_ids)
_D_retrieved_request_ids: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class FuturesRetrieveRequest(TinkerModel):
    """
    The FuturesRetrieveRequest type of the Tinker API.

    Attributes:
        target:
        prev_cursor: cursor of the previous reply; 0 starts from the beginning
        timeout: seconds to hold the poll; 0 = answer immediately
        retrieved_request_ids: ids whose results were fully fetched (the server may drop their payloads); always sent
    """

    _tinker_title: ClassVar[str] = "FuturesRetrieveRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "target",
        "prev_cursor",
        "timeout",
        "retrieved_request_ids",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "target",
        }
    )

    target: SamplingSessionFuturesTarget = _attrs_field(
        metadata={"wire": "target", "annotation": "SamplingSessionFuturesTarget"}
    )
    prev_cursor: int = _attrs_field(
        default=0,
        metadata={
            "wire": "prev_cursor",
            "annotation": "int",
            "doc": "cursor of the previous reply; 0 starts from the beginning",
        },
    )
    timeout: float | None = _attrs_field(
        default=None,
        metadata={
            "wire": "timeout",
            "annotation": "float | None",
            "doc": "seconds to hold the poll; 0 = answer immediately",
        },
    )
    retrieved_request_ids: list[str] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "retrieved_request_ids",
            "annotation": "list[str] | None",
            "doc": "ids whose results were fully fetched (the server may drop their payloads); always sent",
        },
    )

    def __init__(
        self,
        *,
        target: SamplingSessionFuturesTarget,
        prev_cursor: int = _D_prev_cursor,
        timeout: float | None = _D_timeout,
        retrieved_request_ids: Sequence[str] | None = _D_retrieved_request_ids,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("FuturesRetrieveRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "target",
        }
        try:
            _tinker_set(self, "target", _C_target(target, ("target",)))
            if _f.omitted(prev_cursor, _D_prev_cursor):
                _tinker_set(self, "prev_cursor", _D_prev_cursor.get())
            else:
                _tinker_fs.add("prev_cursor")
                _tinker_set(self, "prev_cursor", _C_prev_cursor(prev_cursor, ("prev_cursor",)))
            if _f.omitted(timeout, _D_timeout):
                _tinker_set(self, "timeout", _D_timeout.get())
            else:
                _tinker_fs.add("timeout")
                _tinker_set(self, "timeout", _C_timeout(timeout, ("timeout",)))
            if _f.omitted(retrieved_request_ids, _D_retrieved_request_ids):
                _tinker_set(self, "retrieved_request_ids", _D_retrieved_request_ids.get())
            else:
                _tinker_fs.add("retrieved_request_ids")
                _tinker_set(
                    self,
                    "retrieved_request_ids",
                    _C_retrieved_request_ids(retrieved_request_ids, ("retrieved_request_ids",)),
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("FuturesRetrieveRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["target"] = self.target.to_dict()
        out["prev_cursor"] = self.prev_cursor
        if self.timeout is not None:
            out["timeout"] = self.timeout
        if self.retrieved_request_ids is not None:
            out["retrieved_request_ids"] = list(self.retrieved_request_ids)
        return out
