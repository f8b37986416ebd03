"""Sampling with log-probabilities: sampled-token logprobs, prompt logprobs, ``compute_logprobs``.

1. Lists the server's models (``get_server_capabilities``) and checks its health.
2. Samples a few continuations of a prompt; each sequence carries the log-probability of
   every token it sampled.
3. Asks for the prompt's logprobs in the same call (``include_prompt_logprobs=True``): one
   per prompt token, ``None`` for the first (nothing precedes it).
4. Scores prompt + sampled text with ``compute_logprobs`` and checks that the model gives the
   sampled tokens the logprobs the sampler reported (temperature 1 samples the model's own
   distribution). Features EX-01 (sampling basics) and EX-19 (capabilities, health, logprobs).

    python examples/sampling_with_logprobs.py [--prompt "Hello from Tinkex!"] [--model local/byte-small]
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack

from _local import BOS, open_rest_client, open_service_client, text_of

from tinkex import types


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--prompt", default="Hello from Tinkex!")
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--num-samples", type=int, default=3)
    parser.add_argument("--max-tokens", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        print(f"health: {service.health_check().status}")
        for model in open_rest_client(stack, service).get_server_capabilities().result().supported_models:
            print(f"model {model.model_name}  context {model.max_context_length}")

        sampler = service.create_sampling_client(base_model=args.model).result()
        prompt_tokens = [BOS, *args.prompt.encode("utf-8")]
        prompt = types.ModelInput.from_ints(prompt_tokens)
        params = types.SamplingParams(max_tokens=args.max_tokens, temperature=1.0, seed=args.seed)
        response = sampler.sample(prompt, args.num_samples, params, include_prompt_logprobs=True).result()

        prompt_logprobs = response.prompt_logprobs or []
        scored = [lp for lp in prompt_logprobs if lp is not None]
        print(f"prompt: {len(prompt_logprobs)} logprobs (first {prompt_logprobs[0]}), sum {sum(scored):.3f}")

        worst = 0.0
        for i, sequence in enumerate(response.sequences):
            tokens, logprobs = list(sequence.tokens), list(sequence.logprobs or [])
            print(
                f"sample {i}: {text_of(tokens)!r}  ({sequence.stop_reason}, sum logprob {sum(logprobs):.3f})"
            )
            # Score the same tokens as a prompt: the model's logprob of each sampled token.
            rescored = sampler.compute_logprobs(types.ModelInput.from_ints(prompt_tokens + tokens)).result()
            for sampled_lp, model_lp in zip(logprobs, rescored[len(prompt_tokens) :], strict=True):
                worst = max(worst, abs(sampled_lp - (model_lp or 0.0)))
        print(f"max |sampler logprob - compute_logprobs| = {worst:.2e}")


if __name__ == "__main__":
    main()
