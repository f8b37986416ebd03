"""Test-only fault injection for the local server: the rule registry, its counters, admin routes.

Request faults are applied by ``FaultMiddleware`` (``faults_middleware.py``); future faults are
asked for by the server core through ``FaultInjector.on_future``. Rules are checked in the order
they were added; the first rule whose match and window both pass applies, and a rule's window
counts only the requests that reached it (no earlier rule applied). The admin routes are mounted
only when the server runs with ``--enable-test-hooks``.
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
from collections import Counter, deque
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tinkex.server.faults_middleware import FaultMiddleware, json_model_id
from tinkex.server.faults_rules import (
    AcceptThenDropAction,
    DelayAction,
    DropAction,
    FaultAction,
    FaultMatch,
    FaultRule,
    FaultWindow,
    FutureFault,
    RequestAction,
    RequestFault,
    StatusAction,
    WindowCounter,
)
from tinkex.server.storage_staging import SAVE_STEPS
from tinkex.server.validation import ApiError, parse_json_object

__all__ = [
    "AcceptThenDropAction",
    "DelayAction",
    "DropAction",
    "FaultAction",
    "FaultInjector",
    "FaultMatch",
    "FaultMiddleware",
    "FaultRule",
    "FaultWindow",
    "FutureFault",
    "RequestAction",
    "RequestFault",
    "StatusAction",
    "admin_routes",
    "json_model_id",
]


# Tests read telemetry bodies back; a bound keeps a long-running hooked server's memory flat.
MAX_TELEMETRY_PAYLOADS = 1000


class FaultInjector:
    """Thread-safe registry of fault rules plus per-route request and dedupe counters."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._rules: dict[str, tuple[FaultRule, WindowCounter]] = {}
        self._requests: Counter[str] = Counter()
        self._request_types: Counter[str] = Counter()
        self._dedupe_hits: Counter[str] = Counter()
        self._telemetry: deque[object] = deque(maxlen=MAX_TELEMETRY_PAYLOADS)
        self._crash_at: str | None = None

    def arm_crash(self, step: str | None) -> None:
        """Kill this process (as ``kill -9`` would) when the next checkpoint save reaches ``step``."""
        if step is not None and step not in SAVE_STEPS:
            raise ValueError(f"step: must be one of {', '.join(SAVE_STEPS)}, got {step!r}")
        with self._lock:
            self._crash_at = step

    def save_step(self, step: str) -> None:
        """Called by the checkpoint store between the steps of a save (the crash-safety tests' hook)."""
        with self._lock:
            armed = self._crash_at == step
        if armed:
            # SIGKILL where it exists; os._exit elsewhere. Neither runs cleanup code.
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
            os._exit(137)

    def add(self, rule: FaultRule) -> str:
        with self._lock:
            rule_id = f"fault-{next(self._ids)}"
            self._rules[rule_id] = (rule, WindowCounter(rule.window))
        return rule_id

    def remove(self, rule_id: str) -> bool:
        with self._lock:
            return self._rules.pop(rule_id, None) is not None

    def clear(self) -> int:
        """Remove every rule (counters stay); returns how many were removed."""
        with self._lock:
            count = len(self._rules)
            self._rules.clear()
            return count

    def reset(self) -> None:
        """Remove every rule and zero every counter."""
        with self._lock:
            self._rules.clear()
            self._requests.clear()
            self._request_types.clear()
            self._dedupe_hits.clear()
            self._telemetry.clear()

    def wants_model_id(self, method: str, path: str, request_type: str | None) -> bool:
        """Whether some request rule needs the model id (so the body must be read) to decide."""
        with self._lock:
            return any(
                not rule.is_future_rule
                and rule.match.model_id is not None
                and rule.match.matches_request(method, path, request_type)
                for rule, _ in self._rules.values()
            )

    def on_request(
        self, method: str, path: str, request_type: str | None, model_id: str | None
    ) -> RequestFault | None:
        with self._lock:
            for rule_id, (rule, counter) in self._rules.items():
                if isinstance(rule.action, FutureFault):
                    continue
                if not (
                    rule.match.matches_request(method, path, request_type)
                    and rule.match.matches_model(model_id)
                ):
                    continue
                if counter.next_fires():
                    return RequestFault(rule_id, rule.action)
        return None

    def on_future(self, request_type: str, model_id: str | None) -> FutureFault | None:
        """The future fault for a newly created future of ``request_type``, if a rule fires."""
        with self._lock:
            for rule, counter in self._rules.values():
                if not isinstance(rule.action, FutureFault):
                    continue
                match = rule.match
                if not (match.matches_request("", "", request_type) and match.matches_model(model_id)):
                    continue
                if counter.next_fires():
                    return rule.action
        return None

    def record(self, route_key: str, request_type: str | None = None) -> None:
        with self._lock:
            self._requests[route_key] += 1
            if request_type is not None:
                self._request_types[request_type] += 1

    def record_dedupe(self, request_type: str | None = None) -> None:
        """Count a request the server answered from its dedupe index instead of running it again."""
        with self._lock:
            self._dedupe_hits[request_type or "unknown"] += 1

    def record_telemetry(self, payload: object) -> None:
        """Keep a received ``POST /api/v1/telemetry`` body (the newest ``MAX_TELEMETRY_PAYLOADS``)."""
        with self._lock:
            self._telemetry.append(payload)

    def telemetry_payloads(self) -> list[Any]:
        """The telemetry bodies received since the last ``reset()``, oldest first."""
        with self._lock:
            return list(self._telemetry)

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": dict(self._requests),
                "request_types": dict(self._request_types),
                "dedupe_hits": sum(self._dedupe_hits.values()),
                "dedupe_hits_by_type": dict(self._dedupe_hits),
                "rules": [
                    {
                        "rule_id": rule_id,
                        "action": type(rule.action).__name__,
                        "matched": counter.matched,
                        "fired": counter.fired,
                    }
                    for rule_id, (rule, counter) in self._rules.items()
                ],
            }


