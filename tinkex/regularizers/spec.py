"""RegularizerSpec and the regularizer protocol (LOSS-09, LOSS-10).

A regularizer is any of:

* a function ``fn(data, logprobs)``;
* a function ``fn(data, logprobs, options)``, which also receives the spec's ``options``;
* an object with ``compute(data, logprobs, **options)`` (the ``Regularizer`` protocol), or a
  callable object, dispatched like a function.

``data`` is the list of ``Datum``, ``logprobs`` one array per datum (JAX arrays, or JAX tracers
while a gradient is taken). It returns a value (an array is summed) or ``(value, custom)``
where ``custom`` maps names to numbers. It may also return an awaitable or a
``concurrent.futures.Future`` of that, which the executor waits for.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

import attrs

from ..custom_loss import positional_arity
from ..errors import TinkexValidationError
from ..types import Datum

__all__ = ["Regularizer", "RegularizerSpec", "call_regularizer", "validate_specs"]


@runtime_checkable
class Regularizer(Protocol):
    """An object-style regularizer."""

    def compute(self, data: Sequence[Datum], logprobs: Sequence[Any], **options: Any) -> Any: ...


def _call_mode(fn: object) -> int:
    """0 for a ``compute`` object, else the positional arity (2 or 3) to call ``fn`` with."""
    compute = getattr(fn, "compute", None)
    if callable(compute) and not isinstance(fn, type):
        return 0
    if not callable(fn):
        raise TinkexValidationError(
            "RegularizerSpec.fn must be a function of (data, logprobs[, options]) or an object "
            f"with compute(data, logprobs, **options); got {type(fn).__name__}",
            field="fn",
        )
    return positional_arity(fn, (2, 3), "RegularizerSpec.fn", "fn")


def call_regularizer(
    fn: object, data: Sequence[Datum], logprobs: Sequence[Any], options: Mapping[str, Any]
) -> Any:
    """Run one regularizer in whichever of the protocol's forms it has."""
    mode = _call_mode(fn)
    if mode == 0:
        return fn.compute(data, logprobs, **options)  # type: ignore[attr-defined]
    assert callable(fn)
    if mode == 3:
        return fn(data, logprobs, options)
    return fn(data, logprobs)


def _check_name(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise TinkexValidationError(
            f"RegularizerSpec.name must be a non-empty string, got {value!r}", field="name"
        )


def _check_weight(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value < 0
    ):
        raise TinkexValidationError(
            f"RegularizerSpec.weight must be a finite number >= 0, got {value!r}", field="weight"
        )


def _check_timeout(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value <= 0
    ):
        raise TinkexValidationError(
            f"RegularizerSpec.timeout must be a finite number of seconds > 0 or None, got {value!r}",
            field="timeout",
        )


def _check_fn(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _call_mode(value)


def _freeze_options(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        raise TinkexValidationError(
            f"RegularizerSpec.options must be a mapping, got {type(value).__name__}", field="options"
        )
    return MappingProxyType(dict(value))


@attrs.define(frozen=True, kw_only=True)
class RegularizerSpec:
    """One weighted term of ``loss_total = base + Σ weight·value``; validated on creation.

    ``timeout`` (seconds) overrides the executor's timeout for this regularizer.
    """

    fn: Callable[..., Any] | Regularizer = attrs.field(validator=_check_fn)
    weight: float = attrs.field(validator=_check_weight)
    name: str = attrs.field(validator=_check_name)
    timeout: float | None = attrs.field(default=None, validator=_check_timeout)
    options: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze_options)

    @classmethod
    def new(cls, params: Mapping[str, Any]) -> RegularizerSpec:
        """Build from a mapping with keys fn, weight, name (and optionally timeout, options)."""
        missing = [k for k in ("fn", "weight", "name") if k not in params]
        if missing:
            raise TinkexValidationError(f"RegularizerSpec needs {', '.join(missing)}", field=missing[0])
        return cls(**dict(params))


def validate_specs(specs: object) -> list[RegularizerSpec]:
    """A list of RegularizerSpec with unique names (duplicates are rejected)."""
    if isinstance(specs, (str, bytes)) or not isinstance(specs, Sequence):
        raise TinkexValidationError(
            f"regularizers must be a list of RegularizerSpec, got {type(specs).__name__}",
            field="regularizers",
        )
    seen: set[str] = set()
    for i, spec in enumerate(specs):
        if not isinstance(spec, RegularizerSpec):
            raise TinkexValidationError(
                f"regularizers[{i}] must be a RegularizerSpec, got {type(spec).__name__}",
                field=f"regularizers[{i}]",
            )
        if spec.name in seen:
            raise TinkexValidationError(
                f"duplicate regularizer name {spec.name!r}; names must be unique", field="regularizers"
            )
        seen.add(spec.name)
    return list(specs)
