from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_project_id: _f.Converter = _f.nullable(_f.as_str)
_D_project_id: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class GetCurrentCheckpointStorageUsageRequest(TinkerModel):
    """
    the query of get_current_checkpoint_storage_usage, as a type

    Attributes:
        project_id:
    """

    _tinker_title: ClassVar[str] = "GetCurrentCheckpointStorageUsageRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = ("project_id",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    project_id: str | None = _attrs_field(default=None, metadata={"wire": "project_id", "annotation": "str | None"})

    def __init__(
        self,
        *,
        project_id: str | None = _D_project_id,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("GetCurrentCheckpointStorageUsageRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(project_id, _D_project_id):
                _tinker_set(self, "project_id", _D_project_id.get())
            else:
                _tinker_fs.add("project_id")
                _tinker_set(self, "project_id", _C_project_id(project_id, ("project_id",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("GetCurrentCheckpointStorageUsageRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        if self.project_id is not None:
            out["project_id"] = self.project_id
        return out
