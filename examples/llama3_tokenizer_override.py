"""The Llama-3 tokenizer override: which tokenizer a model gets, and how to choose another.

1. Samples from a model and decodes the tokens with the client's own tokenizer
   (``get_tokenizer()``; the local byte models use a tokenizer bundled with tinkex).
2. Shows how tinkex picks tokenizers: the server's ``tokenizer_id`` wins; Llama-3 models get
   the Llama-3 override (``tinkex.tokenizer.LLAMA3_TOKENIZER`` unless ``tokenizer_override`` /
   ``TINKEX_TOKENIZER_OVERRIDE`` says otherwise); ``org/model/variant`` drops the variant.
3. Sets the override and encodes and decodes with it. The override is any id or directory
   that ``transformers.AutoTokenizer`` can load. Offline (the default here) it is a directory
   on disk: the byte tokenizer bundled with tinkex stands in for a Llama-3 tokenizer you
   saved earlier; pass ``--llama3-tokenizer <hub id or directory>`` to use a real one.

Feature EX-21.

    python examples/llama3_tokenizer_override.py [--llama3-tokenizer DIR] [--model local/byte-small]
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack

from _local import BOS, open_service_client

from tinkex import tokenizer, types

TEXT = "Tokenizers turn text into ids."


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument(
        "--llama3-tokenizer",
        default=str(tokenizer.BUNDLED_TOKENIZERS[tokenizer.LOCAL_BYTE_TOKENIZER]),
        help="tokenizer id or directory to use for Llama-3 models (default: a bundled stand-in)",
    )
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model, tokenizer_override=args.llama3_tokenizer)
        sampler = service.create_sampling_client(base_model=args.model).result()
        own = sampler.get_tokenizer()
        prompt = types.ModelInput.from_ints(
            [BOS, *tokenizer.encode("Hello", tokenizer=own, add_special_tokens=False)]
        )
        sequence = (
            sampler.sample(prompt, 1, types.SamplingParams(max_tokens=10, seed=3)).result().sequences[0]
        )
        print(f"sampled with {args.model}: {tokenizer.decode(list(sequence.tokens), tokenizer=own)!r}")

        for name in ("meta-llama/Llama-3.1-8B", "Qwen/Qwen3-8B", "org/model/variant", args.model):
            print(f"tokenizer for {name}: {tokenizer.get_tokenizer_id(name)}")
        override = service.config.tokenizer_override
        print(f"built-in Llama-3 tokenizer: {tokenizer.LLAMA3_TOKENIZER}")
        print(f"override in this client's config: {override}")

        llama3_id = tokenizer.get_tokenizer_id("meta-llama/Llama-3.1-8B", llama3_tokenizer=override)
        llama3 = tokenizer.load_tokenizer(llama3_id)
        ids = tokenizer.encode(TEXT, tokenizer=llama3, add_special_tokens=False)
        decoded = tokenizer.decode(ids, tokenizer=llama3)
        print(
            f"override encodes {TEXT!r} as {len(ids)} ids; round trip {'ok' if decoded == TEXT else 'FAILED'}"
        )
        print(f"the same setting from the environment: TINKEX_TOKENIZER_OVERRIDE={override}")


if __name__ == "__main__":
    main()
