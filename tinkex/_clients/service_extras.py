"""``ServiceClient`` calls added in the official SDK 0.38: ``copy_weights``,
``create_custom_loss`` and ``get_console_url``. Owns the custom losses created in the session.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from .._core.holder import ClientHolder
from ..errors import TinkexValidationError
from ..futures import APIFuture
from ..loss_handle import LossHandle, PerDatumLossFn, trace_loss
from ..types import CustomLossInputRank
from ..types.behaviour.checkpoints import CONSOLE_BASE_URL
from .service_rest import SharedRestClient


class ServiceExtras:
    def __init__(self, holder: ClientHolder, rest: SharedRestClient) -> None:
        self._holder = holder
        self._rest = rest
        self._custom_losses: dict[str, LossHandle] = {}  # by traced key: each created once per session

    def get_console_url(self) -> str:
        if self._holder.session_id is None:
            return f"{CONSOLE_BASE_URL}/sessions"
        return f"{CONSOLE_BASE_URL}/sessions/{self._holder.session_id}"

    def copy_weights(
        self, path: str, ttl_seconds: int | None, weights_access_token: str | None
    ) -> APIFuture[str]:
        return self._rest.get().copy_weights(
            path,
            self._holder.project_id,
            ttl_seconds=ttl_seconds,
            weights_access_token=weights_access_token,
        )

    def create_custom_loss(
        self, fn: PerDatumLossFn, input_ranks: Mapping[str, CustomLossInputRank]
    ) -> APIFuture[LossHandle]:
        # Traced (and rejected) synchronously, as in the official SDK, before anything is sent.
        probe = trace_loss(fn, input_ranks, session_id="")
        holder, created = self._holder, self._custom_losses

        async def create() -> LossHandle:
            await holder.ensure_started()
            handle = dataclasses.replace(probe, session_id=str(holder.session_id))
            existing = created.get(handle.key)
            if existing is not None:
                raise TinkexValidationError(
                    f"create_custom_loss: this session already created {existing.name!r} with the "
                    "same traced loss; reuse its LossHandle",
                    field="fn",
                )
            created[handle.key] = handle
            return handle

        return APIFuture.submit(create(), description="create_custom_loss")
