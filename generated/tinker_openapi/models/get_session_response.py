from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.string_user_metadata import StringUserMetadata

    pass

_C_training_run_ids: _f.Converter = _f.list_of(_f.as_str)
_C_sampler_ids: _f.Converter = _f.list_of(_f.as_str)
_C_user_metadata: _f.Converter = _f.nullable(_f.map_of(_f.as_str))
_D_user_metadata: Any = _f.Default(None)
_C_display_name: _f.Converter = _f.nullable(_f.as_str)
_D_display_name: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class GetSessionResponse(TinkerModel):
    """
    The GetSessionResponse type of the Tinker API.

    Attributes:
        training_run_ids:
        sampler_ids:
        user_metadata:
        display_name:
    """

    _tinker_title: ClassVar[str] = "GetSessionResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "training_run_ids",
        "sampler_ids",
        "user_metadata",
        "display_name",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "training_run_ids",
            "sampler_ids",
        }
    )

    training_run_ids: list[str] = _attrs_field(metadata={"wire": "training_run_ids", "annotation": "list[str]"})
    sampler_ids: list[str] = _attrs_field(metadata={"wire": "sampler_ids", "annotation": "list[str]"})
    user_metadata: StringUserMetadata | None = _attrs_field(
        default=None, metadata={"wire": "user_metadata", "annotation": "StringUserMetadata | None"}
    )
    display_name: str | None = _attrs_field(default=None, metadata={"wire": "display_name", "annotation": "str | None"})

    def __init__(
        self,
        *,
        training_run_ids: Sequence[str],
        sampler_ids: Sequence[str],
        user_metadata: StringUserMetadata | None = _D_user_metadata,
        display_name: str | None = _D_display_name,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "training_run_ids",
            "sampler_ids",
        }
        try:
            _tinker_set(self, "training_run_ids", _C_training_run_ids(training_run_ids, ("training_run_ids",)))
            _tinker_set(self, "sampler_ids", _C_sampler_ids(sampler_ids, ("sampler_ids",)))
            if _f.omitted(user_metadata, _D_user_metadata):
                _tinker_set(self, "user_metadata", _D_user_metadata.get())
            else:
                _tinker_fs.add("user_metadata")
                _tinker_set(self, "user_metadata", _C_user_metadata(user_metadata, ("user_metadata",)))
            if _f.omitted(display_name, _D_display_name):
                _tinker_set(self, "display_name", _D_display_name.get())
            else:
                _tinker_fs.add("display_name")
                _tinker_set(self, "display_name", _C_display_name(display_name, ("display_name",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("GetSessionResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["training_run_ids"] = list(self.training_run_ids)
        out["sampler_ids"] = list(self.sampler_ids)
        if self.user_metadata is not None:
            out["user_metadata"] = _f.to_wire(self.user_metadata)
        if self.display_name is not None:
            out["display_name"] = self.display_name
        return out
