"""``RestClient``: training runs, checkpoints, sessions and samplers (features REST-01…REST-21).

Every method returns an ``APIFuture`` (decision D-01, the official behaviour) and has an
``_async`` twin; the ``*_by_tinker_path`` / ``*_from_tinker_path`` names are aliases of
each other. The class is a facade: each call is made by a collaborator in ``tinkex/_clients/``
(``rest_runs``, ``rest_checkpoints``, ``rest_admin``, ``rest_weights``, ``rest_download``,
``rest_pagination``), all sharing one ``RestCalls`` (the holder and the call helpers).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import Any

from ._clients.rest_admin import RestAdmin
from ._clients.rest_calls import RestCalls
from ._clients.rest_checkpoints import RestCheckpoints
from ._clients.rest_download import RestDownload
from ._clients.rest_pagination import RestPagination
from ._clients.rest_runs import RestRuns
from ._clients.rest_weights import RestWeights
from ._compat.deprecations import official_deprecations
from ._core.holder import ClientHolder
from ._core.lifecycle import ClosableClient
from ._core.observers import enabled_reporter
from ._http.raw import REST_ENDPOINTS, RawResponseAccess, StreamingResponseAccess
from ._http.redact import redact_url
from .checkpoint_download import DownloadResult, ProgressFn
from .config import resolve_config
from .errors import TinkexValidationError
from .futures import APIFuture
from .types import (
    AuditLogResponse,
    BillingUsageResponse,
    CheckpointArchiveUrlResponse,
    CheckpointsListResponse,
    CurrentCheckpointStorageUsageResponse,
    ExternalWeightsUrlsResponse,
    GetSamplerResponse,
    GetServerCapabilitiesResponse,
    GetSessionResponse,
    ListSessionsResponse,
    SessionSearchRequest,
    SessionSearchResponse,
    TrainingRun,
    TrainingRunsResponse,
    WeightsInfoResponse,
    WhoamiResponse,
)


@official_deprecations
class RestClient(ClosableClient):
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
        self._calls = RestCalls(_holder, self._operations.submit)
        self._runs = RestRuns(self._calls)
        self._checkpoints = RestCheckpoints(self._calls)
        self._admin = RestAdmin(self._calls)
        self._weights = RestWeights(self._calls)
        self._download = RestDownload(self._calls, self._checkpoints)
        self._pages = RestPagination(self._runs, self._checkpoints)

    def __repr__(self) -> str:
        return f"RestClient(base_url={redact_url(self.holder.config.base_url)!r})"

    # ---- training runs ----
    def list_training_runs(
        self, limit: int = 20, offset: int = 0, access_scope: str = "owned", project_id: str | None = None
    ) -> APIFuture[TrainingRunsResponse]:
        return self._runs.list_training_runs(limit, offset, access_scope, project_id)

    async def list_training_runs_async(
        self, limit: int = 20, offset: int = 0, access_scope: str = "owned", project_id: str | None = None
    ) -> TrainingRunsResponse:
        return await self._runs.list_training_runs_async(limit, offset, access_scope, project_id)

    def iter_training_runs(self, page_size: int = 100) -> Iterator[TrainingRun]:
        """Every training run, page after page (``page_size`` runs a request)."""
        return self._pages.iter_training_runs(page_size)

    def get_training_run(self, training_run_id: str, access_scope: str = "owned") -> APIFuture[TrainingRun]:
        return self._runs.get_training_run(training_run_id, access_scope)

    async def get_training_run_async(self, training_run_id: str, access_scope: str = "owned") -> TrainingRun:
        return await self._runs.get_training_run_async(training_run_id, access_scope)

    def get_training_run_by_tinker_path(
        self, tinker_path: str, access_scope: str = "owned"
    ) -> APIFuture[TrainingRun]:
        return self._runs.get_training_run_by_tinker_path(tinker_path, access_scope)

    async def get_training_run_by_tinker_path_async(
        self, tinker_path: str, access_scope: str = "owned"
    ) -> TrainingRun:
        return await self._runs.get_training_run_by_tinker_path_async(tinker_path, access_scope)

    # ---- checkpoints ----
    def list_checkpoints(self, training_run_id: str) -> APIFuture[CheckpointsListResponse]:
        return self._checkpoints.list_checkpoints(training_run_id)

    async def list_checkpoints_async(self, training_run_id: str) -> CheckpointsListResponse:
        return await self._checkpoints.list_checkpoints_async(training_run_id)

    def list_user_checkpoints(self, limit: int = 100, offset: int = 0) -> APIFuture[CheckpointsListResponse]:
        return self._checkpoints.list_user_checkpoints(limit, offset)

    async def list_user_checkpoints_async(self, limit: int = 100, offset: int = 0) -> CheckpointsListResponse:
        return await self._checkpoints.list_user_checkpoints_async(limit, offset)

    def iter_user_checkpoints(self, page_size: int = 100) -> Iterator[Any]:
        """Every checkpoint of the user, page after page (``page_size`` a request)."""
        return self._pages.iter_user_checkpoints(page_size)

    def delete_checkpoint(self, training_run_id: str, checkpoint_id: str) -> APIFuture[None]:
        return self._checkpoints.delete_checkpoint(training_run_id, checkpoint_id)

    async def delete_checkpoint_async(self, training_run_id: str, checkpoint_id: str) -> None:
        await self._checkpoints.delete_checkpoint_async(training_run_id, checkpoint_id)

    def delete_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        return self._checkpoints.delete_checkpoint_from_tinker_path(tinker_path)

    async def delete_checkpoint_from_tinker_path_async(self, tinker_path: str) -> None:
        await self._checkpoints.delete_checkpoint_from_tinker_path_async(tinker_path)

    def publish_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        return self._checkpoints.publish_checkpoint_from_tinker_path(tinker_path)

    async def publish_checkpoint_from_tinker_path_async(self, tinker_path: str) -> None:
        await self._checkpoints.publish_checkpoint_from_tinker_path_async(tinker_path)

    def unpublish_checkpoint_from_tinker_path(self, tinker_path: str) -> APIFuture[None]:
        return self._checkpoints.unpublish_checkpoint_from_tinker_path(tinker_path)

    async def unpublish_checkpoint_from_tinker_path_async(self, tinker_path: str) -> None:
        await self._checkpoints.unpublish_checkpoint_from_tinker_path_async(tinker_path)

    def set_checkpoint_ttl_from_tinker_path(
        self, tinker_path: str, ttl_seconds: int | None
    ) -> APIFuture[None]:
        return self._checkpoints.set_checkpoint_ttl_from_tinker_path(tinker_path, ttl_seconds)

    async def set_checkpoint_ttl_from_tinker_path_async(
        self, tinker_path: str, ttl_seconds: int | None
    ) -> None:
        await self._checkpoints.set_checkpoint_ttl_from_tinker_path_async(tinker_path, ttl_seconds)

    def get_checkpoint_archive_url(
        self, training_run_id: str, checkpoint_id: str
    ) -> APIFuture[CheckpointArchiveUrlResponse]:
        return self._checkpoints.get_checkpoint_archive_url(training_run_id, checkpoint_id)

    async def get_checkpoint_archive_url_async(
        self, training_run_id: str, checkpoint_id: str
    ) -> CheckpointArchiveUrlResponse:
        """The signed archive URL: a 302's Location, or a JSON ``{url, expires}``; 503 means
        "still being built" and is waited out (6 tries, 30 s apart)."""
        return await self._checkpoints.get_checkpoint_archive_url_async(training_run_id, checkpoint_id)

    def get_checkpoint_archive_url_from_tinker_path(
        self, tinker_path: str
    ) -> APIFuture[CheckpointArchiveUrlResponse]:
        return self._checkpoints.get_checkpoint_archive_url_from_tinker_path(tinker_path)

    async def get_checkpoint_archive_url_from_tinker_path_async(
        self, tinker_path: str
    ) -> CheckpointArchiveUrlResponse:
        return await self._checkpoints.get_checkpoint_archive_url_from_tinker_path_async(tinker_path)

    def get_weights_info_by_tinker_path(self, tinker_path: str) -> APIFuture[WeightsInfoResponse]:
        return self._checkpoints.get_weights_info_by_tinker_path(tinker_path)

    async def get_weights_info_by_tinker_path_async(self, tinker_path: str) -> WeightsInfoResponse:
        return await self._checkpoints.get_weights_info_by_tinker_path_async(tinker_path)

    def get_external_weights_urls(self, tinker_path: str) -> APIFuture[ExternalWeightsUrlsResponse]:
        """Signed per-file URLs of an ``external_weights`` checkpoint."""
        return self._admin.get_external_weights_urls(tinker_path)

    async def get_external_weights_urls_async(self, tinker_path: str) -> ExternalWeightsUrlsResponse:
        return await self._admin.get_external_weights_urls_async(tinker_path)

    def download_checkpoint(
        self,
        tinker_path: str,
        *,
        output_dir: str = ".",
        force: bool = False,
        progress: ProgressFn | None = None,
        max_bytes: int | None = None,
        max_members: int | None = None,
    ) -> APIFuture[DownloadResult]:
        """Download and safely extract a checkpoint into ``output_dir`` (features DL-01…DL-09).

        ``max_bytes`` bounds the bytes downloaded and the bytes unpacked, ``max_members`` the
        archive's members; ``None`` takes the config's ``download_max_bytes`` /
        ``download_max_members``. Refusals raise ``CheckpointDownloadError`` subclasses; a bad
        path or bad limits raise here, before anything is sent.
        """
        return self._download.download_checkpoint(
            tinker_path, output_dir, force, progress, max_bytes, max_members
        )

    async def download_checkpoint_async(
        self,
        tinker_path: str,
        *,
        output_dir: str = ".",
        force: bool = False,
        progress: ProgressFn | None = None,
        max_bytes: int | None = None,
        max_members: int | None = None,
    ) -> DownloadResult:
        """``download_checkpoint``, awaited."""
        return await self._download.download_checkpoint_async(
            tinker_path, output_dir, force, progress, max_bytes, max_members
        )

    # ---- copies, traces and identity (official SDK 0.38) ----
    def copy_weights(
        self,
        path: str,
        destination_project_id: str | None = None,
        *,
        ttl_seconds: int | None = None,
        weights_access_token: str | None = None,
    ) -> APIFuture[str]:
        """Copy a checkpoint into a project (default ``TINKER_PROJECT_ID``); the copy's tinker path.

        Storage is shared with the source; the copy belongs to a new training run that cannot
        be trained on. One idempotency key covers every retry, so a copy is made once.
        """
        return self._weights.copy_weights(path, destination_project_id, ttl_seconds, weights_access_token)

    async def copy_weights_async(
        self,
        path: str,
        destination_project_id: str | None = None,
        *,
        ttl_seconds: int | None = None,
        weights_access_token: str | None = None,
    ) -> str:
        return await self._weights.copy_weights_async(
            path, destination_project_id, ttl_seconds, weights_access_token
        )

    def export_session_trace(self, session_id: str) -> APIFuture[str]:
        """Build (or reuse) a Perfetto trace of a session; a signed download URL (about 1 h).

        Polls the export every 5 s until it is ready; raises ``RuntimeError`` if it failed.
        """
        return self._weights.export_session_trace(session_id)

    async def export_session_trace_async(self, session_id: str) -> str:
        return await self._weights.export_session_trace_async(session_id)

    def whoami(self) -> APIFuture[WhoamiResponse]:
        """The user and organization behind the credential, read from the claims of a JWT.

        A JWT credential answers without a request. Any other credential is exchanged for a
        JWT (``/api/v1/auth/token``); a server without JWT mode cannot say, and the call
        raises ``RuntimeError`` as the official SDK does.
        """
        return self._weights.whoami()

    # ---- sessions and samplers ----
    def list_sessions(
        self, limit: int = 20, offset: int = 0, access_scope: str = "owned"
    ) -> APIFuture[ListSessionsResponse]:
        return self._runs.list_sessions(limit, offset, access_scope)

    async def list_sessions_async(
        self, limit: int = 20, offset: int = 0, access_scope: str = "owned"
    ) -> ListSessionsResponse:
        return await self._runs.list_sessions_async(limit, offset, access_scope)

    def search_sessions(self, request: SessionSearchRequest) -> APIFuture[SessionSearchResponse]:
        """One page of the organization's sessions, newest first (pass ``next_cursor`` on)."""
        return self._admin.search_sessions(request)

    async def search_sessions_async(self, request: SessionSearchRequest) -> SessionSearchResponse:
        return await self._admin.search_sessions_async(request)

    def get_session(self, session_id: str, access_scope: str = "owned") -> APIFuture[GetSessionResponse]:
        return self._runs.get_session(session_id, access_scope)

    async def get_session_async(self, session_id: str, access_scope: str = "owned") -> GetSessionResponse:
        return await self._runs.get_session_async(session_id, access_scope)

    def assign_session_project(self, session_id: str, project_id: str) -> APIFuture[None]:
        return self._runs.assign_session_project(session_id, project_id)

    async def assign_session_project_async(self, session_id: str, project_id: str) -> None:
        await self._runs.assign_session_project_async(session_id, project_id)

    def get_sampler(self, sampler_id: str) -> APIFuture[GetSamplerResponse]:
        return self._runs.get_sampler(sampler_id)

    async def get_sampler_async(self, sampler_id: str) -> GetSamplerResponse:
        return await self._runs.get_sampler_async(sampler_id)

    def get_server_capabilities(self) -> APIFuture[GetServerCapabilitiesResponse]:
        return self._runs.get_server_capabilities()

    async def get_server_capabilities_async(self) -> GetServerCapabilitiesResponse:
        return await self._runs.get_server_capabilities_async()

    # ---- administration (plain GETs; the official SDK moved them to AdminClient) ----
    def get_audit_log(
        self, event_type: str = "all", day: _dt.date | None = None
    ) -> APIFuture[AuditLogResponse]:
        return self._admin.get_audit_log(event_type, day)

    async def get_audit_log_async(
        self, event_type: str = "all", day: _dt.date | None = None
    ) -> AuditLogResponse:
        return await self._admin.get_audit_log_async(event_type, day)

    def get_billing_usage(
        self, starting_on: _dt.datetime | str, ending_before: _dt.datetime | str
    ) -> APIFuture[BillingUsageResponse]:
        """Hourly usage events in ``[starting_on, ending_before)`` (at most 14 days)."""
        return self._admin.get_billing_usage(starting_on, ending_before)

    async def get_billing_usage_async(
        self, starting_on: _dt.datetime | str, ending_before: _dt.datetime | str
    ) -> BillingUsageResponse:
        return await self._admin.get_billing_usage_async(starting_on, ending_before)

    def get_current_checkpoint_storage_usage(
        self, project_id: str | None = None
    ) -> APIFuture[CurrentCheckpointStorageUsageResponse]:
        return self._admin.get_current_checkpoint_storage_usage(project_id)

    async def get_current_checkpoint_storage_usage_async(
        self, project_id: str | None = None
    ) -> CurrentCheckpointStorageUsageResponse:
        return await self._admin.get_current_checkpoint_storage_usage_async(project_id)

    # ---- raw and streaming responses (HTTP-25/26), telemetry ----
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
