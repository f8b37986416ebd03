"""``tinkex run sample`` (and bare ``tinkex run`` with options): sample from a model or a saved
sampler checkpoint (features CLI-05, §5.6).

Text prompts are encoded with the model's tokenizer exactly as given (no special tokens
added); a prompt file holding a JSON int array or ``{"tokens": [...]}`` is sent as tokens.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tinkex.cli._click import CliError
from tinkex.cli.options import ApiOptions, current_format
from tinkex.cli.output import note
from tinkex.cli.session import describe_error, is_user_error, service_client

if TYPE_CHECKING:
    from tinkex.types import SampleResponse

F = TypeVar("F", bound=Callable[..., Any])
USER_PREFIX = "Sampling failed. Please check your inputs: "
TRANSIENT_PREFIX = "Sampling failed due to server or transient error. Consider retrying: "


@dataclass(frozen=True)
class SampleRequest:
    base_model: str | None
    model_path: str | None
    prompt: str | None
    prompt_file: Path | None
    num_samples: int
    max_tokens: int | None
    temperature: float
    top_k: int
    top_p: float
    stop: tuple[str, ...]
    seed: int | None
    output: Path | None
    as_json: bool

    @property
    def given(self) -> bool:
        return any(v is not None for v in (self.base_model, self.model_path, self.prompt, self.prompt_file))


def sample_options(func: F) -> F:
    """The sampling flags; the callback gets ``request=SampleRequest``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        names = [name for name in SampleRequest.__dataclass_fields__]
        request = SampleRequest(**{name: kwargs.pop(name) for name in names})
        return func(*args, request=request, **kwargs)

    options = [
        click.option("--base-model", default=None, help="Base model to sample from."),
        click.option("--model-path", default=None, help="tinker:// sampler checkpoint to sample from."),
        click.option("--prompt", default=None, help="Prompt text (encoded with the model's tokenizer)."),
        click.option(
            "--prompt-file",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help='File with the prompt: a JSON int array or {"tokens": [...]} is used as tokens, anything else as text.',
        ),
        click.option(
            "--num-samples", type=click.IntRange(min=1), default=1, show_default=True, help="Samples to draw."
        ),
        click.option(
            "--max-tokens", type=click.IntRange(min=1), default=None, help="Tokens to generate per sample."
        ),
        click.option(
            "--temperature",
            type=click.FloatRange(min=0.0),
            default=1.0,
            show_default=True,
            help="Sampling temperature (0 = greedy).",
        ),
        click.option(
            "--top-k",
            type=int,
            default=-1,
            show_default=True,
            help="Keep the k most likely tokens (-1 = all).",
        ),
        click.option(
            "--top-p",
            type=click.FloatRange(min=0.0, max=1.0, min_open=True),
            default=1.0,
            show_default=True,
            help="Nucleus sampling mass.",
        ),
        click.option("--stop", multiple=True, help="Stop string (repeatable)."),
        click.option("--seed", type=int, default=None, help="Random seed for reproducible samples."),
        click.option(
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Write the result to this file instead of stdout (parent folders are created).",
        ),
        click.option(
            "--json", "as_json", is_flag=True, help="Print the full response as JSON (tokens, logprobs)."
        ),
    ]
    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return decorated


def _read_prompt(request: SampleRequest) -> str | list[int]:
    if request.prompt is not None and request.prompt_file is not None:
        raise CliError("--prompt and --prompt-file cannot both be provided")
    if request.prompt is not None:
        return request.prompt
    if request.prompt_file is None:
        raise CliError("Missing prompt. Provide --prompt or --prompt-file")
    try:
        text = request.prompt_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(f"Failed to read prompt file {request.prompt_file}: {error}") from error
    tokens = _tokens_in(text)
    return tokens if tokens is not None else text


def _tokens_in(text: str) -> list[int] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, dict):
        data = data.get("tokens")
    if isinstance(data, list) and all(isinstance(t, int) and not isinstance(t, bool) for t in data):
        return list(data)
    return None


