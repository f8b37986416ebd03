from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.custom_loss_node_kwargs import CustomLossNodeKwargs
    from ..models.custom_loss_node_op import CustomLossNodeOp

    pass

_C_op: _f.Converter = _f.choice(
    frozenset(
        {
            "call_function",
            "call_method",
            "call_module",
            "get_attr",
            "output",
            "placeholder",
        }
    )
)
_C_name: _f.Converter = _f.as_str
_C_target: _f.Converter = _f.as_str
_C_args: _f.Converter = _f.list_of(_f.as_any)
_C_args = _f.nullable(_C_args)
_D_args: Any = _f.Default(None)
_C_kwargs: _f.Converter = _f.map_of(_f.as_any)
_C_kwargs = _f.nullable(_C_kwargs)
_D_kwargs: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CustomLossNode(TinkerModel):
    """
    one node of a traced (torch.fx-style) custom loss

    Attributes:
        op:
        name: unique within the graph
        target:
        args: encoded arguments: JSON values, or one-key objects such as {"ref": name}; always sent ([]
            when none)
        kwargs: encoded keyword arguments, same encoding as args
    """

    _tinker_title: ClassVar[str] = "CustomLossNode"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "op",
        "name",
        "target",
        "args",
        "kwargs",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "op",
            "name",
            "target",
        }
    )

    op: CustomLossNodeOp = _attrs_field(metadata={"wire": "op", "annotation": "CustomLossNodeOp"})
    name: str = _attrs_field(metadata={"wire": "name", "annotation": "str", "doc": "unique within the graph"})
    target: str = _attrs_field(metadata={"wire": "target", "annotation": "str"})
    args: list[Any] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "args",
            "annotation": "list[Any] | None",
            "doc": 'encoded arguments: JSON values, or one-key objects such as {"ref": name}; always sent ([] when none)',
        },
    )
    kwargs: CustomLossNodeKwargs | None = _attrs_field(
        default=None,
        metadata={
            "wire": "kwargs",
            "annotation": "CustomLossNodeKwargs | None",
            "doc": "encoded keyword arguments, same encoding as args",
        },
    )

    def __init__(
        self,
        *,
        op: CustomLossNodeOp,
        name: str,
        target: str,
        args: Sequence[Any] | None = _D_args,
        kwargs: CustomLossNodeKwargs | None = _D_kwargs,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("CustomLossNode", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "op",
            "name",
            "target",
        }
        try:
            _tinker_set(self, "op", _C_op(op, ("op",)))
            _tinker_set(self, "name", _C_name(name, ("name",)))
            _tinker_set(self, "target", _C_target(target, ("target",)))
            if _f.omitted(args, _D_args):
                _tinker_set(self, "args", _D_args.get())
            else:
                _tinker_fs.add("args")
                _tinker_set(self, "args", _C_args(args, ("args",)))
            if _f.omitted(kwargs, _D_kwargs):
                _tinker_set(self, "kwargs", _D_kwargs.get())
            else:
                _tinker_fs.add("kwargs")
                _tinker_set(self, "kwargs", _C_kwargs(kwargs, ("kwargs",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CustomLossNode", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["op"] = self.op
        out["name"] = self.name
        out["target"] = self.target
        if self.args is not None:
            out["args"] = list(self.args)
        if self.kwargs is not None:
            out["kwargs"] = dict(self.kwargs)
        return out
