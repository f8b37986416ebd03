"""Who a credential belongs to: the calls behind ``tinkex auth whoami | login | logout``.

``whoami`` reads the claims of the JWT the server issues for the credential (as the official
SDK does, so it needs a server with JWT auth); ``login`` checks a pasted key and reads its
metadata at ``/api/v1/auth/apikey/me``, which ``logout`` also uses to revoke a key that was
minted for this machine. Claims are read, not verified: the server that issued the token is
the one being asked.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

from tinkex.cli._click import CliError
from tinkex.cli.session import call_endpoint

if TYPE_CHECKING:
    from tinkex.rest_client import RestClient
    from tinkex.types import ApiKeyInfoResponse, WhoamiResponse


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT (its middle, base64url-encoded JSON part)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError) as error:
        raise CliError("The server's auth token is not a JWT") from error
    if not isinstance(claims, dict):
        raise CliError("The server's auth token has no claims")
    return claims


def whoami(rest: RestClient) -> WhoamiResponse:
    from tinker_openapi.api.service import create_auth_token

    from tinkex.errors import NotFoundError
    from tinkex.types import AuthTokenRequest, WhoamiResponse

    try:
        reply = call_endpoint(rest, create_auth_token, "whoami", body=AuthTokenRequest())
    except NotFoundError:
        raise CliError("whoami needs JWT auth, which this server has turned off") from None
    claims = jwt_claims(reply.jwt)
    if "sub" not in claims or "org_id" not in claims:
        raise CliError("The server's auth token names no user or organization")
    return WhoamiResponse(
        user_urn=str(claims["sub"]),
        org_urn=f"tml:organization:{claims['org_id']}",
        email=claims.get("email") or None,
    )


def api_key_info(rest: RestClient) -> ApiKeyInfoResponse:
    from tinker_openapi.api.admin import get_api_key_info

    info: ApiKeyInfoResponse = call_endpoint(rest, get_api_key_info, "get_api_key_info")
    return info


def revoke_api_key(rest: RestClient) -> None:
    from tinker_openapi.api.admin import delete_api_key

    call_endpoint(rest, delete_api_key, "delete_api_key")
