from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.service import RequestFailedResponseBehaviour

if TYPE_CHECKING:
    from ..models.request_error_category import RequestErrorCategory

    pass

_C_error: _f.Converter = _f.as_str
_C_category: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class RequestFailedResponse(RequestFailedResponseBehaviour, TinkerModel):
    """
    The RequestFailedResponse type of the Tinker API.

    Attributes:
        error:
        category:
    """

    _tinker_title: ClassVar[str] = "RequestFailedResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "error",
        "category",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "error",
            "category",
        }
    )

    error: str = _attrs_field(metadata={"wire": "error", "annotation": "str"})
    category: RequestErrorCategory | str = _attrs_field(
        metadata={"wire": "category", "annotation": "RequestErrorCategory | str"}
    )

    def __init__(
        self,
        *,
        error: str,
        category: RequestErrorCategory | str,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "error",
            "category",
        }
        try:
            _tinker_set(self, "error", _C_error(error, ("error",)))
            _tinker_set(self, "category", _C_category(category, ("category",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("RequestFailedResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["error"] = self.error
        out["category"] = self.category
        return out
