from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_status: _f.Converter = _f.const("ok")
_D_status: Any = _f.Default("ok")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class HealthResponse(TinkerModel):
    """
    The HealthResponse type of the Tinker API.

    Attributes:
        status:
    """

    _tinker_title: ClassVar[str] = "HealthResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("status",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    status: Literal["ok"] = _attrs_field(default="ok", metadata={"wire": "status", "annotation": "Literal['ok']"})

    def __init__(
        self,
        *,
        status: Literal["ok"] = _D_status,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(status, _D_status):
                _tinker_set(self, "status", _D_status.get())
            else:
                _tinker_fs.add("status")
                _tinker_set(self, "status", _C_status(status, ("status",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("HealthResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["status"] = self.status
        return out
