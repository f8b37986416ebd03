"""Telemetry: the session's reporter, custom events, exceptions, the event bus, flush and stop.

1. Every ``ServiceClient`` session (started by its first client) has a ``TelemetryReporter`` (``get_telemetry()``) that
   batches events and sends them to the server's ``/api/v1/telemetry``; it is ``None`` when
   telemetry is off (``TINKER_TELEMETRY=0``).
2. Custom events (``log``), including data about a prompt, and caught exceptions
   (``log_exception``) join the queue.
3. The in-process event bus (``tinkex.telemetry.subscribe``) shows every HTTP request as it
   finishes; that is what the metrics registry counts, too.
4. ``flush()`` sends what is queued now; closing the client queues SESSION_END, drains the
   queue (bounded) and stops the reporter.

Features EX-15 and EX-16.

    python examples/telemetry_reporter.py [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from contextlib import ExitStack
from typing import Any

from _local import BOS, open_service_client

from tinkex import telemetry, types
from tinkex.telemetry import Severity


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    args = parser.parse_args()

    requests: Counter[str] = Counter()

    def on_request(_name: Any, _measurements: Any, metadata: Any) -> None:
        requests[f"{metadata.get('method')} {metadata.get('path')} -> {metadata.get('result')}"] += 1

    handler = telemetry.subscribe(telemetry.HTTP_REQUEST_STOP, on_request)
    try:
        with ExitStack() as stack:
            service = open_service_client(stack, args.model, telemetry_enabled=True)
            # The session (and its reporter) starts with the first client the service creates.
            sampler = service.create_sampling_client(base_model=args.model).result()
            reporter = service.get_telemetry()
            print(f"reporter enabled: {reporter.enabled}, session {reporter.session_id}")
            prompt = types.ModelInput.from_ints([BOS, *b"Telemetry demo"])
            accepted = [
                reporter.log("example.sample_started", {"prompt_tokens": list(prompt.chunks[0].tokens[:4])})
            ]
            response = sampler.sample(prompt, 1, types.SamplingParams(max_tokens=6)).result()
            accepted.append(
                reporter.log(
                    "example.sample_finished",
                    {"tokens": len(response.sequences[0].tokens)},
                    severity=Severity.INFO,
                )
            )
            try:
                raise ValueError("a handled error, reported for the record")
            except ValueError as error:
                accepted.append(reporter.log_exception(error, Severity.WARNING))

            print(f"events accepted: {sum(accepted)} of {len(accepted)}")
            sent = asyncio.run(reporter.flush())
            print(f"flushed: {sent}, queued after flush: {reporter.pending_count}")
        print("client closed: SESSION_END sent and the reporter stopped")
    finally:
        telemetry.unsubscribe(handler)
    for line, count in sorted(requests.items()):
        print(f"bus: {count} x {line}")


if __name__ == "__main__":
    main()
