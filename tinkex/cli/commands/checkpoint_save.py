"""``tinkex checkpoint save`` (and bare ``tinkex checkpoint`` with options): create a LoRA model
and save its sampler weights, recording what was saved in a JSON file (features CLI-04, §5.5)."""

from __future__ import annotations

import datetime as _dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from tinkex.cli._click import CliError
from tinkex.cli.options import ApiOptions
from tinkex.cli.output import echo
from tinkex.cli.session import describe_error, is_user_error, service_client

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_RANK = 32


@dataclass(frozen=True)
class SaveRequest:
    base_model: str | None
    model_path: str | None
    name: str | None
    output: Path | None
    rank: int
    seed: int | None
    train_mlp: bool
    train_attn: bool
    train_unembed: bool

    @property
    def given(self) -> bool:
        """Whether any save option was passed (a bare ``tinkex checkpoint`` shows help instead)."""
        return any(
            v is not None for v in (self.base_model, self.model_path, self.name, self.output, self.seed)
        )


def save_options(func: F) -> F:
    """The save-mode flags; the callback gets ``save=SaveRequest``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        fields = (
            "base_model",
            "model_path",
            "name",
            "output",
            "rank",
            "seed",
            "train_mlp",
            "train_attn",
            "train_unembed",
        )
        save = SaveRequest(**{name: kwargs.pop(name) for name in fields})
        return func(*args, save=save, **kwargs)

    options = [
        click.option("--base-model", default=None, help="Base model to create the LoRA model on."),
        click.option(
            "--model-path",
            default=None,
            help="tinker:// checkpoint to start from instead of a fresh LoRA model.",
        ),
        click.option(
            "--name",
            default=None,
            help='Sampler weights name (default: "checkpoint-<base model, lower-cased, / and : as ->").',
        ),
        click.option(
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Metadata JSON file to write (required; parent folders are created).",
        ),
        click.option(
            "--rank", type=click.IntRange(min=1), default=DEFAULT_RANK, show_default=True, help="LoRA rank."
        ),
        click.option("--seed", type=int, default=None, help="LoRA initialisation seed."),
        click.option(
            "--train-mlp/--no-train-mlp", default=True, show_default=True, help="Adapt the MLP layers."
        ),
        click.option(
            "--train-attn/--no-train-attn", default=True, show_default=True, help="Adapt attention."
        ),
        click.option(
            "--train-unembed/--no-train-unembed",
            default=True,
            show_default=True,
            help="Adapt the unembedding.",
        ),
    ]
    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return decorated


def default_name(base_model: str) -> str:
    return "checkpoint-" + base_model.lower().replace("/", "-").replace(":", "-")


def run_save(save: SaveRequest, api: ApiOptions) -> None:
    if save.base_model is None and save.model_path is None:
        raise CliError("Missing --base-model (or --model-path)")
    if save.output is None:
        raise CliError("--output is required for checkpoint command")
    try:
        record = _save(save, api)
        save.output.parent.mkdir(parents=True, exist_ok=True)
        save.output.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    except CliError:
        raise
    except Exception as error:
        if is_user_error(error) or isinstance(error, OSError):
            raise CliError(f"Checkpoint failed. Please check your inputs: {describe_error(error)}") from error
        raise CliError(
            f"Checkpoint failed due to server or transient error: {describe_error(error)}"
        ) from error
    echo(f"Checkpoint saved to {save.output}")


def _save(save: SaveRequest, api: ApiOptions) -> dict[str, Any]:
    with service_client(api) as service:
        if save.model_path is not None:
            training = service.create_training_client_from_state(
                save.model_path, base_model=save.base_model
            ).result(timeout=api.timeout_s)
        else:
            assert save.base_model is not None  # checked by run_save
            training = service.create_lora_training_client(
                base_model=save.base_model,
                rank=save.rank,
                seed=save.seed,
                train_mlp=save.train_mlp,
                train_attn=save.train_attn,
                train_unembed=save.train_unembed,
            ).result(timeout=api.timeout_s)
        base_model = save.base_model or training.get_info().model_data.model_name or training.model_id
        response = training.save_weights_for_sampler(save.name or default_name(base_model)).result(
            timeout=api.timeout_s
        )
    reply = response.model_dump(mode="json")
    return {
        "base_model": base_model,
        # The save reply has no model id on current servers; the training model's id identifies it.
        "model_id": reply.get("model_id") or training.model_id or base_model,
        "weights_path": response.path,
        "saved_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "response": reply,
    }
