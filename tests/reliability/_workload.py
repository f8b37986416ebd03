"""The campaign's workloads: a seeded training run and a sampling fan-out, with bounded waits.

Every wait here is bounded (``Tally.wait``): an SDK call that neither returns nor raises
within its own deadline plus a margin is counted as a hang, never waited on forever.
The caller's policy for failed futures is the SDK's (and the official SDK's): a
``RequestFailedError`` of category ``server`` surfaces, and the *caller* retries the whole
call (``Tally.call``) — the SDK cannot know whether a failed training step may be re-run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

import tinkex
from tinkex import types
from tinkex.errors import RequestErrorCategory, RequestFailedError
from tinkex.futures import APIFuture

T = TypeVar("T")

MODEL = "local/byte-tiny"
API_KEY = "tml-reliability-campaign-key"
BOS, EOS = 257, 258
SEQ_LEN = 12  # one input length for every datum: the server compiles one training shape
LORA_RANK = 4
LORA_SEED = 1234
LEARNING_RATE = 2e-2
SAMPLE_TOKENS = 6
PROMPT_ALPHABET = 90  # prompt bytes are printable ASCII from 32
WHOLE_CALL_ATTEMPTS = 4
TEXTS = ("reliable", "exactly once", "no step lost", "none twice", "in order", "bounded")


@dataclass(frozen=True)
class CampaignSettings:
    """Bounded (inside the normal test command) or long (``make reliability``)."""

    long: bool
    steps: int
    samples: int
    future_timeout: float  # the SDK's own deadline for every future (config future_timeout)
    wait_margin: float  # extra time a test waits past the SDK's deadline before calling it a hang

    @property
    def wait_s(self) -> float:
        return self.future_timeout + self.wait_margin


def settings_from_env() -> CampaignSettings:
    """``TINKEX_RELIABILITY_LONG=1`` (set by ``make reliability``) selects the longer campaign."""
    if os.environ.get("TINKEX_RELIABILITY_LONG", "").strip().lower() in ("1", "true", "yes"):
        return CampaignSettings(long=True, steps=80, samples=1000, future_timeout=240.0, wait_margin=60.0)
    # The bounded run is part of every ``make test``, and each faulted training call adds its
    # retry wait to a mix's length. 20 steps still make every fault of every mix fire (the
    # sparsest training window, every 8th forward_backward, fires twice; the test asserts each
    # rule fired); the long campaign keeps the large size.
    return CampaignSettings(long=False, steps=20, samples=200, future_timeout=120.0, wait_margin=30.0)


@dataclass
class Tally:
    """What one workload did: calls made, whole-call retries, hangs."""

    calls: int = 0
    whole_call_retries: int = 0
    hangs: int = 0
    errors: list[str] = field(default_factory=list)

    def wait(self, future: APIFuture[T], timeout: float) -> T:
        """``future.result(timeout)``; a wait that runs out while the call is still pending is a hang."""
        try:
            return future.result(timeout=timeout)
        except Exception:
            if not future.done():
                self.hangs += 1
            raise

    def call(self, make: Callable[[], APIFuture[T]], timeout: float) -> T:
        """Run a call; when its future failed with category ``server``, run the whole call again."""
        for attempt in range(1, WHOLE_CALL_ATTEMPTS + 1):
            self.calls += 1
            try:
                return self.wait(make(), timeout)
            except RequestFailedError as error:
                if error.category is not RequestErrorCategory.Server or attempt == WHOLE_CALL_ATTEMPTS:
                    raise
                self.whole_call_retries += 1
        raise AssertionError("unreachable: the last attempt returns or raises")


def new_service(base_url: str, settings: CampaignSettings, **config: Any) -> tinkex.ServiceClient:
    return tinkex.ServiceClient(
        base_url=base_url, api_key=API_KEY, **{"future_timeout": settings.future_timeout, **config}
    )


# ---- training ----
def _datum(text: str) -> types.Datum:
    raw = [BOS, *text.encode("utf-8")][: SEQ_LEN + 1]
    tokens = raw + [EOS] * (SEQ_LEN + 1 - len(raw))
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * SEQ_LEN},
    )


def step_data(step: int) -> list[types.Datum]:
    """Two datums per step, rotating through ``TEXTS`` (the same data for every run)."""
    return [_datum(TEXTS[(2 * step) % len(TEXTS)]), _datum(TEXTS[(2 * step + 1) % len(TEXTS)])]


PROBE_DATA = [_datum(text) for text in TEXTS]


@dataclass
class TrainingRun:
    model_id: str
    losses: list[float]
    final_logprobs: list[np.ndarray]
    steps_completed: int


def run_training(
    service: tinkex.ServiceClient,
    settings: CampaignSettings,
    tally: Tally,
    *,
    steps: range | None = None,
    client: tinkex.TrainingClient | None = None,
) -> TrainingRun:
    """forward_backward + optim_step per step on a LoRA model seeded with ``LORA_SEED``.

    Each step waits for its forward_backward before sending the optim_step: if the pass failed
    and is retried, the optimizer must not have stepped on the missing gradients meanwhile.
    """
    timeout = settings.wait_s
    trainer = client if client is not None else create_trainer(service, settings, tally)
    losses: list[float] = []
    completed = 0
    for step in steps if steps is not None else range(settings.steps):
        data = step_data(step)

        def forward_backward(data: list[types.Datum] = data) -> APIFuture[types.ForwardBackwardOutput]:
            return trainer.forward_backward(data, "cross_entropy")

        out = tally.call(forward_backward, timeout)
        losses.append(float(out.metrics["loss:sum"]))
        tally.call(lambda: trainer.optim_step(types.AdamParams(learning_rate=LEARNING_RATE)), timeout)
        completed += 1
    probe = tally.call(lambda: trainer.forward(PROBE_DATA, "cross_entropy"), timeout)
    final = [np.asarray(o["logprobs"].to_numpy()) for o in probe.loss_fn_outputs]
    return TrainingRun(trainer.model_id, losses, final, completed)


def create_trainer(
    service: tinkex.ServiceClient, settings: CampaignSettings, tally: Tally
) -> tinkex.TrainingClient:
    """The campaign's model: the same LoRA seed, so every run starts from the same weights."""
    return tally.call(
        lambda: service.create_lora_training_client(MODEL, rank=LORA_RANK, seed=LORA_SEED), settings.wait_s
    )


