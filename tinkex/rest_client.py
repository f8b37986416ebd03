"""``RestClient``: training runs, checkpoints, sessions and samplers (features REST-01…REST-21).

Every method returns an ``APIFuture`` (decision D-01, the official behaviour) and has an
``_async`` twin; the ``*_by_tinker_path`` / ``*_from_tinker_path`` names are aliases of
each other. Paths with a checkpoint id keep its ``<kind>/<name>`` slash.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Coroutine
from types import ModuleType
from typing import Any, TypeVar, cast

from tinker_openapi.api.rest import (
    delete_checkpoint,
    get_checkpoint_archive_url,
    get_session,
    get_training_run,
    list_checkpoints,
    list_sessions,
    list_training_runs,
    list_user_checkpoints,
    publish_checkpoint,
    set_checkpoint_ttl,
    set_session_project,
    unpublish_checkpoint,
)
from tinker_openapi.api.sampling import get_sampler
from tinker_openapi.api.service import get_server_capabilities
from tinker_openapi.api.weights import weights_info

from ._clients.rest_admin import RestAdmin
from ._clients.rest_download import RestDownload
from ._clients.rest_pagination import RestPagination
from ._clients.rest_weights import RestWeights
from ._compat.deprecations import official_deprecations
from ._core import loop as _loop
from ._core.holder import ClientHolder
from ._core.lifecycle import ClosableClient
from ._core.observers import enabled_reporter
from ._http.calls import call, call_raw
from ._http.options import CallOptions, PoolType
from ._http.raw import REST_ENDPOINTS, RawResponseAccess, StreamingResponseAccess
from ._http.redact import redact_url
from ._http.retry import ARCHIVE_BUILDING_BUDGET, retry_async
from .config import resolve_config
from .errors import TinkexValidationError
from .futures import APIFuture
from .telemetry.capture import captured
from .types import (
    CheckpointArchiveUrlResponse,
    CheckpointsListResponse,
    GetSamplerResponse,
    GetServerCapabilitiesResponse,
    GetSessionResponse,
    ListSessionsResponse,
    ParsedCheckpointTinkerPath,
    SetCheckpointTtlRequest,
    SetSessionProjectRequest,
    TrainingRun,
    TrainingRunsResponse,
    WeightsInfoRequest,
    WeightsInfoResponse,
)

T = TypeVar("T")
_DEFAULT_POOL = CallOptions(pool=PoolType.DEFAULT)


def _checkpoint_params(training_run_id: str, checkpoint_id: str) -> dict[str, Any]:
    if not isinstance(checkpoint_id, str):
        raise TinkexValidationError(
            f"checkpoint_id must be a string like 'weights/<name>', got {type(checkpoint_id).__name__}",
            field="checkpoint_id",
        )
    kind, sep, name = checkpoint_id.partition("/")
    if not sep or not name or kind not in ("weights", "sampler_weights", "external_weights"):
        raise TinkexValidationError(
            "checkpoint_id must look like 'weights/<name>' or 'sampler_weights/<name>'", field="checkpoint_id"
        )
    return {"training_run_id": training_run_id, "checkpoint_kind": kind, "checkpoint_name": name}


def _parse_path(tinker_path: str) -> ParsedCheckpointTinkerPath:
    return ParsedCheckpointTinkerPath.from_tinker_path(tinker_path)


async def _on_sdk_loop(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` on tinkex's loop, which owns the HTTP pools, whichever loop awaits it."""
    if _loop.in_loop_thread():
        return await coro
    return await APIFuture.submit(coro, description="rest call")


