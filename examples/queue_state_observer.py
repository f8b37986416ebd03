"""Queue states: the automatic "paused" warnings, and a custom observer.

While the service holds a request back (rate limit, capacity), polling its future answers
``try_again`` with a queue state. tinkex logs a warning about it (at most once a minute per
client) and calls every observer added with ``add_queue_state_observer``. Here the local
server's test-only fault injection holds the next sample request back for a few polls.
Feature EX-26.

    python examples/queue_state_observer.py [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import logging
from contextlib import ExitStack
from typing import Any

from _local import BOS, local_fault, open_service_client

from tinkex import types


class PrintingObserver:
    """Any object with ``on_queue_state_change(queue_state, queue_state_reason)`` works."""

    def on_queue_state_change(self, queue_state: Any, queue_state_reason: str | None = None) -> None:
        print(f"observer: queue state {queue_state.value!r}, reason {queue_state_reason!r}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--polls", type=int, default=3, help="how many polls answer try_again")
    args = parser.parse_args()
    logging.basicConfig(format="log %(levelname)s %(name)s: %(message)s", level=logging.WARNING)

    with ExitStack() as stack:
        service = open_service_client(stack, args.model, fault_hooks=True)
        sampler = service.create_sampling_client(base_model=args.model).result()
        remove = sampler.add_queue_state_observer(PrintingObserver())
        held_back = {
            "match": {"request_type": "sample"},
            "window": {"first_n": 1},
            "action": {"type": "future", "try_again_count": args.polls, "queue_state": "paused_rate_limit"},
        }
        with local_fault(service.config.base_url, held_back):
            prompt = types.ModelInput.from_ints([BOS, *b"Queue"])
            response = sampler.sample(prompt, 1, types.SamplingParams(max_tokens=4)).result()
        print(f"sample finished after the pause: {len(response.sequences[0].tokens)} tokens")
        remove()


if __name__ == "__main__":
    main()
