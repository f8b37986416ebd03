"""Helpers for inspecting the SDK's credential (the official ``tinker.auth`` names).

Each reads the credential the clients would use (``tinkex.resolve_config``: argument, process
default, environment), so the answers never disagree with what a client then sends.
"""

from __future__ import annotations

from .config import Config, resolve_config
from .errors import TinkerError, TinkexConfigError

__all__ = ["get_tinker_token", "raise_if_tinker_not_accessible", "tinker_has_credentials"]


def _config() -> Config | None:
    try:
        return resolve_config()
    except (TinkexConfigError, ValueError, OSError):
        return None


def get_tinker_token() -> str | None:
    """The configured static API key or JWT, or None. Never runs ``TINKER_CREDENTIAL_CMD``."""
    config = _config()
    return config.api_key if config is not None else None


def tinker_has_credentials() -> bool:
    """Whether a credential is configured (a key, or a credential command, which is not run)."""
    config = _config()
    return config is not None and (config.api_key is not None or config.credential_cmd is not None)


def raise_if_tinker_not_accessible() -> None:
    """Return if the server accepts the credential; raise a ``TinkerError`` subclass otherwise.

    One request (``get_server_capabilities``) through a ``RestClient``: ``AuthenticationError``
    for a rejected credential, ``BillingError`` for a 402, ``APIConnectionError`` when the
    server cannot be reached, plain ``TinkerError`` when no credential is configured.
    """
    from tinker_openapi.api.service import get_server_capabilities

    from ._http.options import CallOptions
    from .futures import APIFuture
    from .rest_client import RestClient

    try:
        client = RestClient()
    except (TinkexConfigError, ValueError) as exc:
        raise TinkerError(str(exc)) from exc
    # Not retried, as in the official SDK: the caller wants the failure, not a wait.
    once = client._calls.call(get_server_capabilities, options=CallOptions(max_retries=0))
    APIFuture.submit(once, description="raise_if_tinker_not_accessible").result()
