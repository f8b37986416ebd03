"""Building the SDK client for one command, and turning its failures into CLI messages (CLI-16, CLI-18).

The SDK is imported inside these functions so that parsing and ``--help`` never load it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tinkex.cli._click import CliError
from tinkex.cli.options import DEFAULT_RETRY_BUDGET_S, ApiOptions

if TYPE_CHECKING:
    from types import ModuleType

    from tinkex.rest_client import RestClient
    from tinkex.service_client import ServiceClient
    from tinkex.types import ParsedCheckpointTinkerPath

CLOSE_TIMEOUT_S = 30.0


def describe_error(error: BaseException) -> str:
    """The error's own text (tinkex errors render as ``[type (status)] message``, secrets redacted)."""
    from tinkex.errors import TinkerError

    text = str(error)
    if isinstance(error, TinkerError | OSError) or type(error).__name__ == "CheckpointDownloadError":
        return text
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# Config fields the CLI sets from flags: errors about them name the flag, not the argument.
FLAG_OF_FIELD = {
    "api_key": "--api-key",
    "base_url": "--base-url",
    "timeout": "--timeout",
    "http_pool": "--http-pool",
}
NO_API_KEY = "No API key: pass --api-key KEY, set TINKER_API_KEY (or TINKER_CREDENTIAL_CMD), or run `tinkex auth login`"


def config_message(error: BaseException) -> str:
    """A configuration error in the CLI's words (``--api-key`` rather than ``api_key=...``)."""
    field = getattr(error, "field", None)
    text = getattr(error, "message", None) or str(error)
    if field == "api_key" and "required" in text:
        return NO_API_KEY
    flag = FLAG_OF_FIELD.get(field) if isinstance(field, str) else None
    if flag is not None and text.startswith(f"{field} "):
        return f"{flag} {text.removeprefix(f'{field} ')}"
    return f"Configuration error: {text}"


def is_user_error(error: BaseException) -> bool:
    from tinkex.errors import is_user_error as sdk_is_user_error

    return sdk_is_user_error(error)


@contextmanager
def failures_as(action: str) -> Iterator[None]:
    """Report any failure inside as ``<Action> failed: <error>`` (exit 1). Ctrl-C passes through."""
    try:
        yield
    except CliError:
        raise
    except Exception as error:
        raise CliError(f"{action} failed: {describe_error(error)}") from error


@contextmanager
def service_client(api: ApiOptions, **extra: Any) -> Iterator[ServiceClient]:
    """A ``ServiceClient`` built from the flags, closed (session finished) on the way out.

    Config errors (no API key, a bad URL) raise as they are: the caller's ``failures_as``
    reports them as that command's user error."""
    from tinkex._core.startup import program_imports
    from tinkex.errors import TinkexConfigError

    with program_imports():
        from tinkex.service_client import ServiceClient

    settings: dict[str, Any] = dict(extra)
    if api.timeout_s is not None:
        settings["timeout"] = api.timeout_s
    if api.http_pool is not None:
        settings["http_pool"] = api.http_pool
    settings.setdefault("retry_budget", api.retry_budget_s or DEFAULT_RETRY_BUDGET_S)
    try:
        client = ServiceClient(base_url=api.base_url, api_key=api.api_key, **settings)
    except TinkexConfigError as error:
        raise CliError(config_message(error)) from None
    try:
        with retries_shown():
            yield client
    finally:
        client.close().result(timeout=CLOSE_TIMEOUT_S)


def call_endpoint(rest: RestClient, endpoint: ModuleType, description: str, **kwargs: Any) -> Any:
    """A generated endpoint's parsed result, with the SDK's policy (auth, retries, error mapping):
    for the calls the CLI makes that have no ``RestClient`` method."""
    from tinkex.futures import APIFuture

    return APIFuture.submit(rest._calls.call(endpoint, **kwargs), description=description).result()


@contextmanager
def retries_shown() -> Iterator[None]:
    """Print ``retrying (n/N): reason`` on stderr before each retry, so no wait is silent."""
    import logging

    import click

    from tinkex._http.policy import RETRY_LOG_MARK
    from tinkex.telemetry import events

    def show(name: Any, measurements: Any, metadata: Any) -> None:
        click.echo(
            f"retrying ({metadata['attempt']}/{metadata['max_retries']}): {metadata['reason']}", err=True
        )

    def not_a_retry(record: logging.LogRecord) -> bool:  # the line above replaces the log line
        return not getattr(record, RETRY_LOG_MARK, False)

    http_logger = logging.getLogger("tinkex.http")
    handler_id = events.subscribe(events.HTTP_REQUEST_RETRY, show)
    http_logger.addFilter(not_a_retry)
    try:
        yield
    finally:
        http_logger.removeFilter(not_a_retry)
        events.unsubscribe(handler_id)


@contextmanager
def rest_client(api: ApiOptions) -> Iterator[RestClient]:
    with service_client(api) as client:
        yield client.create_rest_client()


def parse_paths(paths: list[str] | tuple[str, ...]) -> list[ParsedCheckpointTinkerPath]:
    """Validate every path before any request (CLI-17); the first bad one raises."""
    from tinkex.types import ParsedCheckpointTinkerPath

    return [ParsedCheckpointTinkerPath.from_tinker_path(path) for path in paths]
