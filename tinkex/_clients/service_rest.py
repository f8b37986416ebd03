"""The ``RestClient`` a ``ServiceClient`` hands out: one, built on first use with the
service's config and a sessionless holder of its own, and closed with the service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._core.holder import ClientHolder, FinishStatus
from ..config import Config

if TYPE_CHECKING:
    from ..rest_client import RestClient


class SharedRestClient:
    def __init__(self, config: Config) -> None:
        self._config = config
        self._client: RestClient | None = None

    def get(self) -> RestClient:
        if self._client is None:
            from ..rest_client import RestClient  # imported with the first use, as it is built

            self._client = RestClient(ClientHolder(self._config, sessionless=True))
        return self._client

    async def aclose(self, status: FinishStatus, detail: str | None) -> None:
        """Close the client's holder, if one was built."""
        if self._client is not None:
            await self._client.holder.aclose(status, detail)
