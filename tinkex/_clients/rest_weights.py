"""``RestClient`` calls added in the official SDK 0.38: ``copy_weights``, ``export_session_trace``
and ``whoami``.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from typing import Any

import orjson
from tinker_openapi.api.rest import get_session_trace_export
from tinker_openapi.api.service import create_auth_token
from tinker_openapi.api.weights import copy_weights

from .._http.options import CallOptions, PoolType
from .._http.policy import new_idempotency_key
from ..errors import NotFoundError, TinkexValidationError
from ..futures import APIFuture
from ..types import (
    AuthTokenRequest,
    AuthTokenResponse,
    CopyWeightsRequest,
    CopyWeightsResponse,
    TraceExportResponse,
    WhoamiResponse,
)
from .rest_calls import RestCalls

_log = logging.getLogger("tinkex")

# The official SDK polls a pending trace export every 5 s (protocol §REST).
TRACE_EXPORT_POLL_INTERVAL = 5.0


def jwt_claims(token: str) -> dict[str, Any] | None:
    """The payload of a JWT, unverified (only the server can verify it), or None if not a JWT."""
    parts = token.split(".")
    if len(parts) != 3 or not token.startswith("eyJ"):
        return None
    try:
        claims = orjson.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, orjson.JSONDecodeError):
        return None
    return claims if isinstance(claims, dict) else None


def _whoami_from_claims(claims: dict[str, Any]) -> WhoamiResponse:
    if "sub" not in claims or "org_id" not in claims:
        raise RuntimeError("whoami: the credential's JWT carries no sub/org_id claims")
    return WhoamiResponse(
        user_urn=str(claims["sub"]),
        org_urn=f"tml:organization:{claims['org_id']}",
        email=claims.get("email") or None,
    )


def _copy_request(
    path: str, destination_project_id: str | None, ttl_seconds: int | None
) -> CopyWeightsRequest:
    if not isinstance(path, str) or not path.startswith("tinker://"):
        raise TinkexValidationError("path must be a tinker:// checkpoint path", field="path")
    if destination_project_id is None:
        raise ValueError("Provide destination_project_id or set TINKER_PROJECT_ID")
    if ttl_seconds is not None and (isinstance(ttl_seconds, bool) or not isinstance(ttl_seconds, int)):
        raise TinkexValidationError("ttl_seconds must be an integer or None", field="ttl_seconds")
    return CopyWeightsRequest(
        source_path=path, destination_project_id=destination_project_id, ttl_seconds=ttl_seconds
    )


class RestWeights:
    def __init__(self, calls: RestCalls) -> None:
        self._calls = calls

    # ---- copy_weights ----
    def copy_weights(
        self,
        path: str,
        destination_project_id: str | None,
        ttl_seconds: int | None,
        weights_access_token: str | None,
    ) -> APIFuture[str]:
        request = self._request(path, destination_project_id, ttl_seconds)
        return self._calls.future(self._copy(request, weights_access_token), "copy_weights")

    async def copy_weights_async(
        self,
        path: str,
        destination_project_id: str | None,
        ttl_seconds: int | None,
        weights_access_token: str | None,
    ) -> str:
        request = self._request(path, destination_project_id, ttl_seconds)
        return await self._copy(request, weights_access_token)

    def _request(
        self, path: str, destination_project_id: str | None, ttl_seconds: int | None
    ) -> CopyWeightsRequest:
        """The copy's request; the project defaults to the config's (``TINKER_PROJECT_ID``)."""
        project = destination_project_id or self._calls.holder.config.project_id
        return _copy_request(path, project, ttl_seconds)

    async def _copy(self, request: CopyWeightsRequest, weights_access_token: str | None) -> str:
        options = CallOptions(pool=PoolType.TRAINING, idempotency_key=new_idempotency_key())
        copied: CopyWeightsResponse = await self._calls.call(
            copy_weights,
            options=options,
            body=request,
            x_tinker_weights_access_token=weights_access_token,
        )
        _log.info("Copied %s to %s", request.source_path, copied.tinker_path)
        return copied.tinker_path

    # ---- export_session_trace ----
    def export_session_trace(self, session_id: str) -> APIFuture[str]:
        return self._calls.future(self.export_session_trace_async(session_id), "export_session_trace")

    async def export_session_trace_async(self, session_id: str) -> str:
        first_poll = True
        while True:
            export: TraceExportResponse = await self._calls.call(
                get_session_trace_export, session_id=session_id
            )
            status = str(export.status)
            if status == "ready" and export.url:
                return str(export.url)
            if status == "failed":
                raise RuntimeError(f"Trace export failed for session {session_id}: {export.error}")
            if first_poll:
                _log.warning("Building trace export for session: %s (this may take a while)", session_id)
                first_poll = False
            await asyncio.sleep(TRACE_EXPORT_POLL_INTERVAL)

    # ---- whoami ----
    def whoami(self) -> APIFuture[WhoamiResponse]:
        return self._calls.future(self._whoami(), "whoami")

    async def _whoami(self) -> WhoamiResponse:
        claims = jwt_claims(self._calls.holder.config.api_key or "")
        if claims is None:
            try:
                token: AuthTokenResponse = await self._calls.call(
                    create_auth_token, options=CallOptions(max_retries=0), body=AuthTokenRequest()
                )
            except NotFoundError:
                raise RuntimeError(
                    "whoami requires JWT auth, but the server has it disabled "
                    "and the credential is a plain API key."
                ) from None
            claims = jwt_claims(token.jwt)
            if claims is None:
                raise RuntimeError("whoami: the server's auth token is not a readable JWT")
        return _whoami_from_claims(claims)
