from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_request_id: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CancelFutureRequest(TinkerModel):
    """
    The CancelFutureRequest type of the Tinker API.

    Attributes:
        request_id:
    """

    _tinker_title: ClassVar[str] = "CancelFutureRequest"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("request_id",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "request_id",
        }
    )

    request_id: str = _attrs_field(metadata={"wire": "request_id", "annotation": "str"})

    def __init__(
        self,
        *,
        request_id: str,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "request_id",
        }
        try:
            _tinker_set(self, "request_id", _C_request_id(request_id, ("request_id",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CancelFutureRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["request_id"] = self.request_id
        return out
