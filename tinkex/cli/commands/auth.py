"""``tinkex auth login | logout | status | whoami`` (the official ``tinker auth`` commands).

``login`` checks a key with the server and stores it as the default credential in an
owner-only file (``tinkex._config.credential_store``); every client then uses it when no
``--api-key``, ``TINKER_API_KEY`` or ``TINKER_CREDENTIAL_CMD`` is given.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

import click

from tinkex.cli._click import CliError, TinkexCommand, TinkexGroup
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options
from tinkex.cli.output import echo, print_json, print_properties
from tinkex.cli.session import config_message, describe_error, failures_as, rest_client


@click.group(cls=TinkexGroup, name="auth", short_help="Log in and out; show the active credential.")
def auth_group() -> None:
    """Manage authentication credentials."""


@auth_group.command(cls=TinkexCommand, name="login")
@api_options()
def login_command(api: ApiOptions) -> None:
    """Check an API key with the server and store it as the default credential (owner-only file).

    The key is asked for (input hidden) unless --api-key gives it."""
    from tinkex._config.credential_store import CredentialStore
    from tinkex.cli.identity import api_key_info

    store = CredentialStore()
    if _stored_default(store) is not None:
        raise CliError("Already logged in; run `tinkex auth logout` before logging in again")
    key = (api.api_key or _read_key()).strip()
    if not key:
        raise CliError("The API key must not be empty")
    with (
        failures_as("Validating the API key"),
        rest_client(dataclasses.replace(api, api_key=key)) as rest,
    ):
        info = api_key_info(rest)
    record: dict[str, Any] = {
        "type": "manual",
        "key": key,
        "name": info.name,
        "note": info.note,
        "details": info.details.model_dump(mode="json"),
    }
    with failures_as("Storing the credential"):
        store.add_default(str(info.key_id), record)
    who = info.details
    echo(
        f"Logged in as {who.user_details.email} ({who.org_details.name}). "
        f"Stored API key '{info.name}' as the default credential in {store.path}."
    )


@auth_group.command(cls=TinkexCommand, name="logout")
@api_options()
def logout_command(api: ApiOptions) -> None:
    """Remove the stored default credential (a key minted for this machine is also revoked)."""
    from tinkex._config.credential_store import CredentialStore
    from tinkex.cli.identity import revoke_api_key

    store = CredentialStore()
    found = _stored_default(store)
    if found is None:
        raise CliError("No default credential is stored; there is nothing to log out from")
    key_id, record = found
    name = record.get("name", key_id)
    revoke_error: str | None = None
    if record.get("type") == "generated":
        try:
            with rest_client(dataclasses.replace(api, api_key=record.get("key"))) as rest:
                revoke_api_key(rest)
        except Exception as error:
            revoke_error = describe_error(error)
    with failures_as("Removing the credential"):
        store.remove(key_id)
    if revoke_error is not None:
        raise CliError(
            f"Removed the local credential '{name}' (key id {key_id}), but could not revoke it "
            f"on the server: {revoke_error}. Delete it in the Tinker console."
        )
    if record.get("type") == "generated":
        echo(f"Removed credential '{name}' and revoked its API key on the server.")
    else:
        echo(f"Removed credential '{name}'. The API key is still active; delete it in the Tinker console.")


def _read_key() -> str:
    """The key from a hidden prompt on a terminal, else the first line of stdin (scripts)."""
    if sys.stdin.isatty():
        return str(click.prompt("Paste your API key", hide_input=True, err=True))
    return sys.stdin.readline()


def _stored_default(store: Any) -> tuple[str, dict[str, Any]] | None:
    try:
        found: tuple[str, dict[str, Any]] | None = store.default()
    except (OSError, ValueError) as error:
        raise CliError(f"Cannot read {store.path}: {error}") from error
    return found


@auth_group.command(cls=TinkexCommand, name="status")
@format_options
@api_options()
def status_command(output_format: OutputFormat, api: ApiOptions) -> None:
    """Whether a credential is configured, and whether the server accepts it (exit 1 if not)."""
    from tinkex.config import resolve_config
    from tinkex.errors import TinkexConfigError

    try:
        given: dict[str, Any] = {"api_key": api.api_key, "base_url": api.base_url}
        resolve_config(**{name: value for name, value in given.items() if value})
        available, problem = True, None
    except TinkexConfigError as error:
        available, problem = False, config_message(error)
    accessible = False
    if available:
        try:
            with rest_client(api) as rest:
                rest.get_server_capabilities().result()
            accessible = True
        except Exception as error:
            problem = describe_error(error)
    if output_format == "json":
        print_json({"credentials_available": available, "accessible": accessible})
    else:
        echo(f"Credentials available: {'yes' if available else 'no'}")
        if available:
            echo(f"Tinker accessible: {'yes' if accessible else 'no'}")
    if problem is not None:
        raise CliError(problem)


@auth_group.command(cls=TinkexCommand, name="whoami")
@format_options
@api_options()
def whoami_command(output_format: OutputFormat, api: ApiOptions) -> None:
    """Show the user and organization of the active credential."""
    from tinkex.cli.identity import whoami

    with failures_as("Whoami"), rest_client(api) as rest:
        identity = whoami(rest)
    if output_format == "json":
        print_json(identity.model_dump())
        return
    print_properties(
        None,
        [("Email", identity.email or "N/A"), ("User", identity.user_urn), ("Organization", identity.org_urn)],
    )
