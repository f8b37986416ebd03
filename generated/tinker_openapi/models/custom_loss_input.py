from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    from ..models.custom_loss_input_rank import CustomLossInputRank

    pass

_C_name: _f.Converter = _f.as_str
_C_rank: _f.Converter = _f.choice(
    frozenset(
        {
            0,
            1,
            2,
        }
    )
)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class CustomLossInput(TinkerModel):
    """
    The CustomLossInput type of the Tinker API.

    Attributes:
        name: `logprobs` or a loss_fn_inputs key
        rank: 0 = scalar, 1 = [T], 2 = [T, K]
    """

    _tinker_title: ClassVar[str] = "CustomLossInput"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "name",
        "rank",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "name",
            "rank",
        }
    )

    name: str = _attrs_field(
        metadata={"wire": "name", "annotation": "str", "doc": "`logprobs` or a loss_fn_inputs key"}
    )
    rank: CustomLossInputRank = _attrs_field(
        metadata={"wire": "rank", "annotation": "CustomLossInputRank", "doc": "0 = scalar, 1 = [T], 2 = [T, K]"}
    )

    def __init__(
        self,
        *,
        name: str,
        rank: CustomLossInputRank,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("CustomLossInput", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "name",
            "rank",
        }
        try:
            _tinker_set(self, "name", _C_name(name, ("name",)))
            _tinker_set(self, "rank", _C_rank(rank, ("rank",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("CustomLossInput", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["name"] = self.name
        out["rank"] = self.rank
        return out
