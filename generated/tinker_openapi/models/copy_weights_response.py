from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_tinker_path: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CopyWeightsResponse(TinkerModel):
    """
    The CopyWeightsResponse type of the Tinker API.

    Attributes:
        tinker_path:
    """

    _tinker_title: ClassVar[str] = "CopyWeightsResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("tinker_path",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "tinker_path",
        }
    )

    tinker_path: str = _attrs_field(metadata={"wire": "tinker_path", "annotation": "str"})

    def __init__(
        self,
        *,
        tinker_path: str,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "tinker_path",
        }
        try:
            _tinker_set(self, "tinker_path", _C_tinker_path(tinker_path, ("tinker_path",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CopyWeightsResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["tinker_path"] = self.tinker_path
        return out
