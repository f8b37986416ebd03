"""Multimodal input, resuming with optimizer state, and cleaning up checkpoints.

1. Builds an image + text prompt: an ``ImageChunk`` needs ``expected_tokens`` (how many
   tokens the server's vision encoder turns it into) so the input's length is known before
   sending. The image is a tiny PNG embedded below.
2. Looks for a vision model in the server's capabilities (``--vision-model`` or
   TINKER_BASE_MODEL overrides) and samples from it; the local server has none, so this step
   says so and is skipped.
3. Resumes training with optimizer state from TINKER_CHECKPOINT_PATH, or from the path
   cached in ``tmp/checkpoints/default.path`` by an earlier run; with neither, it trains a
   step, saves a state and caches its path, so the next run resumes from it.
4. Prints the CLI command that deletes the checkpoints this example made.

Feature EX-22.

    python examples/multimodal_resume_and_cleanup.py [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import base64
import os
from contextlib import ExitStack
from pathlib import Path

from _local import BOS, EOS, open_rest_client, open_service_client

import tinkex as tinker
from tinkex import types

# A 1x1 PNG: enough to show the payload; a real prompt would carry a real picture.
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
CACHE = Path("tmp/checkpoints/default.path")


def image_prompt(question: bytes, image_tokens: int) -> types.ModelInput:
    return types.ModelInput(
        chunks=[
            types.EncodedTextChunk(tokens=[BOS]),
            types.ImageChunk(data=TINY_PNG, format="png", expected_tokens=image_tokens),
            types.EncodedTextChunk(tokens=list(question)),
        ]
    )


def pick_vision_model(rest: tinker.RestClient, requested: str | None) -> str | None:
    if requested:
        return requested
    names = [m.model_name or "" for m in rest.get_server_capabilities().result().supported_models]
    return next((n for n in names if "-vl" in n.lower() or "vision" in n.lower()), None)


def phrase_datum(text: str) -> types.Datum:
    tokens = [BOS, *text.encode("utf-8"), EOS]
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--vision-model", default=os.environ.get("TINKER_BASE_MODEL"))
    parser.add_argument("--image-tokens", type=int, default=16)
    args = parser.parse_args()

    prompt = image_prompt(b" What is in this picture?", args.image_tokens)
    kinds = [chunk.type for chunk in prompt.chunks]
    print(f"multimodal prompt: chunks {kinds}, length {prompt.length} tokens, png {len(TINY_PNG)} bytes")

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        vision = pick_vision_model(open_rest_client(stack, service), args.vision_model)
        if vision is None:
            print("no vision model on this server: skipping the image sample")
        else:
            sampler = service.create_sampling_client(base_model=vision).result()
            sequence = sampler.sample(prompt, 1, types.SamplingParams(max_tokens=24)).result().sequences[0]
            print(f"{vision} answered with {len(sequence.tokens)} tokens")

        made: list[str] = []
        source = os.environ.get("TINKER_CHECKPOINT_PATH") or (
            CACHE.read_text().strip() if CACHE.is_file() else ""
        )
        if not source:
            first = service.create_lora_training_client(base_model=args.model, rank=4, seed=0).result()
            first.forward_backward([phrase_datum("resume me")], "cross_entropy").result()
            first.optim_step(types.AdamParams(learning_rate=1e-3)).result()
            source = first.save_state("multimodal-example").result().path
            made.append(source)
            CACHE.parent.mkdir(parents=True, exist_ok=True)
            CACHE.write_text(source + "\n")
            print(f"saved a state to resume from and cached its path in {CACHE}")
        print(f"resuming with optimizer state from {source}")
        resumed = service.create_training_client_from_state_with_optimizer(source).result()
        loss = resumed.forward_backward([phrase_datum("resume me")], "cross_entropy").result().loss
        resumed.optim_step(types.AdamParams(learning_rate=1e-3)).result()
        made.append(resumed.save_state("multimodal-example-resumed").result().path)
        print(f"resumed training step: loss {loss:.4f}")

        print("clean up these checkpoints with one CLI call:")
        print("  tinkex checkpoint delete " + " ".join(made) + " --yes")


if __name__ == "__main__":
    main()
