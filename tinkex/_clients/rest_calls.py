"""What every ``RestClient`` collaborator shares: the client's holder, and one way to run a
generated endpoint on tinkex's loop (which owns the HTTP pools) and hand the caller a future
that the client tracks, so ``close()`` cancels it. Paths with a checkpoint id keep its
``<kind>/<name>`` slash.
"""

from __future__ import annotations

from collections.abc import Coroutine
from types import ModuleType
from typing import Any, Protocol, TypeVar

from .._core import loop as _loop
from .._core.holder import ClientHolder
from .._http.calls import call
from .._http.options import CallOptions, PoolType
from ..errors import TinkexValidationError
from ..futures import APIFuture
from ..telemetry.capture import captured
from ..types import ParsedCheckpointTinkerPath

T = TypeVar("T")
_DEFAULT_POOL = CallOptions(pool=PoolType.DEFAULT)
CHECKPOINT_KINDS = ("weights", "sampler_weights", "external_weights")


class Submit(Protocol):
    """How the owning client starts an operation (tracked, and refused once it is closed)."""

    def __call__(self, work: Coroutine[Any, Any, T], description: str, /) -> APIFuture[T]: ...


def checkpoint_params(training_run_id: str, checkpoint_id: str) -> dict[str, Any]:
    """The path parameters of a checkpoint endpoint; a malformed ``checkpoint_id`` fails here."""
    if not isinstance(checkpoint_id, str):
        raise TinkexValidationError(
            f"checkpoint_id must be a string like 'weights/<name>', got {type(checkpoint_id).__name__}",
            field="checkpoint_id",
        )
    kind, sep, name = checkpoint_id.partition("/")
    if not sep or not name or kind not in CHECKPOINT_KINDS:
        raise TinkexValidationError(
            "checkpoint_id must look like 'weights/<name>' or 'sampler_weights/<name>'", field="checkpoint_id"
        )
    return {"training_run_id": training_run_id, "checkpoint_kind": kind, "checkpoint_name": name}


def parse_path(tinker_path: str) -> ParsedCheckpointTinkerPath:
    return ParsedCheckpointTinkerPath.from_tinker_path(tinker_path)


class RestCalls:
    """The holder and the call helpers of one ``RestClient``, shared by its collaborators."""

    def __init__(self, holder: ClientHolder, submit: Submit) -> None:
        self.holder = holder
        self._submit = submit

    def future(self, coro: Coroutine[Any, Any, T], description: str) -> APIFuture[T]:
        """``coro`` started on tinkex's loop, as a future the client tracks."""
        return self._submit(coro, description)

    async def on_loop(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on tinkex's loop, whichever loop awaits it."""
        return await _loop.run_on_loop(coro)

    async def call(self, endpoint: ModuleType, *, options: CallOptions | None = None, **kwargs: Any) -> Any:
        """A generated endpoint's parsed result, run on tinkex's loop (the default pool unless ``options``)."""
        return await self.on_loop(self._call_on_loop(endpoint, options or _DEFAULT_POOL, **kwargs))

    async def checkpoint_call(
        self, endpoint: ModuleType, training_run_id: str, checkpoint_id: str, **kw: Any
    ) -> Any:
        return await self.call(endpoint, **checkpoint_params(training_run_id, checkpoint_id), **kw)

    async def _call_on_loop(self, endpoint: ModuleType, options: CallOptions, **kwargs: Any) -> Any:
        operation = endpoint.__name__.rpartition(".")[2]
        await self.holder.ensure_started()
        return await captured(self.holder, operation, call(self.holder.api, endpoint, options, **kwargs))
