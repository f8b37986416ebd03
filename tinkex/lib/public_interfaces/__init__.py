"""The client classes under their official ``tinker.lib.public_interfaces`` path (a package, so
the official per-class submodule paths can be aliased under it).

Names resolve on first use (PEP 562), like ``tinkex`` itself, so importing this module stays
cheap; each is the very class ``tinkex`` exports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "APIFuture",
    "AdminClient",
    "AwaitableConcurrentFuture",
    "BackcompatSamplingClientFuture",
    "BackcompatTrainingClientFuture",
    "LossHandle",
    "PerDatumLossFn",
    "RestClient",
    "SamplingClient",
    "ServiceClient",
    "TrainingClient",
]

_HOME = {"AwaitableConcurrentFuture": "tinkex.futures"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME.get(name, "tinkex")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from ... import (
        AdminClient as AdminClient,
        APIFuture as APIFuture,
        BackcompatSamplingClientFuture as BackcompatSamplingClientFuture,
        BackcompatTrainingClientFuture as BackcompatTrainingClientFuture,
        LossHandle as LossHandle,
        PerDatumLossFn as PerDatumLossFn,
        RestClient as RestClient,
        SamplingClient as SamplingClient,
        ServiceClient as ServiceClient,
        TrainingClient as TrainingClient,
    )
    from ...futures import AwaitableConcurrentFuture as AwaitableConcurrentFuture
