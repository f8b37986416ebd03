"""``TrainingClient`` calls added in the official SDK 0.38: ``save_weights_external`` and
``get_console_url``. A mixin; the save goes through the same seq_id turn gate as every step.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from tinker_openapi.api.weights import save_weights_external as save_weights_external_endpoint

from .._core.requests import TurnGate
from ..errors import TinkexValidationError
from ..futures import APIFuture
from ..types import (
    SaveWeightsExternalRequest,
    SaveWeightsExternalResponse,
    SaveWeightsExternalResponseInternal,
)
from ..types.behaviour.checkpoints import CONSOLE_BASE_URL

if TYPE_CHECKING:
    from types import ModuleType

T = TypeVar("T")
R = TypeVar("R")
MAX_AGE_RECIPIENTS = 10


def _check_external(name: object, ttl_seconds: object, recipients: object) -> None:
    if not isinstance(name, str) or not name:
        raise TinkexValidationError("name must be a non-empty string", field="name")
    if ttl_seconds is not None and (isinstance(ttl_seconds, bool) or not isinstance(ttl_seconds, int)):
        raise TinkexValidationError("ttl_seconds must be an integer or None", field="ttl_seconds")
    if recipients is not None and (
        not isinstance(recipients, list)
        or len(recipients) > MAX_AGE_RECIPIENTS
        or not all(isinstance(r, str) and r for r in recipients)
    ):
        raise TinkexValidationError(
            f"age_encryption_recipients must be a list of at most {MAX_AGE_RECIPIENTS} public keys",
            field="age_encryption_recipients",
        )


class TrainingExternal:
    model_id: str
    _gate: TurnGate

    if TYPE_CHECKING:  # provided by TrainingClient

        def _run(self, make: Callable[[], Coroutine[Any, Any, T]], description: str) -> APIFuture[T]: ...

        async def _json_call(
            self, seq_id: int, endpoint: ModuleType, body: Any, request_type: str, result: type[R]
        ) -> R: ...

    def get_console_url(self) -> str:
        """The Tinker console page of this training run."""
        return f"{CONSOLE_BASE_URL}/training_runs/{self.model_id}"

    def save_weights_external(
        self, name: str, ttl_seconds: int | None = None, age_encryption_recipients: list[str] | None = None
    ) -> APIFuture[SaveWeightsExternalResponse]:
        """Export the weights as ``tinker://<run>/external_weights/<name>`` (listed, downloaded
        and deleted like any checkpoint); with ``age_encryption_recipients`` every file is
        encrypted to those public keys."""
        _check_external(name, ttl_seconds, age_encryption_recipients)
        (seq_id,) = self._gate.reserve(1)
        body = SaveWeightsExternalRequest(
            model_id=self.model_id,
            path=name,
            seq_id=seq_id,
            ttl_seconds=ttl_seconds,
            age_encryption_recipients=age_encryption_recipients,
        )

        async def run() -> SaveWeightsExternalResponse:
            saved = await self._json_call(
                seq_id,
                save_weights_external_endpoint,
                body,
                "SaveWeightsExternal",
                SaveWeightsExternalResponseInternal,
            )
            if not saved.path:
                raise TinkexValidationError("save_weights_external: the result has no path", field="path")
            return SaveWeightsExternalResponse(path=saved.path, size_bytes=saved.size_bytes)

        return self._run(run, "save_weights_external")

    async def save_weights_external_async(
        self, name: str, ttl_seconds: int | None = None, age_encryption_recipients: list[str] | None = None
    ) -> APIFuture[SaveWeightsExternalResponse]:
        return self.save_weights_external(name, ttl_seconds, age_encryption_recipients)
