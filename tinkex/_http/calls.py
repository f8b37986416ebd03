"""The one layer through which tinkex calls the generated endpoint functions.

``await call(api, forward_backward, options, body=request)`` runs the generated
``asyncio_detailed`` with tinkex's per-call options in force (pool, timeout, retries, idempotency
key, extra headers: see ``options.py``) and returns the parsed result. Request building, URLs
and response parsing are the generated module's; policy is the transport's. Parse failures
(``APIResponseValidationError``) surface here, inside the call.
"""

from __future__ import annotations

import inspect
from functools import cache
from types import ModuleType
from typing import Any

import attrs
import httpx
from tinker_openapi.types import Response

from ..errors import APIResponseValidationError, ResponseTooLargeError, TinkexValidationError
from .api import ApiClient
from .headers import new_idempotency_key
from .options import CallOptions, call_options
from .retry import RetryDecision, RetryPolicy, retry_async

__all__ = ["call", "call_raw", "call_stream"]

_DEFAULT = CallOptions()


@cache
def _path_parameters(endpoint: ModuleType) -> tuple[str, ...]:
    """The operation's path parameters: the generated functions take them before ``*``."""
    parameters = inspect.signature(endpoint._get_kwargs).parameters.values()
    return tuple(p.name for p in parameters if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD)


def _check_path_parameters(endpoint: ModuleType, kwargs: dict[str, Any]) -> None:
    # A dot segment would be collapsed by URL normalization and address another resource
    # (GET .../training_runs/.. is GET /api/v1); a non-string would be sent as "None" (HTTP-18).
    for name in _path_parameters(endpoint):
        value = kwargs.get(name)
        if not isinstance(value, str) or not value or value in (".", ".."):
            raise TinkexValidationError(
                f"{name} must be a non-empty string other than '.' or '..', got {value!r}", field=name
            )


async def call_raw(
    api: ApiClient, endpoint: ModuleType, options: CallOptions = _DEFAULT, **kwargs: Any
) -> Response[Any]:
    """The generated ``Response`` (status, headers, content; ``parsed`` on demand)."""
    _check_path_parameters(endpoint, kwargs)
    # ``None`` means "not given" to tinkex callers; the generated functions spell that UNSET.
    kwargs = {name: value for name, value in kwargs.items() if value is not None}
    with call_options(options):
        response: Response[Any] = await endpoint.asyncio_detailed(client=api.generated, **kwargs)
    return response


# A reply the SDK cannot read (garbled, cut short, or missing a required field) leaves the
# request's fate unknown: it is sent again unchanged (same body, same seq_id, same idempotency
# key, so the server answers from its dedupe index) a few times, and never becomes a caller-side
# retry that could apply a training step twice.
UNREADABLE_REPLY_RETRIES = 3


def _unreadable(exc: BaseException) -> RetryDecision:
    retry = isinstance(exc, APIResponseValidationError) and not isinstance(exc, ResponseTooLargeError)
    return RetryDecision(retry, "the reply could not be read")


async def call(api: ApiClient, endpoint: ModuleType, options: CallOptions = _DEFAULT, **kwargs: Any) -> Any:
    """The parsed result of a generated endpoint call."""
    if options.idempotency_key is None:
        options = attrs.evolve(options, idempotency_key=new_idempotency_key())

    async def attempt(_: int) -> Any:
        return (await call_raw(api, endpoint, options, **kwargs)).parsed

    return await retry_async(
        attempt, RetryPolicy(max_retries=UNREADABLE_REPLY_RETRIES, should_retry=_unreadable)
    )


async def call_stream(
    api: ApiClient, endpoint: ModuleType, options: CallOptions, **kwargs: Any
) -> httpx.Response:
    """The response with its body unread (the caller reads or closes it): the request as the
    generated module builds it (``_get_kwargs``), sent with ``stream=True``."""
    _check_path_parameters(endpoint, kwargs)
    request = api.http.build_request(**endpoint._get_kwargs(**kwargs))
    with call_options(attrs.evolve(options, stream=True)):
        return await api.http.send(request, stream=True)
