"""``ServiceClient`` calls added in the official SDK 0.38: ``copy_weights``,
``create_custom_loss`` and ``get_console_url``. A mixin so ``service_client.py`` stays about
sessions and client creation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .._core.holder import ClientHolder
from ..errors import TinkexValidationError
from ..futures import APIFuture
from ..types import CustomLossInputRank
from ..types.behaviour.checkpoints import CONSOLE_BASE_URL

if TYPE_CHECKING:
    from ..loss_handle import LossHandle, PerDatumLossFn
    from ..rest_client import RestClient


class ServiceExtras:
    holder: ClientHolder

    if TYPE_CHECKING:  # provided by ServiceClient

        def create_rest_client(self) -> RestClient: ...

    def get_console_url(self) -> str:
        """The Tinker console page of this session (of all sessions before the session starts)."""
        if self.holder.session_id is None:
            return f"{CONSOLE_BASE_URL}/sessions"
        return f"{CONSOLE_BASE_URL}/sessions/{self.holder.session_id}"

    def copy_weights(
        self, path: str, *, ttl_seconds: int | None = None, weights_access_token: str | None = None
    ) -> APIFuture[str]:
        """Copy a checkpoint into this client's project; a future of the copy's tinker path."""
        return self.create_rest_client().copy_weights(
            path,
            self.holder.project_id,
            ttl_seconds=ttl_seconds,
            weights_access_token=weights_access_token,
        )

    def create_custom_loss(
        self, fn: PerDatumLossFn, input_ranks: Mapping[str, CustomLossInputRank]
    ) -> APIFuture[LossHandle]:
        """Trace a per-datum torch loss into a ``LossHandle`` for ``forward_backward_custom``.

        ``fn(logprobs, *inputs) -> (loss, metrics)`` runs once per datum and the losses are
        summed; ``input_ranks`` gives each parameter's rank (0, 1 or 2), ``logprobs`` included.
        The function is traced with ``torch.fx`` and rejected here if it breaks the official
        rules (see ``tinkex.loss_handle``). tinkex runs the traced loss client-side, so
        ``loss_id`` stays None. Each loss is created once per session.
        """
        from ..loss_handle import trace_loss

        # Traced (and rejected) synchronously, as in the official SDK, before anything is sent.
        probe = trace_loss(fn, input_ranks, session_id="")

        async def create() -> LossHandle:
            import dataclasses

            await self.holder.ensure_started()
            handle = dataclasses.replace(probe, session_id=str(self.holder.session_id))
            created: dict[str, LossHandle] = self.__dict__.setdefault("_custom_losses", {})
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
