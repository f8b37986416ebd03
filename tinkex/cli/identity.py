"""Who a credential belongs to: the calls behind ``tinkex auth whoami | login | logout``.

``whoami`` is ``RestClient.whoami`` (the claims of the JWT the server issues for the
credential, as the official SDK reads them); ``login`` checks a pasted key and reads its
metadata at ``/api/v1/auth/apikey/me``, which ``logout`` also uses to revoke a key that was
minted for this machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tinkex.cli._click import CliError
from tinkex.cli.session import call_endpoint

if TYPE_CHECKING:
    from tinkex.rest_client import RestClient
    from tinkex.types import ApiKeyInfoResponse, WhoamiResponse


def whoami(rest: RestClient) -> WhoamiResponse:
    """``RestClient.whoami``, with its "no JWT mode" refusal worded for the shell."""
    try:
        return rest.whoami().result()
    except RuntimeError as error:
        raise CliError(f"whoami: {error}") from None


def api_key_info(rest: RestClient) -> ApiKeyInfoResponse:
    from tinker_openapi.api.admin import get_api_key_info

    info: ApiKeyInfoResponse = call_endpoint(rest, get_api_key_info, "get_api_key_info")
    return info


def revoke_api_key(rest: RestClient) -> None:
    from tinker_openapi.api.admin import delete_api_key

    call_endpoint(rest, delete_api_key, "delete_api_key")
