from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.training import SamplingParamsBehaviour

if TYPE_CHECKING:
    pass

_C_max_tokens: _f.Converter = _f.bounded(
    _f.nullable(_f.as_int),
    ge=1.0,
)
_D_max_tokens: Any = _f.Default(None)
_C_seed: _f.Converter = _f.bounded(
    _f.nullable(_f.as_int),
    ge=-9.223372036854776e18,
    le=9.223372036854776e18,
)
_D_seed: Any = _f.Default(None)
_C_stop: _f.Converter = _f.nullable(
    _f.first_of(
        _f.as_str,
        _f.list_of(_f.as_str),
        _f.list_of(_f.as_int),
    )
)
_D_stop: Any = _f.Default(None)
_C_temperature: _f.Converter = _f.bounded(
    _f.as_float,
    ge=0.0,
)
_D_temperature: Any = _f.Default(1.0)
_C_top_k: _f.Converter = _f.as_int
_D_top_k: Any = _f.Default(-1)
_C_top_p: _f.Converter = _f.bounded(
    _f.as_float,
    le=1.0,
    gt=0.0,
)
_D_top_p: Any = _f.Default(1.0)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class SamplingParams(SamplingParamsBehaviour, TinkerModel):
    """
    The SamplingParams type of the Tinker API.

    Attributes:
        max_tokens:
        seed:
        stop: absent / null keeps EOS stopping
        temperature:
        top_k: -1 = no limit
        top_p:
    """

    _tinker_title: ClassVar[str] = "SamplingParams"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "max_tokens",
        "seed",
        "stop",
        "temperature",
        "top_k",
        "top_p",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    max_tokens: int | None = _attrs_field(default=None, metadata={"wire": "max_tokens", "annotation": "int | None"})
    seed: int | None = _attrs_field(default=None, metadata={"wire": "seed", "annotation": "int | None"})
    stop: str | list[str] | list[int] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "stop",
            "annotation": "str | list[str] | list[int] | None",
            "doc": "absent / null keeps EOS stopping",
        },
    )
    temperature: float = _attrs_field(default=1.0, metadata={"wire": "temperature", "annotation": "float"})
    top_k: int = _attrs_field(default=-1, metadata={"wire": "top_k", "annotation": "int", "doc": "-1 = no limit"})
    top_p: float = _attrs_field(default=1.0, metadata={"wire": "top_p", "annotation": "float"})

    def __init__(
        self,
        *,
        max_tokens: int | None = _D_max_tokens,
        seed: int | None = _D_seed,
        stop: str | list[str] | list[int] | None = _D_stop,
        temperature: float = _D_temperature,
        top_k: int = _D_top_k,
        top_p: float = _D_top_p,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(max_tokens, _D_max_tokens):
                _tinker_set(self, "max_tokens", _D_max_tokens.get())
            else:
                _tinker_fs.add("max_tokens")
                _tinker_set(self, "max_tokens", _C_max_tokens(max_tokens, ("max_tokens",)))
            if _f.omitted(seed, _D_seed):
                _tinker_set(self, "seed", _D_seed.get())
            else:
                _tinker_fs.add("seed")
                _tinker_set(self, "seed", _C_seed(seed, ("seed",)))
            if _f.omitted(stop, _D_stop):
                _tinker_set(self, "stop", _D_stop.get())
            else:
                _tinker_fs.add("stop")
                _tinker_set(self, "stop", _C_stop(stop, ("stop",)))
            if _f.omitted(temperature, _D_temperature):
                _tinker_set(self, "temperature", _D_temperature.get())
            else:
                _tinker_fs.add("temperature")
                _tinker_set(self, "temperature", _C_temperature(temperature, ("temperature",)))
            if _f.omitted(top_k, _D_top_k):
                _tinker_set(self, "top_k", _D_top_k.get())
            else:
                _tinker_fs.add("top_k")
                _tinker_set(self, "top_k", _C_top_k(top_k, ("top_k",)))
            if _f.omitted(top_p, _D_top_p):
                _tinker_set(self, "top_p", _D_top_p.get())
            else:
                _tinker_fs.add("top_p")
                _tinker_set(self, "top_p", _C_top_p(top_p, ("top_p",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("SamplingParams", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        if self.max_tokens is not None:
            out["max_tokens"] = self.max_tokens
        if self.seed is not None:
            out["seed"] = self.seed
        if self.stop is not None:
            out["stop"] = self.stop
        out["temperature"] = self.temperature
        out["top_k"] = self.top_k
        out["top_p"] = self.top_p
        return out
