from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_request_id: _f.Converter = _f.as_str
_C_allow_metadata_only: _f.Converter = _f.as_bool
_D_allow_metadata_only: Any = _f.Default(False)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class FutureRetrieveRequest(TinkerModel):
    """
    The FutureRetrieveRequest type of the Tinker API.

    Attributes:
        request_id:
        allow_metadata_only: the SDK's poll loop sends true until it has seen one complete_metadata reply
    """

    _tinker_title: ClassVar[str] = "FutureRetrieveRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "request_id",
        "allow_metadata_only",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "request_id",
        }
    )

    request_id: str = _attrs_field(metadata={"wire": "request_id", "annotation": "str"})
    allow_metadata_only: bool = _attrs_field(
        default=False,
        metadata={
            "wire": "allow_metadata_only",
            "annotation": "bool",
            "doc": "the SDK\u0027s poll loop sends true until it has seen one complete_metadata reply",
        },
    )

    def __init__(
        self,
        *,
        request_id: str,
        allow_metadata_only: bool = _D_allow_metadata_only,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("FutureRetrieveRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "request_id",
        }
        try:
            _tinker_set(self, "request_id", _C_request_id(request_id, ("request_id",)))
            if _f.omitted(allow_metadata_only, _D_allow_metadata_only):
                _tinker_set(self, "allow_metadata_only", _D_allow_metadata_only.get())
            else:
                _tinker_fs.add("allow_metadata_only")
                _tinker_set(
                    self, "allow_metadata_only", _C_allow_metadata_only(allow_metadata_only, ("allow_metadata_only",))
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("FutureRetrieveRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["request_id"] = self.request_id
        out["allow_metadata_only"] = self.allow_metadata_only
        return out
