"""HTTP retries seen through telemetry events, and capturing a fatal error when they run out.

1. Makes the local server answer the next two ``forward_backward`` requests with a 500 (its
   test-only fault injection), then runs one: tinkex retries with jittered exponential
   backoff, and every attempt's telemetry event (``tinkex.http.request.stop``) shows its
   status and how many retries came before it.
2. Makes every ``forward_backward`` fail and uses a client with ``max_retries=1``: the call raises
   ``InternalServerError`` once the retries are spent. The error is captured: logged to the
   session's telemetry reporter as fatal, which also sends SESSION_END and flushes.

Needs tinkex's local server (started here when TINKER_BASE_URL is unset, or one started with
``--enable-test-hooks``). Feature EX-17.

    python examples/retry_and_capture.py [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import asyncio
from contextlib import ExitStack
from typing import Any

from _local import BOS, EOS, local_fault, open_service_client

import tinkex as tinker
from tinkex import telemetry, types


def train_once(training: Any) -> float:
    tokens = [BOS, *b"retry", EOS]
    datum = types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )
    return float(training.forward_backward([datum], "cross_entropy").result().loss)


def fail_training(times: int) -> dict[str, Any]:
    return {
        # Matched by route: the body is protobuf, which the fault matcher does not parse.
        "match": {"method": "POST", "route": "/api/v1/forward_backward"},
        "window": {"first_n": times},
        "action": {"type": "status", "status": 500, "body": {"detail": "injected outage"}},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    args = parser.parse_args()

    def on_stop(_name: Any, _measurements: Any, metadata: Any) -> None:
        if metadata.get("path") == "/api/v1/forward_backward":
            print(
                f"  event: POST /api/v1/forward_backward -> {metadata.get('status')} "
                f"({metadata.get('result')}, after {metadata.get('retry_count')} retries)"
            )

    handler = telemetry.subscribe(telemetry.HTTP_REQUEST_STOP, on_stop)
    try:
        with ExitStack() as stack:
            service = open_service_client(stack, args.model, fault_hooks=True)
            training = service.create_lora_training_client(base_model=args.model, rank=4).result()
            print("1) two injected 500s, then success:")
            with local_fault(service.config.base_url, fail_training(2)):
                print(f"forward_backward succeeded: loss {train_once(training):.4f}")

            print("2) a lasting outage and max_retries=1:")
            strict = stack.enter_context(
                tinker.ServiceClient(
                    base_url=service.config.base_url,
                    api_key=service.config.api_key,
                    max_retries=1,
                    telemetry_enabled=True,
                )
            )
            fragile = strict.create_lora_training_client(base_model=args.model, rank=4).result()
            with local_fault(service.config.base_url, fail_training(100)):
                try:
                    train_once(fragile)
                except tinker.InternalServerError as error:
                    print(f"gave up: {type(error).__name__} (status {error.status_code})")
                    reporter = strict.get_telemetry()
                    captured = asyncio.run(reporter.log_fatal_exception(error, "CRITICAL"))
                    print(f"captured as fatal in telemetry: {captured}; SESSION_END sent and flushed")
    finally:
        telemetry.unsubscribe(handler)


if __name__ == "__main__":
    main()
