"""Public data types of tinkex, with the names of the official ``tinker.types``.

Every wire type is generated from ``openapi/tinker.yaml`` into ``tinker_openapi.models``
(``codegen.py``) and re-exported here under its official name; what the spec cannot express
(builders, numpy conversions, checks) is added at one seam, ``tinkex.types.behaviour``. The
names resolve on first use, so importing this package loads none of the model modules.

Everything here is importable without jax, torch, transformers or httpx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._union_names import UNION_ALIASES

if TYPE_CHECKING:
    from tinker_openapi.models import *  # noqa: F403  (every generated type, for type checkers)
    from tinker_openapi.models.loss_fn_type import LossFnType

    from ..errors import RequestErrorCategory, TinkexValidationError as TinkexValidationError
    from ..queue_state import QueueState
    from .behaviour.checkpoints import console_checkpoint_url, console_playground_url
    from .behaviour.dtypes import TENSOR_DTYPES, check_precision_loss, dtype_from_numpy, to_numpy_dtype
    from .behaviour.errors import ValidationError
    from .unions import (  # the names of UNION_ALIASES, re-exported for type checkers
        BillingEventInfo as BillingEventInfo,
        FutureCompletion as FutureCompletion,
        FutureRetrieveResponse as FutureRetrieveResponse,
        ModelID as ModelID,
        ModelInputChunk as ModelInputChunk,
        OptimizerConfig as OptimizerConfig,
        OptimParams as OptimParams,
        ProvenanceSpan as ProvenanceSpan,
        ProvenanceSpans as ProvenanceSpans,
        RequestID as RequestID,
        SearchOwner as SearchOwner,
        SessionFailedReason as SessionFailedReason,
        SessionStatus as SessionStatus,
        SessionStatusQuery as SessionStatusQuery,
        TelemetryEvent as TelemetryEvent,
    )

    LOSS_FN_TYPES: tuple[LossFnType, ...]

# Names that are not generated models, and where they live (relative to this package).
_HANDWRITTEN: dict[str, str] = {
    "TinkexValidationError": "..errors",
    "RequestErrorCategory": "..errors",  # the official StrEnum, with ``parse``/``retryable``
    "QueueState": "..queue_state",
    "ValidationError": ".behaviour.errors",
    "console_checkpoint_url": ".behaviour.checkpoints",
    "console_playground_url": ".behaviour.checkpoints",
    "TENSOR_DTYPES": ".behaviour.dtypes",
    "check_precision_loss": ".behaviour.dtypes",
    "dtype_from_numpy": ".behaviour.dtypes",
    "to_numpy_dtype": ".behaviour.dtypes",
    **dict.fromkeys(UNION_ALIASES, ".unions"),
}


def _loss_fn_types() -> tuple[str, ...]:
    from typing import get_args

    from tinker_openapi.models.loss_fn_type import LossFnType

    return tuple(get_args(LossFnType))


def __getattr__(name: str) -> Any:
    if name == "LOSS_FN_TYPES":
        value: Any = _loss_fn_types()
    elif name in _HANDWRITTEN:
        value = getattr(importlib.import_module(_HANDWRITTEN[name], __name__), name)
    else:
        models = importlib.import_module("tinker_openapi.models")
        if name not in models.__all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(models, name)
    globals()[name] = value
    return value


def _public_names() -> list[str]:
    models = importlib.import_module("tinker_openapi.models")
    return sorted({*models.__all__, *_HANDWRITTEN, "LOSS_FN_TYPES"})


def __dir__() -> list[str]:
    return _public_names()


__all__ = _public_names()
