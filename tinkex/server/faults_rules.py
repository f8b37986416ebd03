"""Fault rules for the local server's test hooks: what a rule matches, when it fires, what it does.

A rule = a match (method / route glob, request type, model id) + a window (first N, every k-th,
probability p drawn from a seeded generator) + one action. Rules are plain frozen values; the
injector keeps their counters. ``FaultRule.from_json`` reads the spec the admin route accepts::

    {"match": {"method": "POST", "route": "/api/v1/forward_backward", "request_type": "...",
               "model_id": "..."},
     "window": {"first_n": 2} | {"every_k": 3} | {"probability": 0.5, "seed": 7},
     "action": {"type": "status", "status": 429, "headers": {"retry-after-ms": "10"}, "body": {...}}
             | {"type": "delay", "delay_s": 0.2}
             | {"type": "drop", "partial_body": "{\\"req"}
             | {"type": "accept_then_drop"}
             | {"type": "future", "try_again_count": 2, "queue_state": "paused_capacity",
                "queue_state_reason": "...", "complete_delay_s": 0.5,
                "fail_with": {"error": "boom", "category": "user"}}}
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

FAIL_CATEGORIES = ("user", "server", "unknown")
DEFAULT_PARTIAL_BODY = b'{"request_id": "'


def _glob_matches(pattern: str | None, value: str | None, *, fold_case: bool = False) -> bool:
    if pattern is None:
        return True
    if value is None:
        return False
    if fold_case:
        return fnmatchcase(value.upper(), pattern.upper())
    return fnmatchcase(value, pattern)


@dataclass(frozen=True)
class FaultMatch:
    """Which requests a rule applies to; every field is a glob and ``None`` matches anything."""

    method: str | None = None
    route: str | None = None
    request_type: str | None = None
    model_id: str | None = None

    def matches_request(self, method: str, path: str, request_type: str | None) -> bool:
        """Everything except the model id (which may need the body to be read)."""
        return (
            _glob_matches(self.method, method, fold_case=True)
            and _glob_matches(self.route, path)
            and _glob_matches(self.request_type, request_type)
        )

    def matches_model(self, model_id: str | None) -> bool:
        return _glob_matches(self.model_id, model_id)


@dataclass(frozen=True)
class FaultWindow:
    """Which of the matching requests fire (all given conditions must hold; none = every one).

    The k-th matching request fires when ``k <= first_n``, ``k % every_k == 0`` and a draw from
    ``random.Random(seed)`` is below ``probability``: the same request order gives the same faults.
    """

    first_n: int | None = None
    every_k: int | None = None
    probability: float | None = None
    seed: int = 0

    def __post_init__(self) -> None:
        if self.first_n is not None and self.first_n < 1:
            raise ValueError(f"window.first_n: must be at least 1, got {self.first_n}")
        if self.every_k is not None and self.every_k < 1:
            raise ValueError(f"window.every_k: must be at least 1, got {self.every_k}")
        if self.probability is not None and not 0.0 <= self.probability <= 1.0:
            raise ValueError(f"window.probability: must be within [0, 1], got {self.probability}")


class WindowCounter:
    """The mutable side of a window: how many requests matched, and the seeded generator."""

    def __init__(self, window: FaultWindow) -> None:
        self._window = window
        self._rng = random.Random(window.seed)
        self.matched = 0
        self.fired = 0

    def next_fires(self) -> bool:
        window = self._window
        self.matched += 1
        fires = window.first_n is None or self.matched <= window.first_n
        if window.every_k is not None:
            fires = fires and self.matched % window.every_k == 0
        if window.probability is not None:
            # Drawn for every matching request, so draw k always belongs to request k.
            fires = self._rng.random() < window.probability and fires
        if fires:
            self.fired += 1
        return fires


@dataclass(frozen=True)
class StatusAction:
    """Answer with this status (after ``delay_s``) instead of handling the request."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None  # JSON value; None -> {"detail": "injected fault ..."}
    delay_s: float = 0.0

    def __post_init__(self) -> None:
        if isinstance(self.status, bool) or not isinstance(self.status, int) or not 400 <= self.status <= 599:
            raise ValueError(f"action.status: must be an HTTP error status 400-599, got {self.status!r}")
        _check_delay("action.delay_s", self.delay_s)


@dataclass(frozen=True)
class DelayAction:
    """Wait ``delay_s`` seconds, then handle the request normally."""

    delay_s: float

    def __post_init__(self) -> None:
        _check_delay("action.delay_s", self.delay_s)


@dataclass(frozen=True)
class DropAction:
    """Send 200 headers and a partial body, then close: the client sees a truncated response."""

    partial_body: bytes = DEFAULT_PARTIAL_BODY
    delay_s: float = 0.0

    def __post_init__(self) -> None:
        _check_delay("action.delay_s", self.delay_s)


@dataclass(frozen=True)
class AcceptThenDropAction:
    """Handle the request for real, then truncate its response (the work is done, the reply lost)."""


