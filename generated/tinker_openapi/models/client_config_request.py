from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_sdk_version: _f.Converter = _f.as_str


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ClientConfigRequest(TinkerModel):
    """
    The ClientConfigRequest type of the Tinker API.

    Attributes:
        sdk_version:
    """

    _tinker_title: ClassVar[str] = "ClientConfigRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = ("sdk_version",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "sdk_version",
        }
    )

    sdk_version: str = _attrs_field(metadata={"wire": "sdk_version", "annotation": "str"})

    def __init__(
        self,
        *,
        sdk_version: str,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("ClientConfigRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "sdk_version",
        }
        try:
            _tinker_set(self, "sdk_version", _C_sdk_version(sdk_version, ("sdk_version",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ClientConfigRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["sdk_version"] = self.sdk_version
        return out
