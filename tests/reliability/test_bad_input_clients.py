"""Property-based bad input for the client methods, against a real local server (covers TRN-01,
TRN-05, SMP-01, SVC-03, REST-01, REST-06, HTTP-18).

Every junk call must raise ``TinkexValidationError`` naming the argument, and the server must
not see the operation's request (its per-route counters stay unchanged). After the junk, the
same clients still train and sample.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, strategies as st

import tinkex
from tests.conftest import TEST_API_KEY
from tinkex import types as T
from tinkex.errors import TinkexValidationError

from ._inputs import DETERMINISTIC, junk, operation_requests, own_server, record_tally, tally

pytestmark = pytest.mark.usefixtures("record_tally")
__all__ = ["own_server", "record_tally"]

MODEL = "local/byte-tiny"
STARTUP = ("heartbeat", "telemetry", "client/config", "dynamic_config", "create_session")


def good_datum() -> T.Datum:
    return T.Datum(
        model_input=T.ModelInput.from_ints([72, 105, 33]),
        loss_fn_inputs={"target_tokens": [105, 33, 10], "weights": [1.0, 1.0, 1.0]},
    )


class Clients:
    def __init__(self, base_url: str) -> None:
        self.service = tinkex.ServiceClient(base_url=base_url, api_key=TEST_API_KEY, telemetry_enabled=False)
        self.training = self.service.create_lora_training_client(base_model=MODEL, rank=4).result(timeout=120)
        self.sampler = self.service.create_sampling_client(base_model=MODEL).result(timeout=120)
        self.rest = self.service.create_rest_client()

    def close(self) -> None:
        self.service.close().result(timeout=60)


@pytest.fixture(scope="module")
def clients(own_server: Any) -> Iterator[Clients]:
    made = Clients(own_server.base_url)
    yield made
    made.close()


def _call(clients: Clients, method: str, args: dict[str, Any]) -> Any:
    targets: dict[str, Callable[..., Any]] = {
        "forward_backward": clients.training.forward_backward,
        "forward": clients.training.forward,
        "optim_step": clients.training.optim_step,
        "save_state": clients.training.save_state,
        "sample": clients.sampler.sample,
        "compute_logprobs": clients.sampler.compute_logprobs,
        "create_lora_training_client": clients.service.create_lora_training_client,
        "get_training_run": clients.rest.get_training_run,
        "list_checkpoints": clients.rest.list_checkpoints,
        "delete_checkpoint": clients.rest.delete_checkpoint,
        "get_training_run_by_tinker_path": clients.rest.get_training_run_by_tinker_path,
        "get_checkpoint_archive_url": clients.rest.get_checkpoint_archive_url,
        "download_checkpoint": clients.rest.download_checkpoint,
    }
    result = targets[method](**args)
    return result.result(timeout=60) if hasattr(result, "result") else result


def _replace(base: dict[str, Any], name: str, value: Any) -> tuple[dict[str, Any], str]:
    return {**base, name: value}, name


datum = good_datum()
prompt = T.ModelInput.from_ints([72, 105])
params = T.SamplingParams(max_tokens=2)
run_id = "no-run"

# (method, valid arguments, the arguments hypothesis replaces with junk)
CALLS: list[tuple[str, dict[str, Any], list[str]]] = [
    (
        "forward_backward",
        {"data": [datum], "loss_fn": "cross_entropy"},
        ["data", "loss_fn", "loss_fn_config"],
    ),
    ("forward", {"data": [datum], "loss_fn": "cross_entropy"}, ["data", "loss_fn"]),
    ("optim_step", {"adam_params": T.AdamParams()}, ["adam_params"]),
    ("save_state", {"name": "ok"}, ["name"]),
    (
        "sample",
        {"prompt": prompt, "num_samples": 1, "sampling_params": params},
        ["prompt", "num_samples", "sampling_params"],
    ),
    ("compute_logprobs", {"prompt": prompt}, ["prompt"]),
    ("create_lora_training_client", {"base_model": MODEL, "rank": 2}, ["base_model", "rank"]),
    ("get_training_run", {"training_run_id": run_id}, ["training_run_id"]),
    ("list_checkpoints", {"training_run_id": run_id}, ["training_run_id"]),
    ("delete_checkpoint", {"training_run_id": run_id, "checkpoint_id": "weights/x"}, ["checkpoint_id"]),
    ("get_training_run_by_tinker_path", {"tinker_path": "tinker://r/weights/x"}, ["tinker_path"]),
    (
        "get_checkpoint_archive_url",
        {"training_run_id": run_id, "checkpoint_id": "weights/x"},
        ["checkpoint_id"],
    ),
    ("download_checkpoint", {"tinker_path": "tinker://r/weights/x"}, ["tinker_path"]),
]

# Junk that is never a valid value for any argument above (a few valid-looking values such as
# "abc" are valid run ids, so plain text is drawn only for fields where text is never enough).
never_valid = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(max_value=0),
    st.floats(allow_nan=True),
    st.sampled_from([".", "..", "", object(), [1, 2], {"a": 1}, [None], (good_datum(), None), b"bytes"]),
    st.lists(junk, min_size=1, max_size=3).filter(lambda xs: not all(isinstance(x, str) for x in xs)),
)
ACCEPTS_ANY_TEXT = {"training_run_id", "name", "base_model"}
# Arguments whose error names the field the SDK stores them under.
ALIASES = {"adam_params": "optim_params"}


@DETERMINISTIC
@given(data=st.data())
def test_junk_arguments_are_refused_before_the_request(
    clients: Clients, own_server: Any, data: st.DataObject
) -> None:
    # covers TRN-01, TRN-05, SMP-01, SVC-03, REST-01, REST-06, HTTP-18
    method, valid, replaceable = data.draw(st.sampled_from(CALLS), label="call")
    name = data.draw(st.sampled_from(replaceable), label="argument")
    value = data.draw(never_valid, label="value")
    if name == "loss_fn_config" and (value is None or value == {"a": 1}):
        value = {"a": object()}  # None and numeric maps are valid configs
    if (
        name in ACCEPTS_ANY_TEXT
        and isinstance(value, str)
        and (value not in ("", ".", "..") or name == "base_model")
    ):
        value = None  # any text is a valid base model name to send (the server decides); "" is not
    args, field = _replace(valid, name, value)
    before = operation_requests(own_server.faults, ignore=STARTUP)
    tally("client calls tried")
    with pytest.raises(TinkexValidationError) as info:
        _call(clients, method, args)
    tally("client calls rejected")
    error = info.value
    named = ALIASES.get(field, field)
    assert error.field is not None and (named in error.field or error.field in named), (method, field, error)
    assert operation_requests(own_server.faults, ignore=STARTUP) == before, (method, field, value)
    tally("client calls rejected before any request")


def test_clients_work_after_refused_calls(clients: Clients) -> None:  # covers TRN-01, SMP-01
    with pytest.raises(TinkexValidationError):
        clients.training.forward_backward([1, 2], "cross_entropy").result(timeout=60)
    out = clients.training.forward_backward([good_datum()], "cross_entropy").result(timeout=120)
    assert out.loss_fn_outputs and "loss:sum" in out.metrics
    clients.training.optim_step(T.AdamParams(learning_rate=1e-3)).result(timeout=120)
    with pytest.raises(TinkexValidationError):
        clients.sampler.sample(prompt=prompt, num_samples=0, sampling_params=params)
    sample = clients.sampler.sample(prompt=prompt, num_samples=1, sampling_params=params).result(timeout=120)
    assert len(sample.sequences) == 1 and len(sample.sequences[0].tokens) == 2


def test_ints_wider_than_64_bits_never_reach_the_encoder(clients: Clients) -> None:  # covers TYP-30
    # Before the fix, seed=2**80 surfaced as orjson's bare TypeError from inside the future.
    with pytest.raises(TinkexValidationError) as info:
        T.SamplingParams(max_tokens=2, seed=2**80)
    assert info.value.field == "seed"
    from tinkex.types.behaviour.wire import encode_json

    with pytest.raises(TinkexValidationError) as encoded:
        encode_json({"seed": 2**80})
    assert encoded.value.field == "body"