def admin_routes(injector: FaultInjector) -> list[Route]:
    """``/_local/*`` routes; mount them only for ``--enable-test-hooks``."""

    async def add_fault(request: Request) -> Response:
        try:
            rule = FaultRule.from_json(parse_json_object(await request.body()))
        except ApiError as error:  # malformed JSON
            return JSONResponse({"detail": error.detail}, status_code=400)
        except ValueError as error:
            return JSONResponse({"detail": str(error)}, status_code=400)
        except TypeError as error:
            return JSONResponse({"detail": f"rule: {error}"}, status_code=400)
        return JSONResponse({"rule_id": injector.add(rule)})

    async def clear_faults(request: Request) -> Response:
        return JSONResponse({"cleared": injector.clear()})

    async def remove_fault(request: Request) -> Response:
        rule_id = str(request.path_params["rule_id"])
        if not injector.remove(rule_id):
            return JSONResponse({"detail": f"rule_id: no fault rule {rule_id!r}"}, status_code=404)
        return JSONResponse({"removed": rule_id})

    async def stats(request: Request) -> Response:
        return JSONResponse(injector.stats())

    async def reset(request: Request) -> Response:
        injector.reset()
        return JSONResponse({"reset": True})

    async def telemetry(request: Request) -> Response:
        return JSONResponse(injector.telemetry_payloads())

    async def crash_at(request: Request) -> Response:
        try:
            step = parse_json_object(await request.body()).get("step")
            injector.arm_crash(None if step is None else str(step))
        except (ApiError, ValueError) as error:
            return JSONResponse({"detail": str(error)}, status_code=400)
        return JSONResponse({"crash_at": step})

    return [
        Route("/_local/faults", add_fault, methods=["POST"]),
        Route("/_local/faults", clear_faults, methods=["DELETE"]),
        Route("/_local/faults/{rule_id}", remove_fault, methods=["DELETE"]),
        Route("/_local/stats", stats, methods=["GET"]),
        Route("/_local/reset", reset, methods=["POST"]),
        Route("/_local/crash_at", crash_at, methods=["POST"]),
        # The telemetry bodies received (POST /api/v1/telemetry), oldest first.
        Route("/_local/telemetry", telemetry, methods=["GET"]),
    ]
