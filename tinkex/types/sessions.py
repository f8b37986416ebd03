"""Session messages, status unions and session search (protocol §5.11/5.12, TYP-27)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, ClassVar, Literal

import attrs

from ._base import WireModel

__all__ = [
    "AccessibleSearchOwner",
    "ActiveSessionStatusQuery",
    "CancelledSessionStatusQuery",
    "ClientFinishedSessionStatusQuery",
    "ClientSessionFinishErrored",
    "ClientSessionFinishInterrupted",
    "ClientSessionFinishReason",
    "ClientSessionFinishReasonType",
    "ClientSessionFinishSuccess",
    "ClientSessionFinished",
    "CreateSamplingSessionRequest",
    "CreateSamplingSessionResponse",
    "CreateSessionRequest",
    "CreateSessionResponse",
    "FailedSessionStatusQuery",
    "GetSessionResponse",
    "JoinSamplingSessionRequest",
    "JoinSamplingSessionResponse",
    "ListSessionsResponse",
    "OwnSearchOwner",
    "SearchOwner",
    "SessionActive",
    "SessionCancelled",
    "SessionFailed",
    "SessionFailedReason",
    "SessionFailedRequestReason",
    "SessionFailedSamplingSessionReason",
    "SessionFailedTrainingRunReason",
    "SessionHeartbeatRequest",
    "SessionHeartbeatResponse",
    "SessionSearchCursor",
    "SessionSearchRequest",
    "SessionSearchResponse",
    "SessionStatus",
    "SessionStatusQuery",
    "SessionSummary",
    "UserSearchOwner",
]

ClientSessionFinishReasonType = Literal["success", "errored", "interrupted"]


@attrs.define(frozen=True, kw_only=True)
class CreateSessionRequest(WireModel):
    _strict: ClassVar[bool] = True
    tags: list[str]
    user_metadata: dict[str, Any] | None
    sdk_version: str
    project_id: str | None = None
    display_name: str | None = None
    type: Literal["create_session"] = "create_session"


@attrs.define(frozen=True, kw_only=True)
class CreateSessionResponse(WireModel):
    type: Literal["create_session"] = "create_session"
    info_message: str | None = None
    warning_message: str | None = None
    error_message: str | None = None
    session_id: str


@attrs.define(frozen=True, kw_only=True)
class GetSessionResponse(WireModel):
    training_run_ids: list[str]
    sampler_ids: list[str]
    user_metadata: dict[str, str] | None = None
    display_name: str | None = None


@attrs.define(frozen=True, kw_only=True)
class ListSessionsResponse(WireModel):
    sessions: list[str]


@attrs.define(frozen=True, kw_only=True)
class SessionHeartbeatRequest(WireModel):
    _strict: ClassVar[bool] = True
    session_id: str
    type: Literal["session_heartbeat"] = "session_heartbeat"


@attrs.define(frozen=True, kw_only=True)
class SessionHeartbeatResponse(WireModel):
    type: Literal["session_heartbeat"] = "session_heartbeat"


@attrs.define(frozen=True, kw_only=True)
class CreateSamplingSessionRequest(WireModel):
    _strict: ClassVar[bool] = True
    session_id: str
    sampling_session_seq_id: int
    base_model: str | None = None
    model_path: str | None = None
    type: Literal["create_sampling_session"] = "create_sampling_session"


@attrs.define(frozen=True, kw_only=True)
class CreateSamplingSessionResponse(WireModel):
    type: Literal["create_sampling_session"] = "create_sampling_session"
    sampling_session_id: str


@attrs.define(frozen=True, kw_only=True)
class JoinSamplingSessionRequest(WireModel):
    _strict: ClassVar[bool] = True
    sampling_session_id: str
    type: Literal["join_sampling_session"] = "join_sampling_session"


@attrs.define(frozen=True, kw_only=True)
class JoinSamplingSessionResponse(WireModel):
    type: Literal["join_sampling_session"] = "join_sampling_session"
    client_counter: int


# ---- session status (a union tagged by "type") ---------------------------------------------
@attrs.define(frozen=True, kw_only=True)
class ClientSessionFinishSuccess(WireModel):
    type: Literal["success"] = "success"


@attrs.define(frozen=True, kw_only=True)
class ClientSessionFinishErrored(WireModel):
    type: Literal["errored"] = "errored"


@attrs.define(frozen=True, kw_only=True)
class ClientSessionFinishInterrupted(WireModel):
    type: Literal["interrupted"] = "interrupted"


ClientSessionFinishReason = (
    ClientSessionFinishSuccess | ClientSessionFinishErrored | ClientSessionFinishInterrupted
)


@attrs.define(frozen=True, kw_only=True)
class SessionActive(WireModel):
    type: Literal["active"] = "active"


@attrs.define(frozen=True, kw_only=True)
class SessionCancelled(WireModel):
    type: Literal["cancelled"] = "cancelled"
    detail: str | None = None


@attrs.define(frozen=True, kw_only=True)
class ClientSessionFinished(WireModel):
    type: Literal["client_finished"] = "client_finished"
    reason: ClientSessionFinishReason
    detail: str | None = None


@attrs.define(frozen=True, kw_only=True)
class SessionFailedRequestReason(WireModel):
    type: Literal["request"] = "request"
    request_id: str
    request_type: str


@attrs.define(frozen=True, kw_only=True)
class SessionFailedTrainingRunReason(WireModel):
    type: Literal["training_run"] = "training_run"
    training_run_id: str


@attrs.define(frozen=True, kw_only=True)
class SessionFailedSamplingSessionReason(WireModel):
    type: Literal["sampling_session"] = "sampling_session"
    sampling_session_id: str


SessionFailedReason = (
    SessionFailedRequestReason | SessionFailedTrainingRunReason | SessionFailedSamplingSessionReason
)


@attrs.define(frozen=True, kw_only=True)
class SessionFailed(WireModel):
    type: Literal["failed"] = "failed"
    category: Literal["user", "internal"]
    reason: SessionFailedReason
    message: str


SessionStatus = SessionFailed | SessionCancelled | ClientSessionFinished | SessionActive


# ---- session search ----------------------------------------------------------------------
@attrs.define(frozen=True, kw_only=True)
class OwnSearchOwner(WireModel):
    _strict: ClassVar[bool] = True
    type: Literal["own"] = "own"


@attrs.define(frozen=True, kw_only=True)
class AccessibleSearchOwner(WireModel):
    _strict: ClassVar[bool] = True
    type: Literal["accessible"] = "accessible"


@attrs.define(frozen=True, kw_only=True)
class UserSearchOwner(WireModel):
    _strict: ClassVar[bool] = True
    type: Literal["user"] = "user"
    owner_urns: list[str]


SearchOwner = OwnSearchOwner | AccessibleSearchOwner | UserSearchOwner


@attrs.define(frozen=True, kw_only=True)
class ActiveSessionStatusQuery(WireModel):
    _strict: ClassVar[bool] = True
    type: Literal["active"] = "active"


@attrs.define(frozen=True, kw_only=True)
class CancelledSessionStatusQuery(WireModel):
    _strict: ClassVar[bool] = True
    type: Literal["cancelled"] = "cancelled"


@attrs.define(frozen=True, kw_only=True)
class FailedSessionStatusQuery(WireModel):
    _strict: ClassVar[bool] = True
    type: Literal["failed"] = "failed"


@attrs.define(frozen=True, kw_only=True)
class ClientFinishedSessionStatusQuery(WireModel):
    _strict: ClassVar[bool] = True
    type: Literal["client_finished"] = "client_finished"
    reasons: list[ClientSessionFinishReasonType] | None = None


SessionStatusQuery = (
    ActiveSessionStatusQuery
    | CancelledSessionStatusQuery
    | FailedSessionStatusQuery
    | ClientFinishedSessionStatusQuery
)


@attrs.define(frozen=True, kw_only=True)
class SessionSearchCursor(WireModel):
    last_created_at: _dt.datetime
    last_session_id: str


@attrs.define(frozen=True, kw_only=True)
class SessionSearchRequest(WireModel):
    _strict: ClassVar[bool] = True
    session_id: str | None = None
    project_ids: list[str] | None = None
    user_metadata: dict[str, str] = attrs.field(factory=dict)
    display_name: str | None = None
    owner: SearchOwner = attrs.field(factory=OwnSearchOwner)
    statuses: list[SessionStatusQuery] | None = None
    limit: int = 50
    cursor: SessionSearchCursor | None = None


@attrs.define(frozen=True, kw_only=True)
class SessionSummary(WireModel):
    session_id: str
    created_at: _dt.datetime
    owner: str
    project_id: str
    status: SessionStatus | None = None
    checkpoints_count: int
    display_name: str | None = None
    user_metadata: dict[str, str] | None = None
    checkpoint_storage_bytes: int | None = None


@attrs.define(frozen=True, kw_only=True)
class SessionSearchResponse(WireModel):
    sessions: list[SessionSummary]
    next_cursor: SessionSearchCursor | None = None