def run_sample(request: SampleRequest, api: ApiOptions) -> None:
    if request.base_model is None and request.model_path is None:
        raise CliError("Missing --base-model (or --model-path)")
    prompt = _read_prompt(request)
    try:
        response, tokenizer = _sample(request, api, prompt)
    except CliError:
        raise
    except Exception as error:
        prefix = USER_PREFIX if is_user_error(error) else TRANSIENT_PREFIX
        raise CliError(prefix + describe_error(error)) from error
    # --json, else the format given before the command (`tinkex -f json run sample ...`).
    as_json = current_format(as_json=request.as_json) == "json"
    text = (
        json.dumps(response_json(response, tokenizer), indent=2)
        if as_json
        else plain_text(response, tokenizer)
    )
    if request.output is None:
        click.echo(text)
        return
    try:
        request.output.parent.mkdir(parents=True, exist_ok=True)
        request.output.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise CliError(f"Failed to write {request.output}: {error}") from error


def _sample(request: SampleRequest, api: ApiOptions, prompt: str | list[int]) -> tuple[SampleResponse, Any]:
    from tinkex.cli.text_codec import tokenizer_for
    from tinkex.types import ModelInput, SamplingParams

    params = SamplingParams(
        max_tokens=request.max_tokens,
        seed=request.seed,
        stop=list(request.stop) or None,
        temperature=request.temperature,
        top_k=request.top_k,
        top_p=request.top_p,
    )
    with service_client(api) as service:
        sampler = service.create_sampling_client(
            model_path=request.model_path, base_model=request.base_model
        ).result(timeout=api.timeout_s)
        tokenizer = tokenizer_for(sampler)
        tokens = (
            prompt if isinstance(prompt, list) else list(tokenizer.encode(prompt, add_special_tokens=False))
        )
        if not tokens:
            raise CliError(USER_PREFIX + "the prompt is empty")
        note("Starting sampling...")
        response = sampler.sample(
            ModelInput.from_ints(tokens),
            num_samples=request.num_samples,
            sampling_params=params,
            include_prompt_logprobs=False,
            topk_prompt_logprobs=0,
        ).result(timeout=api.timeout_s)
    note(f"Sampling complete ({len(response.sequences)} sequences)")
    return response, tokenizer


def decode(tokenizer: Any, tokens: list[int]) -> str:
    try:
        return str(tokenizer.decode(tokens, skip_special_tokens=True))
    except Exception as error:  # a bad id must not lose the other samples
        return f"[decode error: {error}]"


def plain_text(response: SampleResponse, tokenizer: Any) -> str:
    """The samples for a terminal (control bytes escaped; JSON output escapes them itself)."""
    from tinkex.cli.text_codec import escape_controls

    blocks = []
    for index, sequence in enumerate(response.sequences, start=1):
        meta = [f"stop_reason={sequence.stop_reason}"] if sequence.stop_reason else []
        logprobs = sequence.logprobs
        if logprobs:
            meta.append(f"avg_logprob={round(sum(logprobs) / len(logprobs), 3)}")
        lines = [f"Sample {index}:", escape_controls(decode(tokenizer, sequence.tokens))]
        if meta:
            lines.append(" | ".join(meta))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def response_json(response: SampleResponse, tokenizer: Any) -> dict[str, Any]:
    topk = response.topk_prompt_logprobs
    return {
        "sequences": [
            {
                "tokens": sequence.tokens,
                "logprobs": sequence.logprobs,
                "stop_reason": sequence.stop_reason,
                "text": decode(tokenizer, sequence.tokens),
            }
            for sequence in response.sequences
        ],
        "prompt_logprobs": response.prompt_logprobs,
        "topk_prompt_logprobs": None
        if topk is None
        else [None if row is None else [list(p) for p in row] for row in topk],
        "type": "sample",
    }
