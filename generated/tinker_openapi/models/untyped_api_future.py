from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_request_id: _f.Converter = _f.as_str
_C_model_id: _f.Converter = _f.nullable(_f.as_str)
_D_model_id: Any = _f.Default(None)
_C_sample_sequence_ids: _f.Converter = _f.nullable(_f.list_of(_f.as_str))
_D_sample_sequence_ids: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class UntypedAPIFuture(TinkerModel):
    """
    Reply of every future-returning endpoint; poll /api/v1/retrieve_future with `request_id`.

    Attributes:
        request_id:
        model_id:
        sample_sequence_ids:
    """

    _tinker_title: ClassVar[str] = "UntypedAPIFuture"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "request_id",
        "model_id",
        "sample_sequence_ids",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "request_id",
        }
    )

    request_id: str = _attrs_field(metadata={"wire": "request_id", "annotation": "str"})
    model_id: str | None = _attrs_field(default=None, metadata={"wire": "model_id", "annotation": "str | None"})
    sample_sequence_ids: list[str] | None = _attrs_field(
        default=None, metadata={"wire": "sample_sequence_ids", "annotation": "list[str] | None"}
    )

    def __init__(
        self,
        *,
        request_id: str,
        model_id: str | None = _D_model_id,
        sample_sequence_ids: Sequence[str] | None = _D_sample_sequence_ids,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "request_id",
        }
        try:
            _tinker_set(self, "request_id", _C_request_id(request_id, ("request_id",)))
            if _f.omitted(model_id, _D_model_id):
                _tinker_set(self, "model_id", _D_model_id.get())
            else:
                _tinker_fs.add("model_id")
                _tinker_set(self, "model_id", _C_model_id(model_id, ("model_id",)))
            if _f.omitted(sample_sequence_ids, _D_sample_sequence_ids):
                _tinker_set(self, "sample_sequence_ids", _D_sample_sequence_ids.get())
            else:
                _tinker_fs.add("sample_sequence_ids")
                _tinker_set(
                    self, "sample_sequence_ids", _C_sample_sequence_ids(sample_sequence_ids, ("sample_sequence_ids",))
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("UntypedAPIFuture", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["request_id"] = self.request_id
        if self.model_id is not None:
            out["model_id"] = self.model_id
        if self.sample_sequence_ids is not None:
            out["sample_sequence_ids"] = self.sample_sequence_ids
        return out
