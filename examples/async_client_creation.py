"""Create several sampling clients concurrently with asyncio, then sample from all of them.

Every call returns an ``APIFuture`` at once, and an ``APIFuture`` can be awaited, so an
asyncio program can create clients and sample in parallel with ``asyncio.gather`` (the
``_async`` twins are deprecated, as in the official SDK): here one sampling client per
temperature, created together, then one request to each, also together.
Feature EX-11.

    python examples/async_client_creation.py [--clients 3] [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from contextlib import ExitStack

from _local import BOS, open_service_client, text_of

import tinkex as tinker
from tinkex import types


async def create_and_sample(service: tinker.ServiceClient, model: str, temperatures: list[float]) -> None:
    started = time.perf_counter()
    samplers = await asyncio.gather(*(service.create_sampling_client(base_model=model) for _ in temperatures))
    print(f"created {len(samplers)} sampling clients in {time.perf_counter() - started:.2f} s")
    print(f"distinct sampling sessions: {len({s.sampling_session_id for s in samplers})}")

    prompt = types.ModelInput.from_ints([BOS, *b"Once upon a time"])
    responses = await asyncio.gather(
        *(
            sampler.sample(prompt, 1, types.SamplingParams(max_tokens=12, temperature=temperature, seed=1))
            for sampler, temperature in zip(samplers, temperatures, strict=True)
        )
    )
    for temperature, response in zip(temperatures, responses, strict=True):
        print(f"temperature {temperature:.1f}: {text_of(list(response.sequences[0].tokens))!r}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--clients", type=int, default=3)
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        temperatures = [round(0.5 * i, 1) for i in range(args.clients)]
        asyncio.run(create_and_sample(service, args.model, temperatures))


if __name__ == "__main__":
    main()
