"""Decide whether an exception is the user's fault, for telemetry.

A user error (a rejected request: category ``user``, or an HTTP 4xx other than 408) is reported as
a GENERIC_EVENT ``user_error`` at WARNING; anything else is an UNHANDLED_EXCEPTION. The check is
duck-typed (``category``, ``status_code`` / ``status``) so it works for tinkex's errors, the
official SDK's errors and httpx-style errors without importing any of them.
"""

from __future__ import annotations

from typing import Any


def _is_user_category(category: object) -> bool:
    value = getattr(category, "value", category)
    return isinstance(value, str) and value.lower() == "user"


def _user_status(exc: BaseException) -> int | None:
    for attribute in ("status_code", "status"):
        status = getattr(exc, attribute, None)
        # bool is an int subclass; a flag named `status` must not count as an HTTP status.
        if isinstance(status, int) and not isinstance(status, bool) and 400 <= status < 500 and status != 408:
            return status
    return None


def find_user_error(exc: BaseException) -> BaseException | None:
    """The first user error in ``exc`` or its ``__cause__`` / ``__context__`` chain (depth first,
    cause before context, cycle-safe), or None."""
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if _is_user_category(getattr(current, "category", None)) or _user_status(current) is not None:
            return current
        # Pushed in reverse so __cause__ is examined (fully) before __context__.
        if current.__context__ is not None:
            stack.append(current.__context__)
        if current.__cause__ is not None:
            stack.append(current.__cause__)
    return None


def user_error_data(exc: BaseException, user_error: BaseException) -> dict[str, Any]:
    """Event data of a ``user_error`` event: ``error_type``, and ``message``, ``status_code``,
    ``body`` when known."""
    data: dict[str, Any] = {"error_type": type(exc).__name__}
    message = str(exc)
    if message:
        data["message"] = message
    status = _user_status(user_error)
    if status is not None:
        data["status_code"] = status
    body = getattr(user_error, "body", None)
    if body:
        data["body"] = body
    return data


def _first_in_chain(exc: BaseException, attribute: str) -> Any:
    """The first non-empty ``attribute`` along ``exc``'s cause/context chain (cycle-safe)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        value = getattr(current, attribute, None)
        if value:
            return value
        current = current.__cause__ or current.__context__
    return None


def call_context(exc: BaseException, operation: str) -> dict[str, Any]:
    """What a failed client call reports besides the error itself: the operation, the error
    type, the request id when the server assigned one, and the error category (``user`` /
    ``server`` / ``unknown``: the error's own, else inferred from its HTTP status)."""
    category = _first_in_chain(exc, "category")
    value = getattr(category, "value", category)
    if not isinstance(value, str) or value.lower() == "unknown":
        status = _first_in_chain(exc, "status_code")
        if find_user_error(exc) is not None:
            value = "user"
        elif isinstance(status, int) and status >= 500:
            value = "server"
        else:
            value = "unknown" if not isinstance(value, str) else value.lower()
    context: dict[str, Any] = {
        "operation": operation,
        "error_type": type(exc).__name__,
        "category": value.lower(),
    }
    request_id = _first_in_chain(exc, "request_id")
    if request_id:
        context["request_id"] = str(request_id)
    return context
