from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.custom_loss_node import CustomLossNode

    pass

_C_format: _f.Converter = _f.const(1)
_D_format: Any = _f.Default(1)
_C_nodes: _f.Converter = _f.list_of(_f.model(_f.ModelRef(__package__, "custom_loss_node", "CustomLossNode")))


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CustomLossGraph(TinkerModel):
    """
    The CustomLossGraph type of the Tinker API.

    Attributes:
        format:
        nodes:
    """

    _tinker_title: ClassVar[str] = "CustomLossGraph"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "format",
        "nodes",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "nodes",
        }
    )

    format: Literal[1] = _attrs_field(default=1, metadata={"wire": "format", "annotation": "Literal[1]"})
    nodes: list[CustomLossNode] = _attrs_field(metadata={"wire": "nodes", "annotation": "list[CustomLossNode]"})

    def __init__(
        self,
        *,
        nodes: Sequence[CustomLossNode],
        format: Literal[1] = _D_format,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("CustomLossGraph", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "nodes",
        }
        try:
            if _f.omitted(format, _D_format):
                _tinker_set(self, "format", _D_format.get())
            else:
                _tinker_fs.add("format")
                _tinker_set(self, "format", _C_format(format, ("format",)))
            _tinker_set(self, "nodes", _C_nodes(nodes, ("nodes",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CustomLossGraph", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["format"] = self.format
        out["nodes"] = [x.to_dict() for x in self.nodes]
        return out
