"""Checkpoints made with the tinkex clients, then managed through the `tinkex` command line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import click.testing
import pytest
from click.testing import CliRunner

from tests.conftest import TEST_API_KEY
from tinkex.cli import cli

Invoke = Callable[..., click.testing.Result]


@dataclass(frozen=True)
class SavedRun:
    run_id: str
    state_path: str  # tinker://<run>/weights/<name>
    sampler_path: str  # tinker://<run>/sampler_weights/<name>


@pytest.fixture
def tinkex_cli(local_server: object) -> Invoke:
    """Run `tinkex ARGS...` in-process against the shared server (config through the environment)."""
    base_env = {"TINKER_BASE_URL": local_server.base_url, "TINKER_API_KEY": TEST_API_KEY}  # type: ignore[attr-defined]

    def invoke(
        *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> click.testing.Result:
        return CliRunner().invoke(cli, list(args), input=input, env={**base_env, **(env or {})})

    return invoke


@pytest.fixture
def saved_run(service_client: object) -> Iterator[SavedRun]:
    """A fresh LoRA run with one training and one sampler checkpoint."""
    training = service_client.create_lora_training_client(base_model="local/byte-tiny", rank=4).result()  # type: ignore[attr-defined]
    state = training.save_state("cli-state").result()
    sampler = training.save_weights_for_sampler("cli-sampler").result()
    yield SavedRun(run_id=training.model_id, state_path=state.path, sampler_path=sampler.path)