@dataclass(frozen=True)
class FutureFault:
    """How the future of a matching request misbehaves (applied by the server core).

    ``try_again_count`` polls answer ``try_again`` with ``queue_state`` / ``queue_state_reason``
    (and ``retry_after_ms`` when set: how long the SDK should wait before polling again);
    completion is held back ``complete_delay_s``; ``fail_with`` = (error message, category)
    completes the future with that error instead of the result.
    """

    try_again_count: int = 0
    queue_state: str = "active"
    queue_state_reason: str | None = None
    complete_delay_s: float = 0.0
    fail_with: tuple[str, str] | None = None
    retry_after_ms: int | None = None

    def __post_init__(self) -> None:
        if self.try_again_count < 0:
            raise ValueError(f"action.try_again_count: must be at least 0, got {self.try_again_count}")
        if self.retry_after_ms is not None and self.retry_after_ms < 0:
            raise ValueError(f"action.retry_after_ms: must be at least 0, got {self.retry_after_ms}")
        if not self.queue_state:
            raise ValueError("action.queue_state: must not be empty")
        _check_delay("action.complete_delay_s", self.complete_delay_s)
        if self.fail_with is not None and self.fail_with[1] not in FAIL_CATEGORIES:
            raise ValueError(f"action.fail_with.category: must be one of {', '.join(FAIL_CATEGORIES)}")


RequestAction = StatusAction | DelayAction | DropAction | AcceptThenDropAction
FaultAction = RequestAction | FutureFault


@dataclass(frozen=True)
class RequestFault:
    """The fault chosen for one request: which rule fired and what to do."""

    rule_id: str
    action: RequestAction


def _check_delay(name: str, value: float) -> None:
    if value < 0:
        raise ValueError(f"{name}: must not be negative, got {value}")


@dataclass(frozen=True)
class FaultRule:
    action: FaultAction
    match: FaultMatch = FaultMatch()
    window: FaultWindow = FaultWindow()

    def __post_init__(self) -> None:
        if isinstance(self.action, FutureFault) and (self.match.method or self.match.route):
            raise ValueError("match: future faults match on request_type and model_id only")

    @property
    def is_future_rule(self) -> bool:
        return isinstance(self.action, FutureFault)

    @classmethod
    def from_json(cls, spec: Any) -> FaultRule:
        """Build a rule from the admin route's JSON; ValueError names the bad field."""
        spec = _object(spec, "rule")
        _only_keys(spec, "rule", {"match", "window", "action"})
        if "action" not in spec:
            raise ValueError("action: required")
        match = _object(spec.get("match", {}), "match")
        _only_keys(match, "match", {"method", "route", "request_type", "model_id"})
        window = _object(spec.get("window", {}), "window")
        _only_keys(window, "window", {"first_n", "every_k", "probability", "seed"})
        return cls(
            action=_action_from_json(_object(spec["action"], "action")),
            match=FaultMatch(**{key: _typed(match, "match", key, str) for key in match}),
            window=FaultWindow(
                first_n=_typed(window, "window", "first_n", int),
                every_k=_typed(window, "window", "every_k", int),
                probability=_typed(window, "window", "probability", float),
                seed=_typed(window, "window", "seed", int) or 0,
            ),
        )


def _object(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{name}: must be a JSON object")
    return value


def _only_keys(value: dict[str, Any], name: str, allowed: set[str]) -> None:
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise ValueError(
            f"{name}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
        )


def _typed(value: dict[str, Any], name: str, key: str, kind: type) -> Any:
    item = value.get(key)
    if item is None:
        return None
    if kind is float and isinstance(item, int) and not isinstance(item, bool):
        return float(item)
    if isinstance(item, bool) or not isinstance(item, kind):
        raise ValueError(f"{name}.{key}: must be of type {kind.__name__}, got {item!r}")
    return item


def _action_from_json(action: dict[str, Any]) -> FaultAction:
    kind = action.get("type")
    delay = _typed(action, "action", "delay_s", float) or 0.0
    if kind == "status":
        _only_keys(action, "action", {"type", "status", "headers", "body", "delay_s"})
        headers = _object(action.get("headers") or {}, "action.headers")
        return StatusAction(
            status=_typed(action, "action", "status", int),
            headers={str(k): _typed(headers, "action.headers", k, str) for k in headers},
            body=action.get("body"),
            delay_s=delay,
        )
    if kind == "delay":
        _only_keys(action, "action", {"type", "delay_s"})
        return DelayAction(delay_s=delay)
    if kind == "drop":
        _only_keys(action, "action", {"type", "partial_body", "delay_s"})
        partial = _typed(action, "action", "partial_body", str)
        return DropAction(
            partial_body=DEFAULT_PARTIAL_BODY if partial is None else partial.encode(), delay_s=delay
        )
    if kind == "accept_then_drop":
        _only_keys(action, "action", {"type"})
        return AcceptThenDropAction()
    if kind == "future":
        keys = {
            "type",
            "try_again_count",
            "queue_state",
            "queue_state_reason",
            "retry_after_ms",
            "complete_delay_s",
            "fail_with",
        }
        _only_keys(action, "action", keys)
        fail_with = None
        if action.get("fail_with") is not None:
            failure = _object(action["fail_with"], "action.fail_with")
            _only_keys(failure, "action.fail_with", {"error", "category"})
            fail_with = (
                _typed(failure, "action.fail_with", "error", str) or "injected failure",
                _typed(failure, "action.fail_with", "category", str) or "server",
            )
        return FutureFault(
            try_again_count=_typed(action, "action", "try_again_count", int) or 0,
            queue_state=_typed(action, "action", "queue_state", str) or "active",
            queue_state_reason=_typed(action, "action", "queue_state_reason", str),
            retry_after_ms=_typed(action, "action", "retry_after_ms", int),
            complete_delay_s=_typed(action, "action", "complete_delay_s", float) or 0.0,
            fail_with=fail_with,
        )
    raise ValueError(
        f"action.type: must be one of status, delay, drop, accept_then_drop, future; got {kind!r}"
    )
