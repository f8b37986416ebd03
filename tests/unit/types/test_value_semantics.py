"""Value semantics as in pydantic: a type never shares the caller's containers.

A constructor (and ``from_dict``/``model_validate``) copies the lists and dicts it is given
and records the contents of a numpy array or tensor at construction time, so the caller may
reuse or clear its buffers afterwards. The regression this guards against: an RL loop that
reuses one token buffer sent datums whose tokens had been cleared ("need at least 2 tokens").
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel

import tinkex.types as types


class PydanticChunk(BaseModel):
    """``EncodedTextChunk`` as a pydantic model: the reference for what a copy means."""

    tokens: list[int]
    type: str = "encoded_text"


def test_rl_loop_buffer_reuse_regression() -> None:
    buf: list[int] = []
    weights = np.empty(3, dtype=np.float32)  # one array, refilled for every episode
    batch = []
    for step in range(3):
        buf.extend([10 + step, 20 + step, 30 + step])
        weights[:] = step
        datum = types.Datum(
            model_input=types.ModelInput.from_ints(buf),
            loss_fn_inputs={"target_tokens": np.array([*buf[1:], 0]), "weights": weights},
        )
        batch.append(datum)
        buf.clear()  # the loop reuses its buffer for the next episode
    assert [d.model_input.to_ints() for d in batch] == [[10, 20, 30], [11, 21, 31], [12, 22, 32]]
    assert [d.loss_fn_inputs["target_tokens"].tolist() for d in batch] == [
        [20, 30, 0],
        [21, 31, 0],
        [22, 32, 0],
    ]
    assert [d.loss_fn_inputs["weights"].tolist() for d in batch] == [[0.0] * 3, [1.0] * 3, [2.0] * 3]
    request = types.ForwardBackwardInput(data=batch, loss_fn="cross_entropy").to_dict()
    assert [d["model_input"]["chunks"][0]["tokens"] for d in request["data"]] == [
        [10, 20, 30],
        [11, 21, 31],
        [12, 22, 32],
    ]


def test_token_list_is_copied_like_pydantic() -> None:
    buf = [1, 2, 3]
    chunk, twin = types.EncodedTextChunk(tokens=buf), PydanticChunk(tokens=buf)
    buf.clear()
    assert chunk.tokens == twin.tokens == [1, 2, 3]
    buf.append(9)
    assert chunk.tokens == [1, 2, 3]


def test_from_ints_keeps_its_own_tokens() -> None:
    buf = [1, 2, 3]
    prompt = types.ModelInput.from_ints(buf)
    buf[0] = 99
    buf.append(4)
    assert prompt.to_ints() == [1, 2, 3] and prompt.length == 3


@pytest.mark.parametrize(
    "build",
    [
        lambda a: types.TensorData.from_numpy(a),
        lambda a: types.TensorData(data=a, dtype="float32", shape=[3]),
        lambda a: types.Datum(
            model_input=types.ModelInput.from_ints([1]), loss_fn_inputs={"weights": a}
        ).loss_fn_inputs["weights"],
    ],
    ids=["from_numpy", "constructor", "Datum loss_fn_inputs"],
)
def test_float_array_contents_are_recorded_at_construction(build: Any) -> None:
    array = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    tensor = build(array)
    array[:] = -1.0
    assert tensor.tolist() == [1.0, 2.0, 3.0]
    assert tensor.to_numpy().tolist() == [1.0, 2.0, 3.0]


def test_token_array_contents_are_recorded_at_construction() -> None:
    array = np.array([5, 6, 7])
    chunk = types.EncodedTextChunk(tokens=array)
    prompt = types.ModelInput.from_ints(array)
    array[:] = 0
    assert chunk.tokens == [5, 6, 7] and prompt.to_ints() == [5, 6, 7]


def test_torch_tensor_contents_are_recorded_at_construction() -> None:
    torch = pytest.importorskip("torch")
    tensor = torch.tensor([1.0, 2.0])
    datum = types.Datum(model_input=types.ModelInput.from_ints([1, 2]), loss_fn_inputs={"weights": tensor})
    recorded = types.TensorData.from_torch(tensor)
    tensor[0] = 9.0
    assert datum.loss_fn_inputs["weights"].tolist() == [1.0, 2.0]
    assert recorded.tolist() == [1.0, 2.0]


def test_loss_fn_inputs_mapping_is_copied() -> None:
    shared = {"weights": types.TensorData(data=[1.0], dtype="float32")}
    datum = types.Datum(model_input=types.ModelInput.from_ints([1]), loss_fn_inputs=shared)
    shared["target_tokens"] = types.TensorData(data=[2], dtype="int64")
    del shared["weights"]
    assert list(datum.loss_fn_inputs) == ["weights"]
    assert datum.loss_fn_inputs is not shared


def test_lists_of_models_and_plain_lists_are_copied() -> None:
    chunks = [types.EncodedTextChunk(tokens=[1])]
    prompt = types.ModelInput(chunks=chunks)
    chunks.append(types.EncodedTextChunk(tokens=[2]))
    assert prompt.to_ints() == [1]
    stop = ["</s>"]
    params = types.SamplingParams(stop=stop)
    stop.append("<eot>")
    assert params.stop == ["</s>"]
    metrics = {"loss": 1.0}
    output = types.ForwardBackwardOutput(loss_fn_output_type="x", loss_fn_outputs=[], metrics=metrics)
    metrics["loss"] = 2.0
    assert output.metrics == {"loss": 1.0}


def test_parsed_payload_is_not_shared() -> None:
    payload: dict[str, Any] = {"chunks": [{"type": "encoded_text", "tokens": [1, 2]}]}
    prompt = types.ModelInput.model_validate(payload)
    payload["chunks"][0]["tokens"].append(3)
    payload["chunks"].append({"type": "encoded_text", "tokens": [4]})
    assert prompt.to_ints() == [1, 2]


def test_model_copy_update_is_taken_as_given_like_pydantic() -> None:
    # pydantic's model_copy(update=) neither checks nor copies: the value given is the value kept.
    stop = ["a"]
    ours = types.SamplingParams().model_copy(update={"stop": stop})
    twin = PydanticChunk(tokens=[1]).model_copy(update={"tokens": stop})
    assert ours.stop is stop and twin.tokens is stop


def test_deep_copy_shares_nothing_mutable() -> None:
    output = types.ForwardBackwardOutput(loss_fn_output_type="x", loss_fn_outputs=[], metrics={"loss": 1.0})
    deep = output.model_copy(deep=True)
    assert deep == output and deep.metrics is not output.metrics
    assert output.model_copy().metrics is output.metrics  # a shallow copy shares, as in pydantic


def test_instances_are_immutable() -> None:
    params = types.SamplingParams(max_tokens=4)
    with pytest.raises(AttributeError):
        params.max_tokens = 5  # type: ignore[misc]
    assert params.max_tokens == 4


def test_token_views_never_disagree() -> None:
    # The type is immutable, so the list it hands out refuses changes (pydantic's list field
    # would take them and leave the protobuf encoder's array behind).
    chunk = types.EncodedTextChunk(tokens=np.array([1, 2]))
    with pytest.raises(TypeError, match="read-only"):
        chunk.tokens.append(3)
    with pytest.raises(TypeError, match="read-only"):
        chunk.tokens[0] = 7
    assert chunk.tokens_np.tolist() == chunk.tokens == [1, 2] == chunk.to_dict()["tokens"]
    mine = list(chunk.tokens)
    mine.append(3)  # a copy is the caller's own
    assert chunk.model_copy(update={"tokens": mine}).tokens == [1, 2, 3]
    assert type(chunk.to_dict()["tokens"]) is list and copy.deepcopy(chunk.tokens) == [1, 2]
