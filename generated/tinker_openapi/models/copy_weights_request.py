from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_source_path: _f.Converter = _f.as_str
_C_destination_project_id: _f.Converter = _f.nullable(_f.as_str)
_D_destination_project_id: Any = _f.Default(None)
_C_session_id: _f.Converter = _f.nullable(_f.as_str)
_D_session_id: Any = _f.Default(None)
_C_model_seq_id: _f.Converter = _f.nullable(_f.as_int)
_D_model_seq_id: Any = _f.Default(None)
_C_ttl_seconds: _f.Converter = _f.nullable(_f.as_int)
_D_ttl_seconds: Any = _f.Default(None)
_C_weights_access_token: _f.Converter = _f.nullable(_f.as_str)
_D_weights_access_token: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CopyWeightsRequest(TinkerModel):
    """
    The CopyWeightsRequest type of the Tinker API.

    Attributes:
        source_path:
        destination_project_id:
        session_id:
        model_seq_id:
        ttl_seconds:
        weights_access_token: the SDK sends it in the X-Tinker-Weights-Access-Token header instead
    """

    _tinker_title: ClassVar[str] = "CopyWeightsRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "source_path",
        "destination_project_id",
        "session_id",
        "model_seq_id",
        "ttl_seconds",
        "weights_access_token",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "source_path",
        }
    )

    source_path: str = _attrs_field(metadata={"wire": "source_path", "annotation": "str"})
    destination_project_id: str | None = _attrs_field(
        default=None, metadata={"wire": "destination_project_id", "annotation": "str | None"}
    )
    session_id: str | None = _attrs_field(default=None, metadata={"wire": "session_id", "annotation": "str | None"})
    model_seq_id: int | None = _attrs_field(default=None, metadata={"wire": "model_seq_id", "annotation": "int | None"})
    ttl_seconds: int | None = _attrs_field(default=None, metadata={"wire": "ttl_seconds", "annotation": "int | None"})
    weights_access_token: str | None = _attrs_field(
        default=None,
        metadata={
            "wire": "weights_access_token",
            "annotation": "str | None",
            "doc": "the SDK sends it in the X-Tinker-Weights-Access-Token header instead",
        },
    )

    def __init__(
        self,
        *,
        source_path: str,
        destination_project_id: str | None = _D_destination_project_id,
        session_id: str | None = _D_session_id,
        model_seq_id: int | None = _D_model_seq_id,
        ttl_seconds: int | None = _D_ttl_seconds,
        weights_access_token: str | None = _D_weights_access_token,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("CopyWeightsRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "source_path",
        }
        try:
            _tinker_set(self, "source_path", _C_source_path(source_path, ("source_path",)))
            if _f.omitted(destination_project_id, _D_destination_project_id):
                _tinker_set(self, "destination_project_id", _D_destination_project_id.get())
            else:
                _tinker_fs.add("destination_project_id")
                _tinker_set(
                    self,
                    "destination_project_id",
                    _C_destination_project_id(destination_project_id, ("destination_project_id",)),
                )
            if _f.omitted(session_id, _D_session_id):
                _tinker_set(self, "session_id", _D_session_id.get())
            else:
                _tinker_fs.add("session_id")
                _tinker_set(self, "session_id", _C_session_id(session_id, ("session_id",)))
            if _f.omitted(model_seq_id, _D_model_seq_id):
                _tinker_set(self, "model_seq_id", _D_model_seq_id.get())
            else:
                _tinker_fs.add("model_seq_id")
                _tinker_set(self, "model_seq_id", _C_model_seq_id(model_seq_id, ("model_seq_id",)))
            if _f.omitted(ttl_seconds, _D_ttl_seconds):
                _tinker_set(self, "ttl_seconds", _D_ttl_seconds.get())
            else:
                _tinker_fs.add("ttl_seconds")
                _tinker_set(self, "ttl_seconds", _C_ttl_seconds(ttl_seconds, ("ttl_seconds",)))
            if _f.omitted(weights_access_token, _D_weights_access_token):
                _tinker_set(self, "weights_access_token", _D_weights_access_token.get())
            else:
                _tinker_fs.add("weights_access_token")
                _tinker_set(
                    self,
                    "weights_access_token",
                    _C_weights_access_token(weights_access_token, ("weights_access_token",)),
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CopyWeightsRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["source_path"] = self.source_path
        if self.destination_project_id is not None:
            out["destination_project_id"] = self.destination_project_id
        if self.session_id is not None:
            out["session_id"] = self.session_id
        if self.model_seq_id is not None:
            out["model_seq_id"] = self.model_seq_id
        if self.ttl_seconds is not None:
            out["ttl_seconds"] = self.ttl_seconds
        if self.weights_access_token is not None:
            out["weights_access_token"] = self.weights_access_token
        return out
