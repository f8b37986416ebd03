from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.forward_backward_input import ForwardBackwardInput

    pass

_C_forward_backward_input: _f.Converter = _f.model(
    _f.ModelRef(__package__, "forward_backward_input", "ForwardBackwardInput")
)
_C_model_id: _f.Converter = _f.as_str
_C_seq_id: _f.Converter = _f.nullable(_f.as_int)
_D_seq_id: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ForwardBackwardRequest(TinkerModel):
    """
    JSON form of the forward_backward request (SDK 0.15, Tinkex); 0.25+ send the protobuf form.

    Attributes:
        forward_backward_input:
        model_id:
        seq_id: per-model request counter from 1; the server's dedupe and ordering key
    """

    _tinker_title: ClassVar[str] = "ForwardBackwardRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "forward_backward_input",
        "model_id",
        "seq_id",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "forward_backward_input",
            "model_id",
        }
    )

    forward_backward_input: ForwardBackwardInput = _attrs_field(
        metadata={"wire": "forward_backward_input", "annotation": "ForwardBackwardInput"}
    )
    model_id: str = _attrs_field(metadata={"wire": "model_id", "annotation": "str"})
    seq_id: int | None = _attrs_field(
        default=None,
        metadata={
            "wire": "seq_id",
            "annotation": "int | None",
            "doc": "per-model request counter from 1; the server\u0027s dedupe and ordering key",
        },
    )

    def __init__(
        self,
        forward_backward_input: ForwardBackwardInput,
        model_id: str,
        seq_id: int | None = _D_seq_id,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("ForwardBackwardRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "forward_backward_input",
            "model_id",
        }
        try:
            _tinker_set(
                self,
                "forward_backward_input",
                _C_forward_backward_input(forward_backward_input, ("forward_backward_input",)),
            )
            _tinker_set(self, "model_id", _C_model_id(model_id, ("model_id",)))
            if _f.omitted(seq_id, _D_seq_id):
                _tinker_set(self, "seq_id", _D_seq_id.get())
            else:
                _tinker_fs.add("seq_id")
                _tinker_set(self, "seq_id", _C_seq_id(seq_id, ("seq_id",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ForwardBackwardRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["forward_backward_input"] = self.forward_backward_input.to_dict()
        out["model_id"] = self.model_id
        if self.seq_id is not None:
            out["seq_id"] = self.seq_id
        return out
