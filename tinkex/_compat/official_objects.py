"""Objects of the official ``tinker`` SDK's types, accepted where tinkex's are expected.

When both packages are installed, code may build a ``tinker.types.Datum`` and hand it to a
tinkex client. Such an object is converted through its public data (``model_dump()`` for the
official pydantic models; the fields of the official dataclasses, ``Datum`` and
``TensorData``) and validated as the tinkex type of the same name. Anything else is refused
with an error naming module and class on both sides, so two classes called ``Datum`` are
never confused.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar, overload

import numpy as np

from ..errors import TinkexValidationError

__all__ = ["as_tinkex", "describe_type"]

T = TypeVar("T")
OFFICIAL_PACKAGE = "tinker"
TINKEX_TYPES_PACKAGE = "tinker_openapi"  # the generated models that tinkex.types re-exports


def describe_type(cls: type) -> str:
    """``tinkex.types.Datum`` for tinkex's own types, ``module.QualName`` for anything else."""
    if cls.__module__.partition(".")[0] == TINKEX_TYPES_PACKAGE:
        return f"tinkex.types.{cls.__qualname__}"
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_official(value: object) -> bool:
    return type(value).__module__.partition(".")[0] == OFFICIAL_PACKAGE


def _plain(value: Any) -> Any:
    """The JSON-shaped data of an official object (nested models, dataclasses and arrays)."""
    if hasattr(value, "model_dump"):
        return value.model_dump()
    if _is_official(value) and hasattr(value, "to_numpy") and hasattr(value, "sparse_crow_indices"):
        # The official TensorData keeps its values in a private field; ``data`` is the public view.
        names = ("data", "dtype", "shape", "sparse_crow_indices", "sparse_col_indices")
        return {name: _plain(getattr(value, name)) for name in names}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


@overload
def as_tinkex(value: object, expected: type[T], field: str) -> T: ...
@overload
def as_tinkex(value: object, expected: tuple[type[Any], ...], field: str) -> Any: ...
def as_tinkex(value: object, expected: type[Any] | tuple[type[Any], ...], field: str) -> Any:
    """``value`` if it is an ``expected`` instance, its tinkex twin if it is the official SDK's
    object of the same class name, else a ``TinkexValidationError`` naming both classes."""
    classes = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, classes):
        return value
    if _is_official(value):
        for cls in classes:
            if cls.__name__ == type(value).__name__:
                return cls.model_validate(_plain(value))
    wanted = " or ".join(describe_type(cls) for cls in classes)
    raise TinkexValidationError(f"{field}: expected {wanted}, got {describe_type(type(value))}", field=field)
