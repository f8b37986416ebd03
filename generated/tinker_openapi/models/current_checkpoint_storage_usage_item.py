from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_project_id: _f.Converter = _f.nullable(_f.as_str)
_D_project_id: Any = _f.Default(None)
_C_org_user_urn: _f.Converter = _f.nullable(_f.as_str)
_D_org_user_urn: Any = _f.Default(None)
_C_user_email: _f.Converter = _f.nullable(_f.as_str)
_D_user_email: Any = _f.Default(None)
_C_user_name: _f.Converter = _f.nullable(_f.as_str)
_D_user_name: Any = _f.Default(None)
_C_checkpoint_count: _f.Converter = _f.as_int
_C_size_bytes: _f.Converter = _f.as_int
_C_size_gigabytes: _f.Converter = _f.as_float
_C_estimated_monthly_cost_usd: _f.Converter = _f.nullable(_f.as_float)
_D_estimated_monthly_cost_usd: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CurrentCheckpointStorageUsageItem(TinkerModel):
    """
    The CurrentCheckpointStorageUsageItem type of the Tinker API.

    Attributes:
        project_id:
        org_user_urn:
        user_email:
        user_name:
        checkpoint_count:
        size_bytes:
        size_gigabytes:
        estimated_monthly_cost_usd:
    """

    _tinker_title: ClassVar[str] = "CurrentCheckpointStorageUsageItem"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "project_id",
        "org_user_urn",
        "user_email",
        "user_name",
        "checkpoint_count",
        "size_bytes",
        "size_gigabytes",
        "estimated_monthly_cost_usd",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "checkpoint_count",
            "size_bytes",
            "size_gigabytes",
        }
    )

    project_id: str | None = _attrs_field(default=None, metadata={"wire": "project_id", "annotation": "str | None"})
    org_user_urn: str | None = _attrs_field(default=None, metadata={"wire": "org_user_urn", "annotation": "str | None"})
    user_email: str | None = _attrs_field(default=None, metadata={"wire": "user_email", "annotation": "str | None"})
    user_name: str | None = _attrs_field(default=None, metadata={"wire": "user_name", "annotation": "str | None"})
    checkpoint_count: int = _attrs_field(metadata={"wire": "checkpoint_count", "annotation": "int"})
    size_bytes: int = _attrs_field(metadata={"wire": "size_bytes", "annotation": "int"})
    size_gigabytes: float = _attrs_field(metadata={"wire": "size_gigabytes", "annotation": "float"})
    estimated_monthly_cost_usd: float | None = _attrs_field(
        default=None, metadata={"wire": "estimated_monthly_cost_usd", "annotation": "float | None"}
    )

    def __init__(
        self,
        *,
        checkpoint_count: int,
        size_bytes: int,
        size_gigabytes: float,
        project_id: str | None = _D_project_id,
        org_user_urn: str | None = _D_org_user_urn,
        user_email: str | None = _D_user_email,
        user_name: str | None = _D_user_name,
        estimated_monthly_cost_usd: float | None = _D_estimated_monthly_cost_usd,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "checkpoint_count",
            "size_bytes",
            "size_gigabytes",
        }
        try:
            if _f.omitted(project_id, _D_project_id):
                _tinker_set(self, "project_id", _D_project_id.get())
            else:
                _tinker_fs.add("project_id")
                _tinker_set(self, "project_id", _C_project_id(project_id, ("project_id",)))
            if _f.omitted(org_user_urn, _D_org_user_urn):
                _tinker_set(self, "org_user_urn", _D_org_user_urn.get())
            else:
                _tinker_fs.add("org_user_urn")
                _tinker_set(self, "org_user_urn", _C_org_user_urn(org_user_urn, ("org_user_urn",)))
            if _f.omitted(user_email, _D_user_email):
                _tinker_set(self, "user_email", _D_user_email.get())
            else:
                _tinker_fs.add("user_email")
                _tinker_set(self, "user_email", _C_user_email(user_email, ("user_email",)))
            if _f.omitted(user_name, _D_user_name):
                _tinker_set(self, "user_name", _D_user_name.get())
            else:
                _tinker_fs.add("user_name")
                _tinker_set(self, "user_name", _C_user_name(user_name, ("user_name",)))
            _tinker_set(self, "checkpoint_count", _C_checkpoint_count(checkpoint_count, ("checkpoint_count",)))
            _tinker_set(self, "size_bytes", _C_size_bytes(size_bytes, ("size_bytes",)))
            _tinker_set(self, "size_gigabytes", _C_size_gigabytes(size_gigabytes, ("size_gigabytes",)))
            if _f.omitted(estimated_monthly_cost_usd, _D_estimated_monthly_cost_usd):
                _tinker_set(self, "estimated_monthly_cost_usd", _D_estimated_monthly_cost_usd.get())
            else:
                _tinker_fs.add("estimated_monthly_cost_usd")
                _tinker_set(
                    self,
                    "estimated_monthly_cost_usd",
                    _C_estimated_monthly_cost_usd(estimated_monthly_cost_usd, ("estimated_monthly_cost_usd",)),
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CurrentCheckpointStorageUsageItem", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        if self.project_id is not None:
            out["project_id"] = self.project_id
        if self.org_user_urn is not None:
            out["org_user_urn"] = self.org_user_urn
        if self.user_email is not None:
            out["user_email"] = self.user_email
        if self.user_name is not None:
            out["user_name"] = self.user_name
        out["checkpoint_count"] = self.checkpoint_count
        out["size_bytes"] = self.size_bytes
        out["size_gigabytes"] = self.size_gigabytes
        if self.estimated_monthly_cost_usd is not None:
            out["estimated_monthly_cost_usd"] = self.estimated_monthly_cost_usd
        return out
