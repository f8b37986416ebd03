"""Futures of clients that can also be used, deprecated, as the client itself.

``ServiceClient.create_lora_training_client()`` (and friends) return a future of the
client, as the official SDK 0.38 does; older code that used the return value directly as
the client keeps working, with a ``FutureWarning`` (the official transition behaviour).
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, TypeVar

from .futures import APIFuture

if TYPE_CHECKING:
    from .sampling_client import SamplingClient  # noqa: F401  (named in string annotations below)
    from .training_client import TrainingClient  # noqa: F401

C = TypeVar("C")


class BackcompatClientFuture(APIFuture[C]):
    def __init__(self, future: APIFuture[C]) -> None:
        super().__init__(future.future(), description=future._description)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        warnings.warn(
            f"Using the future returned by a client-creation method as the client (.{name}) is "
            "deprecated; call .result() on it, or await it, to get the client first.",
            FutureWarning,
            stacklevel=2,
        )
        return getattr(self.result(), name)

    def __repr__(self) -> str:
        future = self.future()
        if not future.done():
            state = "pending"
        elif future.cancelled():
            state = "cancelled"
        elif future.exception() is not None:
            state = f"failed: {future.exception()!r}"
        else:
            state = repr(future.result())
        return f"<{type(self).__name__}: {state}>"


class BackcompatTrainingClientFuture(BackcompatClientFuture["TrainingClient"]):
    """A future of a ``TrainingClient`` (await it or call ``.result()``)."""


class BackcompatSamplingClientFuture(BackcompatClientFuture["SamplingClient"]):
    """A future of a ``SamplingClient`` (await it or call ``.result()``)."""

    def __reduce__(self) -> tuple[Any, ...]:
        # The official future pickles as the client it resolves to, deprecated like the rest
        # of its client-like use.
        warnings.warn(
            "Pickling the future returned by a client-creation method is deprecated; call "
            ".result() on it, or await it, and pickle the SamplingClient.",
            FutureWarning,
            stacklevel=2,
        )
        return self.result().__reduce__()
