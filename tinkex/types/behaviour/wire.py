"""JSON codec of the generated endpoint functions (``openapi/templates/endpoint_module.py.jinja``).

Bodies go out as orjson bytes (numpy-aware); responses are parsed with the generated models'
converters. A 2xx whose body does not parse, or does not match its schema, becomes the official
``APIResponseValidationError`` with the status and request id, never a raw decode error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import orjson

from .errors import ValidationError

if TYPE_CHECKING:
    import httpx

__all__ = ["decode_json", "encode_json", "parse"]

_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS
# orjson returns its working buffer as the bytes object without shrinking it: a 400-byte body
# keeps about 8 KiB resident (measured), which adds up over a thousand requests in flight.
_COMPACT_BELOW = 64 * 1024


def encode_json(body: Any) -> bytes:
    try:
        encoded = orjson.dumps(body, option=_OPTIONS)
    except orjson.JSONEncodeError as exc:  # e.g. an int wider than 64 bits
        from ...errors import TinkexValidationError

        raise TinkexValidationError(f"request body cannot be encoded as JSON: {exc}", field="body") from exc
    return bytes(memoryview(encoded)) if len(encoded) < _COMPACT_BELOW else encoded


def decode_json(response: httpx.Response) -> Any:
    """The decoded body; an empty 2xx body is ``{}`` (HTTP-19)."""
    content = response.content
    if not content.strip():
        return {}
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        raise _invalid(response, f"the response body is not JSON ({exc})") from None


def parse(response: httpx.Response, convert: Callable[[Any, tuple[str | int, ...]], Any]) -> Any:
    """Decode and convert a response body with a generated converter."""
    data = decode_json(response)
    try:
        return convert(data, ())
    except ValidationError as exc:
        raise _invalid(response, str(exc), body=data) from None


def _invalid(response: httpx.Response, message: str, body: Any = None) -> Exception:
    from ...errors import APIResponseValidationError

    request_id = response.headers.get("x-request-id")
    where = f"{response.request.method} {response.request.url.path}" if _has_request(response) else "response"
    return APIResponseValidationError(
        response=response,
        body=body,
        message=f"{where} returned {response.status_code} with an invalid body: {message}",
        request_id=request_id,
    )


def _has_request(response: httpx.Response) -> bool:
    try:
        response.request  # noqa: B018
    except (RuntimeError, AttributeError):  # a Response built by hand, or the generated wrapper
        return False
    return True
