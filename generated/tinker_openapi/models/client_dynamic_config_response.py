from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_refresh_interval_sec: _f.Converter = _f.as_int
_D_refresh_interval_sec: Any = _f.Default(300)
_C_sample_cancel_enabled: _f.Converter = _f.as_bool
_D_sample_cancel_enabled: Any = _f.Default(False)
_C_sample_cancel_max_batch_size: _f.Converter = _f.as_int
_D_sample_cancel_max_batch_size: Any = _f.Default(64)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ClientDynamicConfigResponse(TinkerModel):
    """
    The ClientDynamicConfigResponse type of the Tinker API.

    Attributes:
        refresh_interval_sec: default 300; clients re-fetch every max(this, 10) s
        sample_cancel_enabled: enables /api/v1/cancel_future (0.38, default false)
        sample_cancel_max_batch_size: 0.38, default 64
    """

    _tinker_title: ClassVar[str] = "ClientDynamicConfigResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "refresh_interval_sec",
        "sample_cancel_enabled",
        "sample_cancel_max_batch_size",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    refresh_interval_sec: int = _attrs_field(
        default=300,
        metadata={
            "wire": "refresh_interval_sec",
            "annotation": "int",
            "doc": "default 300; clients re-fetch every max(this, 10) s",
        },
    )
    sample_cancel_enabled: bool = _attrs_field(
        default=False,
        metadata={
            "wire": "sample_cancel_enabled",
            "annotation": "bool",
            "doc": "enables /api/v1/cancel_future (0.38, default false)",
        },
    )
    sample_cancel_max_batch_size: int = _attrs_field(
        default=64, metadata={"wire": "sample_cancel_max_batch_size", "annotation": "int", "doc": "0.38, default 64"}
    )

    def __init__(
        self,
        *,
        refresh_interval_sec: int = _D_refresh_interval_sec,
        sample_cancel_enabled: bool = _D_sample_cancel_enabled,
        sample_cancel_max_batch_size: int = _D_sample_cancel_max_batch_size,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(refresh_interval_sec, _D_refresh_interval_sec):
                _tinker_set(self, "refresh_interval_sec", _D_refresh_interval_sec.get())
            else:
                _tinker_fs.add("refresh_interval_sec")
                _tinker_set(
                    self,
                    "refresh_interval_sec",
                    _C_refresh_interval_sec(refresh_interval_sec, ("refresh_interval_sec",)),
                )
            if _f.omitted(sample_cancel_enabled, _D_sample_cancel_enabled):
                _tinker_set(self, "sample_cancel_enabled", _D_sample_cancel_enabled.get())
            else:
                _tinker_fs.add("sample_cancel_enabled")
                _tinker_set(
                    self,
                    "sample_cancel_enabled",
                    _C_sample_cancel_enabled(sample_cancel_enabled, ("sample_cancel_enabled",)),
                )
            if _f.omitted(sample_cancel_max_batch_size, _D_sample_cancel_max_batch_size):
                _tinker_set(self, "sample_cancel_max_batch_size", _D_sample_cancel_max_batch_size.get())
            else:
                _tinker_fs.add("sample_cancel_max_batch_size")
                _tinker_set(
                    self,
                    "sample_cancel_max_batch_size",
                    _C_sample_cancel_max_batch_size(sample_cancel_max_batch_size, ("sample_cancel_max_batch_size",)),
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ClientDynamicConfigResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["refresh_interval_sec"] = self.refresh_interval_sec
        out["sample_cancel_enabled"] = self.sample_cancel_enabled
        out["sample_cancel_max_batch_size"] = self.sample_cancel_max_batch_size
        return out
