from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_ttl_seconds: _f.Converter = _f.nullable(_f.as_int)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SetCheckpointTtlRequest(TinkerModel):
    """
    The SetCheckpointTtlRequest type of the Tinker API.

    Attributes:
        ttl_seconds: 3600 s up to 10 years; null removes the expiry
    """

    _tinker_title: ClassVar[str] = "SetCheckpointTtlRequest"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("ttl_seconds",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "ttl_seconds",
        }
    )

    ttl_seconds: int | None = _attrs_field(
        metadata={
            "wire": "ttl_seconds",
            "annotation": "int | None",
            "doc": "3600 s up to 10 years; null removes the expiry",
        }
    )

    def __init__(
        self,
        *,
        ttl_seconds: int | None,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "ttl_seconds",
        }
        try:
            _tinker_set(self, "ttl_seconds", _C_ttl_seconds(ttl_seconds, ("ttl_seconds",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SetCheckpointTtlRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["ttl_seconds"] = None if self.ttl_seconds is None else self.ttl_seconds
        return out
