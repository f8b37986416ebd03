"""The checkpoint calls of ``RestClient``: listing, deleting, publishing, TTLs, archive URLs
and weights info. Each ``*_from_tinker_path`` call checks its path before anything is sent."""

from __future__ import annotations

import datetime as _dt
from typing import cast

from tinker_openapi.api.rest import (
    delete_checkpoint,
    get_checkpoint_archive_url,
    list_checkpoints,
    list_user_checkpoints,
    publish_checkpoint,
    set_checkpoint_ttl,
    unpublish_checkpoint,
)
from tinker_openapi.api.weights import weights_info

from .._http.calls import call_raw
from .._http.options import CallOptions
from .._http.retry import ARCHIVE_BUILDING_BUDGET, retry_async
from ..errors import TinkexValidationError
from ..futures import APIFuture
from ..types import (
    CheckpointArchiveUrlResponse,
    CheckpointsListResponse,
    SetCheckpointTtlRequest,
    WeightsInfoRequest,
    WeightsInfoResponse,
)
from .rest_calls import RestCalls, checkpoint_params, parse_path

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class RestCheckpoints:
    def __init__(self, calls: RestCalls) -> None:
        self._calls = calls

    # ---- listing ----
    async def list_checkpoints_async(self, training_run_id: str) -> CheckpointsListResponse:
        listed: CheckpointsListResponse = await self._calls.call(
            list_checkpoints, training_run_id=training_run_id
        )
        return listed

    def list_checkpoints(self, training_run_id: str) -> APIFuture[CheckpointsListResponse]:
        return self._calls.future(self.list_checkpoints_async(training_run_id), "list_checkpoints")

    async def list_user_checkpoints_async(self, limit: int, offset: int) -> CheckpointsListResponse:
        listed: CheckpointsListResponse = await self._calls.call(
            list_user_checkpoints, limit=limit, offset=offset
        )
        return listed

    def list_user_checkpoints(self, limit: int, offset: int) -> APIFuture[CheckpointsListResponse]:
        return self._calls.future(self.list_user_checkpoints_async(limit, offset), "list_user_checkpoints")

    # ---- deleting, publishing, TTL ----
    async def delete_checkpoint_async(self, training_run_id: str, checkpoint_id: str) -> None:
        await self._calls.checkpoint_call(delete_checkpoint, training_run_id, checkpoint_id)

    def delete_checkpoint(self, training_run_id: str, checkpoint_id: str) -> APIFuture[None]:
        checkpoint_params(training_run_id, checkpoint_id)
        coro = self.delete_checkpoint_async(training_run_id, checkpoint_id)
        return self._calls.future(coro, "delete_checkpoint")

    async def delete_checkpoint_from_tinker_path_async(self, tinker_path: str) -> None:
        parsed = parse_path(tinker_path)
        await self.delete_checkpoint_async(parsed.training_run_id, parsed.checkpoint_id)

    def delete_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        parse_path(tinker_path)
        coro = self.delete_checkpoint_from_tinker_path_async(tinker_path)
        return self._calls.future(coro, "delete_checkpoint")

    async def publish_checkpoint_from_tinker_path_async(self, tinker_path: str) -> None:
        parsed = parse_path(tinker_path)
        await self._calls.checkpoint_call(publish_checkpoint, parsed.training_run_id, parsed.checkpoint_id)

    def publish_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        parse_path(tinker_path)
        coro = self.publish_checkpoint_from_tinker_path_async(tinker_path)
        return self._calls.future(coro, "publish_checkpoint")

    async def unpublish_checkpoint_from_tinker_path_async(self, tinker_path: str) -> None:
        parsed = parse_path(tinker_path)
        await self._calls.checkpoint_call(unpublish_checkpoint, parsed.training_run_id, parsed.checkpoint_id)

    def unpublish_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        parse_path(tinker_path)
        coro = self.unpublish_checkpoint_from_tinker_path_async(tinker_path)
        return self._calls.future(coro, "unpublish_checkpoint")

    async def set_checkpoint_ttl_from_tinker_path_async(
        self, tinker_path: str, ttl_seconds: int | None
    ) -> None:
        parsed = parse_path(tinker_path)
        await self._calls.checkpoint_call(
            set_checkpoint_ttl,
            parsed.training_run_id,
            parsed.checkpoint_id,
            body=SetCheckpointTtlRequest(ttl_seconds=ttl_seconds),
        )

    def set_checkpoint_ttl_from_tinker_path(
        self, tinker_path: str, ttl_seconds: int | None
    ) -> APIFuture[None]:
        parse_path(tinker_path)
        if ttl_seconds is not None and (isinstance(ttl_seconds, bool) or not isinstance(ttl_seconds, int)):
            raise TinkexValidationError("ttl_seconds must be an integer or None", field="ttl_seconds")
        coro = self.set_checkpoint_ttl_from_tinker_path_async(tinker_path, ttl_seconds)
        return self._calls.future(coro, "set_ttl")

    # ---- archive URL and weights info ----
    async def get_checkpoint_archive_url_async(
        self, training_run_id: str, checkpoint_id: str
    ) -> CheckpointArchiveUrlResponse:
        return await self._calls.on_loop(self._archive_url_on_loop(training_run_id, checkpoint_id))

    async def _archive_url_on_loop(
        self, training_run_id: str, checkpoint_id: str
    ) -> CheckpointArchiveUrlResponse:
        params = checkpoint_params(training_run_id, checkpoint_id)
        holder = self._calls.holder
        await holder.ensure_started()
        options = CallOptions(headers={"Accept": "application/json"}, ok_statuses=_REDIRECTS)
        response = await retry_async(
            lambda _: call_raw(holder.api, get_checkpoint_archive_url, options, **params),
            ARCHIVE_BUILDING_BUDGET,
        )
        if 300 <= response.status_code < 400:
            location = response.headers.get("location")
            if not location:
                raise TinkexValidationError("archive redirect without a Location header", field="location")
            expires = response.headers.get("expires")
            return CheckpointArchiveUrlResponse(url=location, expires=_http_date(expires))
        return cast(CheckpointArchiveUrlResponse, response.parsed)

    def get_checkpoint_archive_url(
        self, training_run_id: str, checkpoint_id: str
    ) -> APIFuture[CheckpointArchiveUrlResponse]:
        checkpoint_params(training_run_id, checkpoint_id)
        coro = self.get_checkpoint_archive_url_async(training_run_id, checkpoint_id)
        return self._calls.future(coro, "archive_url")

    async def get_checkpoint_archive_url_from_tinker_path_async(
        self, tinker_path: str
    ) -> CheckpointArchiveUrlResponse:
        parsed = parse_path(tinker_path)
        return await self.get_checkpoint_archive_url_async(parsed.training_run_id, parsed.checkpoint_id)

    def get_checkpoint_archive_url_from_tinker_path(
        self, tinker_path: str
    ) -> APIFuture[CheckpointArchiveUrlResponse]:
        parse_path(tinker_path)
        coro = self.get_checkpoint_archive_url_from_tinker_path_async(tinker_path)
        return self._calls.future(coro, "archive_url")

    async def get_weights_info_by_tinker_path_async(self, tinker_path: str) -> WeightsInfoResponse:
        info: WeightsInfoResponse = await self._calls.call(
            weights_info, body=WeightsInfoRequest(tinker_path=tinker_path)
        )
        return info

    def get_weights_info_by_tinker_path(self, tinker_path: str) -> APIFuture[WeightsInfoResponse]:
        parse_path(tinker_path)
        return self._calls.future(self.get_weights_info_by_tinker_path_async(tinker_path), "weights_info")


def _http_date(value: str | None) -> _dt.datetime | str | None:
    """An ``Expires`` header as a datetime (HTTP date or ISO 8601); any other text is kept as it
    came (REST-08), so a caller can still show it, rather than turned into ``None``."""
    if not value:
        return None
    import email.utils

    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        pass
    try:
        return _dt.datetime.fromisoformat(value)
    except ValueError:
        return value