# ---- sampling fan-out ----
def sample_request(index: int) -> tuple[types.ModelInput, types.SamplingParams]:
    """Request ``index``: a distinct 3-token prompt and its own seed (one prompt shape for all)."""
    prompt = [BOS, 32 + index % PROMPT_ALPHABET, 32 + (index // PROMPT_ALPHABET) % PROMPT_ALPHABET]
    params = types.SamplingParams(max_tokens=SAMPLE_TOKENS, temperature=1.0, seed=10_000 + index)
    return types.ModelInput.from_ints(prompt), params


@dataclass
class FanOut:
    """The tokens of each request, in the caller's order (``None`` where no result came back)."""

    tokens: list[tuple[int, ...] | None]
    failures: list[str]


def submit_samples(sampler: tinkex.SamplingClient, count: int) -> list[APIFuture[types.SampleResponse]]:
    """Submit every request at once: they are in flight concurrently on the SDK's loop."""
    futures = []
    for index in range(count):
        prompt, params = sample_request(index)
        futures.append(sampler.sample(prompt, num_samples=1, sampling_params=params))
    return futures


def collect_samples(
    sampler: tinkex.SamplingClient,
    futures: Sequence[APIFuture[types.SampleResponse]],
    settings: CampaignSettings,
    tally: Tally,
) -> FanOut:
    """Wait for every request in order; a server-category failure re-runs that one request."""
    tokens: list[tuple[int, ...] | None] = []
    failures: list[str] = []
    for index, future in enumerate(futures):
        first = [future]

        def make(
            index: int = index, first: list[APIFuture[types.SampleResponse]] = first
        ) -> APIFuture[types.SampleResponse]:
            if first:
                return first.pop()
            prompt, params = sample_request(index)
            return sampler.sample(prompt, num_samples=1, sampling_params=params)

        try:
            response = tally.call(make, settings.wait_s)
        except Exception as error:  # counted as a lost result; the test reports all of them
            failures.append(f"request {index}: {type(error).__name__}: {error}")
            tokens.append(None)
            continue
        if len(response.sequences) != 1:
            failures.append(f"request {index}: {len(response.sequences)} sequences for num_samples=1")
        tokens.append(tuple(int(t) for t in response.sequences[0].tokens) if response.sequences else None)
    return FanOut(tokens, failures)
