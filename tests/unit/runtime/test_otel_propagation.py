"""TINKEX_OTEL_PROPAGATE: requests carry the caller's W3C trace context (LATER row: OTel propagation)."""

from __future__ import annotations

import asyncio

import httpx
import respx
from opentelemetry import context, trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags
from tinker_openapi.api.service import healthz

from tinkex._config.env import EnvSnapshot
from tinkex._http.calls import ApiClient, call
from tinkex._http.options import CallOptions
from tinkex.config import resolve_config

TRACE_ID = 0x0AF7651916CD43DD8448EB211C80319C
SPAN_ID = 0x00F067AA0BA902B7


def _send(propagate: bool) -> httpx.Request:
    config = resolve_config(
        env=EnvSnapshot.read({}),
        api_key="tml-otel-test",
        base_url="http://otel.test",
        otel_propagate=propagate,
        transport="httpx",  # respx intercepts httpx's own pool
    )
    client = ApiClient(config)
    span = NonRecordingSpan(SpanContext(TRACE_ID, SPAN_ID, is_remote=False, trace_flags=TraceFlags(1)))
    token = context.attach(trace.set_span_in_context(span))
    try:
        with respx.mock(assert_all_called=True) as mock:
            route = mock.get("http://otel.test/api/v1/healthz").respond(200, json={"status": "ok"})
            asyncio.run(call(client, healthz, CallOptions(max_retries=0)))
            return route.calls.last.request
    finally:
        context.detach(token)


def test_trace_context_is_sent_when_enabled() -> None:
    request = _send(True)
    assert request.headers["traceparent"] == f"00-{TRACE_ID:032x}-{SPAN_ID:016x}-01"


def test_no_trace_headers_by_default() -> None:
    assert "traceparent" not in _send(False).headers
