"""The training-run, session, sampler and server-capability calls of ``RestClient``."""

from __future__ import annotations

from tinker_openapi.api.rest import (
    get_session,
    get_training_run,
    list_sessions,
    list_training_runs,
    set_session_project,
)
from tinker_openapi.api.sampling import get_sampler
from tinker_openapi.api.service import get_server_capabilities

from .._http.options import CallOptions, PoolType
from ..futures import APIFuture
from ..types import (
    GetSamplerResponse,
    GetServerCapabilitiesResponse,
    GetSessionResponse,
    ListSessionsResponse,
    SetSessionProjectRequest,
    TrainingRun,
    TrainingRunsResponse,
)
from .rest_calls import RestCalls, parse_path


class RestRuns:
    def __init__(self, calls: RestCalls) -> None:
        self._calls = calls

    # ---- training runs ----
    async def list_training_runs_async(
        self, limit: int, offset: int, access_scope: str, project_id: str | None
    ) -> TrainingRunsResponse:
        runs: TrainingRunsResponse = await self._calls.call(
            list_training_runs, limit=limit, offset=offset, access_scope=access_scope, project_id=project_id
        )
        return runs

    def list_training_runs(
        self, limit: int, offset: int, access_scope: str, project_id: str | None
    ) -> APIFuture[TrainingRunsResponse]:
        coro = self.list_training_runs_async(limit, offset, access_scope, project_id)
        return self._calls.future(coro, "list_training_runs")

    async def get_training_run_async(self, training_run_id: str, access_scope: str) -> TrainingRun:
        run: TrainingRun = await self._calls.call(
            get_training_run, training_run_id=training_run_id, access_scope=access_scope
        )
        return run

    def get_training_run(self, training_run_id: str, access_scope: str) -> APIFuture[TrainingRun]:
        return self._calls.future(
            self.get_training_run_async(training_run_id, access_scope), "get_training_run"
        )

    async def get_training_run_by_tinker_path_async(self, tinker_path: str, access_scope: str) -> TrainingRun:
        return await self.get_training_run_async(parse_path(tinker_path).training_run_id, access_scope)

    def get_training_run_by_tinker_path(self, tinker_path: str, access_scope: str) -> APIFuture[TrainingRun]:
        parsed = parse_path(tinker_path)  # validate before anything is sent
        return self.get_training_run(parsed.training_run_id, access_scope)

    # ---- sessions and samplers ----
    async def list_sessions_async(self, limit: int, offset: int, access_scope: str) -> ListSessionsResponse:
        sessions: ListSessionsResponse = await self._calls.call(
            list_sessions, limit=limit, offset=offset, access_scope=access_scope
        )
        return sessions

    def list_sessions(self, limit: int, offset: int, access_scope: str) -> APIFuture[ListSessionsResponse]:
        return self._calls.future(self.list_sessions_async(limit, offset, access_scope), "list_sessions")

    async def get_session_async(self, session_id: str, access_scope: str) -> GetSessionResponse:
        session: GetSessionResponse = await self._calls.call(
            get_session, session_id=session_id, access_scope=access_scope
        )
        return session

    def get_session(self, session_id: str, access_scope: str) -> APIFuture[GetSessionResponse]:
        return self._calls.future(self.get_session_async(session_id, access_scope), "get_session")

    async def assign_session_project_async(self, session_id: str, project_id: str) -> None:
        await self._calls.call(
            set_session_project, session_id=session_id, body=SetSessionProjectRequest(project_id=project_id)
        )

    def assign_session_project(self, session_id: str, project_id: str) -> APIFuture[None]:
        coro = self.assign_session_project_async(session_id, project_id)
        return self._calls.future(coro, "assign_session_project")

    async def get_sampler_async(self, sampler_id: str) -> GetSamplerResponse:
        sampler: GetSamplerResponse = await self._calls.call(
            get_sampler, options=CallOptions(pool=PoolType.SAMPLING), sampler_id=sampler_id
        )
        return sampler

    def get_sampler(self, sampler_id: str) -> APIFuture[GetSamplerResponse]:
        return self._calls.future(self.get_sampler_async(sampler_id), "get_sampler")

    async def get_server_capabilities_async(self) -> GetServerCapabilitiesResponse:
        capabilities: GetServerCapabilitiesResponse = await self._calls.call(get_server_capabilities)
        return capabilities

    def get_server_capabilities(self) -> APIFuture[GetServerCapabilitiesResponse]:
        return self._calls.future(self.get_server_capabilities_async(), "get_server_capabilities")
