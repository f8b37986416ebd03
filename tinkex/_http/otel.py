"""W3C trace-context propagation (``TINKEX_OTEL_PROPAGATE``): when on, each request carries
the caller's current OpenTelemetry context (``traceparent`` / ``tracestate``) so server
spans join the caller's trace. OpenTelemetry is optional; without it nothing is added and
one warning says why.
"""

from __future__ import annotations

import importlib
import logging
from functools import cache
from typing import Any

_log = logging.getLogger("tinkex.http")


@cache
def _propagate_module() -> Any:
    try:
        return importlib.import_module("opentelemetry.propagate")
    except ImportError:
        _log.warning(
            "otel_propagate is on but the 'opentelemetry-api' package is not installed; no trace headers sent"
        )
        return None


def trace_context_headers() -> dict[str, str]:
    module = _propagate_module()
    if module is None:
        return {}
    carrier: dict[str, str] = {}
    module.inject(carrier)
    return carrier
