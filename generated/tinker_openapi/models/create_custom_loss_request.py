from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.custom_loss_graph import CustomLossGraph
    from ..models.custom_loss_input import CustomLossInput

    pass

_C_session_id: _f.Converter = _f.as_str
_C_custom_loss_seq_id: _f.Converter = _f.as_int
_C_name: _f.Converter = _f.as_str
_C_inputs: _f.Converter = _f.list_of(_f.model(_f.ModelRef(__package__, "custom_loss_input", "CustomLossInput")))
_C_graph: _f.Converter = _f.model(_f.ModelRef(__package__, "custom_loss_graph", "CustomLossGraph"))
_C_type: _f.Converter = _f.const("create_custom_loss")
_D_type: Any = _f.Default("create_custom_loss")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CreateCustomLossRequest(TinkerModel):
    """
    The CreateCustomLossRequest type of the Tinker API.

    Attributes:
        session_id:
        custom_loss_seq_id: per-session counter from 0
        name:
        inputs:
        graph:
        type:
    """

    _tinker_title: ClassVar[str] = "CreateCustomLossRequest"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "session_id",
        "custom_loss_seq_id",
        "name",
        "inputs",
        "graph",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "create_custom_loss")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "session_id",
            "custom_loss_seq_id",
            "name",
            "inputs",
            "graph",
        }
    )

    session_id: str = _attrs_field(metadata={"wire": "session_id", "annotation": "str"})
    custom_loss_seq_id: int = _attrs_field(
        metadata={"wire": "custom_loss_seq_id", "annotation": "int", "doc": "per-session counter from 0"}
    )
    name: str = _attrs_field(metadata={"wire": "name", "annotation": "str"})
    inputs: list[CustomLossInput] = _attrs_field(metadata={"wire": "inputs", "annotation": "list[CustomLossInput]"})
    graph: CustomLossGraph = _attrs_field(metadata={"wire": "graph", "annotation": "CustomLossGraph"})
    type: Literal["create_custom_loss"] = _attrs_field(
        default="create_custom_loss", metadata={"wire": "type", "annotation": "Literal['create_custom_loss']"}
    )

    def __init__(
        self,
        *,
        session_id: str,
        custom_loss_seq_id: int,
        name: str,
        inputs: Sequence[CustomLossInput],
        graph: CustomLossGraph,
        type: Literal["create_custom_loss"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("CreateCustomLossRequest", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "session_id",
            "custom_loss_seq_id",
            "name",
            "inputs",
            "graph",
        }
        try:
            _tinker_set(self, "session_id", _C_session_id(session_id, ("session_id",)))
            _tinker_set(self, "custom_loss_seq_id", _C_custom_loss_seq_id(custom_loss_seq_id, ("custom_loss_seq_id",)))
            _tinker_set(self, "name", _C_name(name, ("name",)))
            _tinker_set(self, "inputs", _C_inputs(inputs, ("inputs",)))
            _tinker_set(self, "graph", _C_graph(graph, ("graph",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CreateCustomLossRequest", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["session_id"] = self.session_id
        out["custom_loss_seq_id"] = self.custom_loss_seq_id
        out["name"] = self.name
        out["inputs"] = [x.to_dict() for x in self.inputs]
        out["graph"] = self.graph.to_dict()
        out["type"] = self.type
        return out
