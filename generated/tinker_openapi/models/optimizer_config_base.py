from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_type: _f.Converter = _f.as_str
_C_version: _f.Converter = _f.as_int
_C_version = _f.nullable(_C_version)
_D_version: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class OptimizerConfigBase(TinkerModel):
    """
    Optimizer family chosen at model creation, identified by `type`: `{"type": "adamw"}` (the
    default) or `{"type": "dimuon", "version": 1}` (0.38). Open: other families keep their fields.

    Attributes:
        type:
        version:
    """

    _tinker_title: ClassVar[str] = "OptimizerConfigBase"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "type",
        "version",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "type",
        }
    )

    type: str = _attrs_field(metadata={"wire": "type", "annotation": "str"})
    version: int | None = _attrs_field(default=None, metadata={"wire": "version", "annotation": "int | None"})

    def __init__(
        self,
        *,
        type: str,
        version: int | None = _D_version,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "type",
        }
        try:
            _tinker_set(self, "type", _C_type(type, ("type",)))
            if _f.omitted(version, _D_version):
                _tinker_set(self, "version", _D_version.get())
            else:
                _tinker_fs.add("version")
                _tinker_set(self, "version", _C_version(version, ("version",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("OptimizerConfigBase", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["type"] = self.type
        if self.version is not None:
            out["version"] = self.version
        return out