@official_deprecations
class RestClient(RestAdmin, RestPagination, RestWeights, RestDownload, ClosableClient):
    """Management calls; get one from ``ServiceClient.create_rest_client()``, or build one
    standalone. ``close()`` (or ``with`` / ``async with``) releases its pools and telemetry."""

    def __init__(
        self, _holder: ClientHolder | None = None, *, base_url: str | None = None, api_key: str | None = None
    ) -> None:
        """Standalone (``RestClient()`` reads the environment, as the official SDK does) or
        sharing a ``ServiceClient``'s config (``service.create_rest_client()``)."""
        if _holder is None:
            explicit: dict[str, Any] = {
                k: v for k, v in {"base_url": base_url, "api_key": api_key}.items() if v
            }
            _holder = ClientHolder(resolve_config(**explicit), sessionless=True)
        elif base_url is not None or api_key is not None:
            raise TinkexValidationError("pass base_url/api_key or a holder, not both", field="base_url")
        ClosableClient.__init__(self, owned_holder=_holder)  # every RestClient has a holder of its own
        self.holder = _holder

    def __repr__(self) -> str:
        return f"RestClient(base_url={redact_url(self.holder.config.base_url)!r})"

    def _future(self, coro: Coroutine[Any, Any, T], description: str) -> APIFuture[T]:
        return self._operations.submit(coro, description)

    async def _on_loop(self, coro: Coroutine[Any, Any, T]) -> T:
        return await _on_sdk_loop(coro)

    async def _call(self, endpoint: ModuleType, *, options: CallOptions | None = None, **kwargs: Any) -> Any:
        """A generated endpoint's parsed result, run on tinkex's loop (the default pool unless ``options``)."""
        return await _on_sdk_loop(self._call_on_loop(endpoint, options or _DEFAULT_POOL, **kwargs))

    async def _call_on_loop(self, endpoint: ModuleType, options: CallOptions, **kwargs: Any) -> Any:
        operation = endpoint.__name__.rpartition(".")[2]
        await self.holder.ensure_started()
        return await captured(self.holder, operation, call(self.holder.api, endpoint, options, **kwargs))

    # ---- training runs ----
    async def list_training_runs_async(
        self, limit: int = 20, offset: int = 0, access_scope: str = "owned", project_id: str | None = None
    ) -> TrainingRunsResponse:
        runs: TrainingRunsResponse = await self._call(
            list_training_runs,
            limit=limit,
            offset=offset,
            access_scope=access_scope,
            project_id=project_id,
        )
        return runs

    def list_training_runs(
        self, limit: int = 20, offset: int = 0, access_scope: str = "owned", project_id: str | None = None
    ) -> APIFuture[TrainingRunsResponse]:
        return self._future(
            self.list_training_runs_async(limit, offset, access_scope, project_id), "list_training_runs"
        )

    async def get_training_run_async(self, training_run_id: str, access_scope: str = "owned") -> TrainingRun:
        run: TrainingRun = await self._call(
            get_training_run, training_run_id=training_run_id, access_scope=access_scope
        )
        return run

    def get_training_run(self, training_run_id: str, access_scope: str = "owned") -> APIFuture[TrainingRun]:
        return self._future(self.get_training_run_async(training_run_id, access_scope), "get_training_run")

    async def get_training_run_by_tinker_path_async(
        self, tinker_path: str, access_scope: str = "owned"
    ) -> TrainingRun:
        return await self.get_training_run_async(_parse_path(tinker_path).training_run_id, access_scope)

    def get_training_run_by_tinker_path(
        self, tinker_path: str, access_scope: str = "owned"
    ) -> APIFuture[TrainingRun]:
        parsed = _parse_path(tinker_path)  # validate before anything is sent
        return self.get_training_run(parsed.training_run_id, access_scope)

    # ---- checkpoints ----
    async def list_checkpoints_async(self, training_run_id: str) -> CheckpointsListResponse:
        listed: CheckpointsListResponse = await self._call(list_checkpoints, training_run_id=training_run_id)
        return listed

    def list_checkpoints(self, training_run_id: str) -> APIFuture[CheckpointsListResponse]:
        return self._future(self.list_checkpoints_async(training_run_id), "list_checkpoints")

    async def list_user_checkpoints_async(self, limit: int = 100, offset: int = 0) -> CheckpointsListResponse:
        listed: CheckpointsListResponse = await self._call(list_user_checkpoints, limit=limit, offset=offset)
        return listed

    def list_user_checkpoints(self, limit: int = 100, offset: int = 0) -> APIFuture[CheckpointsListResponse]:
        return self._future(self.list_user_checkpoints_async(limit, offset), "list_user_checkpoints")

    async def _checkpoint_call(
        self, endpoint: ModuleType, training_run_id: str, checkpoint_id: str, **kw: Any
    ) -> Any:
        return await self._call(endpoint, **_checkpoint_params(training_run_id, checkpoint_id), **kw)

    async def delete_checkpoint_async(self, training_run_id: str, checkpoint_id: str) -> None:
        await self._checkpoint_call(delete_checkpoint, training_run_id, checkpoint_id)

    def delete_checkpoint(self, training_run_id: str, checkpoint_id: str) -> APIFuture[None]:
        _checkpoint_params(training_run_id, checkpoint_id)
        return self._future(self.delete_checkpoint_async(training_run_id, checkpoint_id), "delete_checkpoint")

    async def delete_checkpoint_from_tinker_path_async(self, tinker_path: str) -> None:
        parsed = _parse_path(tinker_path)
        await self.delete_checkpoint_async(parsed.training_run_id, parsed.checkpoint_id)

    def delete_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        _parse_path(tinker_path)
        return self._future(self.delete_checkpoint_from_tinker_path_async(tinker_path), "delete_checkpoint")

    async def publish_checkpoint_from_tinker_path_async(self, tinker_path: str) -> None:
        parsed = _parse_path(tinker_path)
        await self._checkpoint_call(publish_checkpoint, parsed.training_run_id, parsed.checkpoint_id)

    def publish_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        _parse_path(tinker_path)
        return self._future(self.publish_checkpoint_from_tinker_path_async(tinker_path), "publish_checkpoint")

    async def unpublish_checkpoint_from_tinker_path_async(self, tinker_path: str) -> None:
        parsed = _parse_path(tinker_path)
        await self._checkpoint_call(unpublish_checkpoint, parsed.training_run_id, parsed.checkpoint_id)

    def unpublish_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        _parse_path(tinker_path)
        return self._future(
            self.unpublish_checkpoint_from_tinker_path_async(tinker_path), "unpublish_checkpoint"
        )

    async def set_checkpoint_ttl_from_tinker_path_async(
        self, tinker_path: str, ttl_seconds: int | None
    ) -> None:
        parsed = _parse_path(tinker_path)
        await self._checkpoint_call(
            set_checkpoint_ttl,
            parsed.training_run_id,
            parsed.checkpoint_id,
            body=SetCheckpointTtlRequest(ttl_seconds=ttl_seconds),
        )

    def set_checkpoint_ttl_from_tinker_path(
        self, tinker_path: str, ttl_seconds: int | None
    ) -> APIFuture[None]:
        _parse_path(tinker_path)
        if ttl_seconds is not None and (isinstance(ttl_seconds, bool) or not isinstance(ttl_seconds, int)):
            raise TinkexValidationError("ttl_seconds must be an integer or None", field="ttl_seconds")
        return self._future(
            self.set_checkpoint_ttl_from_tinker_path_async(tinker_path, ttl_seconds), "set_ttl"
        )

    async def get_checkpoint_archive_url_async(
        self, training_run_id: str, checkpoint_id: str
    ) -> CheckpointArchiveUrlResponse:
        """The signed archive URL: a 302's Location, or a JSON ``{url, expires}``; 503 means
        "still being built" and is waited out (6 tries, 30 s apart)."""
        return await _on_sdk_loop(self._archive_url_on_loop(training_run_id, checkpoint_id))

    async def _archive_url_on_loop(
        self, training_run_id: str, checkpoint_id: str
    ) -> CheckpointArchiveUrlResponse:
        params = _checkpoint_params(training_run_id, checkpoint_id)
        await self.holder.ensure_started()
        options = CallOptions(
            headers={"Accept": "application/json"}, ok_statuses=frozenset({301, 302, 303, 307, 308})
        )
        response = await retry_async(
            lambda _: call_raw(self.holder.api, get_checkpoint_archive_url, options, **params),
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
        _checkpoint_params(training_run_id, checkpoint_id)
        return self._future(
            self.get_checkpoint_archive_url_async(training_run_id, checkpoint_id), "archive_url"
        )

    async def get_checkpoint_archive_url_from_tinker_path_async(
        self, tinker_path: str
    ) -> CheckpointArchiveUrlResponse:
        parsed = _parse_path(tinker_path)
        return await self.get_checkpoint_archive_url_async(parsed.training_run_id, parsed.checkpoint_id)

    def get_checkpoint_archive_url_from_tinker_path(
        self, tinker_path: str
    ) -> APIFuture[CheckpointArchiveUrlResponse]:
        _parse_path(tinker_path)
        return self._future(
            self.get_checkpoint_archive_url_from_tinker_path_async(tinker_path), "archive_url"
        )

    async def get_weights_info_by_tinker_path_async(self, tinker_path: str) -> WeightsInfoResponse:
        info: WeightsInfoResponse = await self._call(
            weights_info, body=WeightsInfoRequest(tinker_path=tinker_path)
        )
        return info

    def get_weights_info_by_tinker_path(self, tinker_path: str) -> APIFuture[WeightsInfoResponse]:
        _parse_path(tinker_path)
        return self._future(self.get_weights_info_by_tinker_path_async(tinker_path), "weights_info")

    # ---- sessions and samplers ----
    async def list_sessions_async(
        self, limit: int = 20, offset: int = 0, access_scope: str = "owned"
    ) -> ListSessionsResponse:
        sessions: ListSessionsResponse = await self._call(
            list_sessions, limit=limit, offset=offset, access_scope=access_scope
        )
        return sessions

    def list_sessions(
        self, limit: int = 20, offset: int = 0, access_scope: str = "owned"
    ) -> APIFuture[ListSessionsResponse]:
        return self._future(self.list_sessions_async(limit, offset, access_scope), "list_sessions")

    async def get_session_async(self, session_id: str, access_scope: str = "owned") -> GetSessionResponse:
        session: GetSessionResponse = await self._call(
            get_session, session_id=session_id, access_scope=access_scope
        )
        return session

    def get_session(self, session_id: str, access_scope: str = "owned") -> APIFuture[GetSessionResponse]:
        return self._future(self.get_session_async(session_id, access_scope), "get_session")

    async def assign_session_project_async(self, session_id: str, project_id: str) -> None:
        await self._call(
            set_session_project, session_id=session_id, body=SetSessionProjectRequest(project_id=project_id)
        )

    def assign_session_project(self, session_id: str, project_id: str) -> APIFuture[None]:
        return self._future(
            self.assign_session_project_async(session_id, project_id), "assign_session_project"
        )

    async def get_sampler_async(self, sampler_id: str) -> GetSamplerResponse:
        sampler: GetSamplerResponse = await self._call(
            get_sampler, options=CallOptions(pool=PoolType.SAMPLING), sampler_id=sampler_id
        )
        return sampler

    def get_sampler(self, sampler_id: str) -> APIFuture[GetSamplerResponse]:
        return self._future(self.get_sampler_async(sampler_id), "get_sampler")

    async def get_server_capabilities_async(self) -> GetServerCapabilitiesResponse:
        capabilities: GetServerCapabilitiesResponse = await self._call(get_server_capabilities)
        return capabilities

    def get_server_capabilities(self) -> APIFuture[GetServerCapabilitiesResponse]:
        return self._future(self.get_server_capabilities_async(), "get_server_capabilities")

    # ---- raw and streaming responses (HTTP-25/26) ----
    @property
    def with_raw_response(self) -> RawResponseAccess:
        """``.with_raw_response.list_training_runs(...)`` etc. (and ``_async`` twins) return a
        ``RawResponse`` instead of the parsed value; see ``tinkex._http.raw.REST_ENDPOINTS``."""
        return RawResponseAccess(self.holder, REST_ENDPOINTS, "RestClient")

    @property
    def with_streaming_response(self) -> StreamingResponseAccess:
        """``with .with_streaming_response.list_sessions() as response:`` reads the body as it arrives."""
        return StreamingResponseAccess(self.holder, REST_ENDPOINTS, "RestClient")

    def get_telemetry(self) -> Any:
        return enabled_reporter(self.holder)

    # Tinkex's names for the same calls (features REST-10/16/17).
    delete_checkpoint_by_tinker_path = delete_checkpoint_from_tinker_path
    delete_checkpoint_by_tinker_path_async = delete_checkpoint_from_tinker_path_async
    publish_checkpoint = publish_checkpoint_from_tinker_path
    unpublish_checkpoint = unpublish_checkpoint_from_tinker_path
    get_checkpoint_archive_url_by_tinker_path = get_checkpoint_archive_url_from_tinker_path
    get_checkpoint_archive_url_by_tinker_path_async = get_checkpoint_archive_url_from_tinker_path_async


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
