"""``TrainingClient`` calls added in the official SDK 0.38: ``save_weights_external`` and
``get_console_url``. A collaborator the client delegates to; the save goes through the same
seq_id turn gate as every step (``TrainingCalls``).
"""

from __future__ import annotations

from tinker_openapi.api.weights import save_weights_external as save_weights_external_endpoint

from ..errors import TinkexValidationError
from ..futures import APIFuture
from ..types import (
    SaveWeightsExternalRequest,
    SaveWeightsExternalResponse,
    SaveWeightsExternalResponseInternal,
)
from ..types.behaviour.checkpoints import CONSOLE_BASE_URL
from .training_ops import TrainingCalls

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
    def __init__(self, calls: TrainingCalls) -> None:
        self._calls = calls

    def get_console_url(self) -> str:
        return f"{CONSOLE_BASE_URL}/training_runs/{self._calls.model_id}"

    def save_weights_external(
        self, name: str, ttl_seconds: int | None, age_encryption_recipients: list[str] | None
    ) -> APIFuture[SaveWeightsExternalResponse]:
        _check_external(name, ttl_seconds, age_encryption_recipients)
        calls = self._calls
        (seq_id,) = calls.gate.reserve(1)
        body = SaveWeightsExternalRequest(
            model_id=calls.model_id,
            path=name,
            seq_id=seq_id,
            ttl_seconds=ttl_seconds,
            age_encryption_recipients=age_encryption_recipients,
        )

        async def run() -> SaveWeightsExternalResponse:
            saved = await calls.json_call(
                seq_id,
                save_weights_external_endpoint,
                body,
                "SaveWeightsExternal",
                SaveWeightsExternalResponseInternal,
            )
            if not saved.path:
                raise TinkexValidationError("save_weights_external: the result has no path", field="path")
            return SaveWeightsExternalResponse(path=saved.path, size_bytes=saved.size_bytes)

        return calls.run(run, "save_weights_external")
