from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_model_id: _f.Converter = _f.as_str
_C_path: _f.Converter = _f.as_str
_C_seq_id: _f.Converter = _f.nullable(_f.as_int)
_D_seq_id: Any = _f.Default(None)
_C_ttl_seconds: _f.Converter = _f.nullable(_f.as_int)
_D_ttl_seconds: Any = _f.Default(None)
_C_age_encryption_recipients: _f.Converter = _f.bounded(
    _f.nullable(_f.list_of(_f.as_str)),
    max_len=10,
)
_D_age_encryption_recipients: Any = _f.Default(None)
_C_type: _f.Converter = _f.const("save_weights_external")
_D_type: Any = _f.Default("save_weights_external")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SaveWeightsExternalRequest(TinkerModel):
    """
    The SaveWeightsExternalRequest type of the Tinker API.

    Attributes:
        model_id:
        path: checkpoint name
        seq_id:
        ttl_seconds:
        age_encryption_recipients:
        type:
    """

    _tinker_title: ClassVar[str] = "SaveWeightsExternalRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "model_id",
        "path",
        "seq_id",
        "ttl_seconds",
        "age_encryption_recipients",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "save_weights_external")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "model_id",
            "path",
        }
    )

    model_id: str = _attrs_field(metadata={"wire": "model_id", "annotation": "str"})
    path: str = _attrs_field(metadata={"wire": "path", "annotation": "str", "doc": "checkpoint name"})
    seq_id: int | None = _attrs_field(default=None, metadata={"wire": "seq_id", "annotation": "int | None"})
    ttl_seconds: int | None = _attrs_field(default=None, metadata={"wire": "ttl_seconds", "annotation": "int | None"})
    age_encryption_recipients: list[str] | None = _attrs_field(
        default=None, metadata={"wire": "age_encryption_recipients", "annotation": "list[str] | None"}
    )
    type: Literal["save_weights_external"] = _attrs_field(
        default="save_weights_external", metadata={"wire": "type", "annotation": "Literal['save_weights_external']"}
    )

    def __init__(
        self,
        *,
        model_id: str,
        path: str,
        seq_id: int | None = _D_seq_id,
        ttl_seconds: int | None = _D_ttl_seconds,
        age_encryption_recipients: Sequence[str] | None = _D_age_encryption_recipients,
        type: Literal["save_weights_external"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("SaveWeightsExternalRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "model_id",
            "path",
        }
        try:
            _tinker_set(self, "model_id", _C_model_id(model_id, ("model_id",)))
            _tinker_set(self, "path", _C_path(path, ("path",)))
            if _f.omitted(seq_id, _D_seq_id):
                _tinker_set(self, "seq_id", _D_seq_id.get())
            else:
                _tinker_fs.add("seq_id")
                _tinker_set(self, "seq_id", _C_seq_id(seq_id, ("seq_id",)))
            if _f.omitted(ttl_seconds, _D_ttl_seconds):
                _tinker_set(self, "ttl_seconds", _D_ttl_seconds.get())
            else:
                _tinker_fs.add("ttl_seconds")
                _tinker_set(self, "ttl_seconds", _C_ttl_seconds(ttl_seconds, ("ttl_seconds",)))
            if _f.omitted(age_encryption_recipients, _D_age_encryption_recipients):
                _tinker_set(self, "age_encryption_recipients", _D_age_encryption_recipients.get())
            else:
                _tinker_fs.add("age_encryption_recipients")
                _tinker_set(
                    self,
                    "age_encryption_recipients",
                    _C_age_encryption_recipients(age_encryption_recipients, ("age_encryption_recipients",)),
                )
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SaveWeightsExternalRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["model_id"] = self.model_id
        out["path"] = self.path
        if self.seq_id is not None:
            out["seq_id"] = self.seq_id
        if self.ttl_seconds is not None:
            out["ttl_seconds"] = self.ttl_seconds
        if self.age_encryption_recipients is not None:
            out["age_encryption_recipients"] = self.age_encryption_recipients
        out["type"] = self.type
        return out
