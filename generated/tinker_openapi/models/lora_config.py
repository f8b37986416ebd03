from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.training import LoraConfigBehaviour

if TYPE_CHECKING:
    pass

_C_rank: _f.Converter = _f.bounded(
    _f.as_int,
    ge=1.0,
)
_C_seed: _f.Converter = _f.nullable(_f.as_int)
_D_seed: Any = _f.Default(None)
_C_train_unembed: _f.Converter = _f.as_bool
_D_train_unembed: Any = _f.Default(True)
_C_train_mlp: _f.Converter = _f.as_bool
_D_train_mlp: Any = _f.Default(True)
_C_train_attn: _f.Converter = _f.as_bool
_D_train_attn: Any = _f.Default(True)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class LoraConfig(LoraConfigBehaviour, TinkerModel):
    """
    at least one train_* must be true

    Attributes:
        rank:
        seed:
        train_unembed:
        train_mlp:
        train_attn:
    """

    _tinker_title: ClassVar[str] = "LoraConfig"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "rank",
        "seed",
        "train_unembed",
        "train_mlp",
        "train_attn",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "rank",
        }
    )

    rank: int = _attrs_field(metadata={"wire": "rank", "annotation": "int"})
    seed: int | None = _attrs_field(default=None, metadata={"wire": "seed", "annotation": "int | None"})
    train_unembed: bool = _attrs_field(default=True, metadata={"wire": "train_unembed", "annotation": "bool"})
    train_mlp: bool = _attrs_field(default=True, metadata={"wire": "train_mlp", "annotation": "bool"})
    train_attn: bool = _attrs_field(default=True, metadata={"wire": "train_attn", "annotation": "bool"})

    def __init__(
        self,
        *,
        rank: int,
        seed: int | None = _D_seed,
        train_unembed: bool = _D_train_unembed,
        train_mlp: bool = _D_train_mlp,
        train_attn: bool = _D_train_attn,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("LoraConfig", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "rank",
        }
        try:
            _tinker_set(self, "rank", _C_rank(rank, ("rank",)))
            if _f.omitted(seed, _D_seed):
                _tinker_set(self, "seed", _D_seed.get())
            else:
                _tinker_fs.add("seed")
                _tinker_set(self, "seed", _C_seed(seed, ("seed",)))
            if _f.omitted(train_unembed, _D_train_unembed):
                _tinker_set(self, "train_unembed", _D_train_unembed.get())
            else:
                _tinker_fs.add("train_unembed")
                _tinker_set(self, "train_unembed", _C_train_unembed(train_unembed, ("train_unembed",)))
            if _f.omitted(train_mlp, _D_train_mlp):
                _tinker_set(self, "train_mlp", _D_train_mlp.get())
            else:
                _tinker_fs.add("train_mlp")
                _tinker_set(self, "train_mlp", _C_train_mlp(train_mlp, ("train_mlp",)))
            if _f.omitted(train_attn, _D_train_attn):
                _tinker_set(self, "train_attn", _D_train_attn.get())
            else:
                _tinker_fs.add("train_attn")
                _tinker_set(self, "train_attn", _C_train_attn(train_attn, ("train_attn",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("LoraConfig", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["rank"] = self.rank
        if self.seed is not None:
            out["seed"] = self.seed
        out["train_unembed"] = self.train_unembed
        out["train_mlp"] = self.train_mlp
        out["train_attn"] = self.train_attn
        return out
