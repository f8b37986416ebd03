"""Bad request content found at execution time raises UserInputError naming the field, and changes nothing."""

from __future__ import annotations

import numpy as np
import pytest

from tinkex.server.model.engine import DatumArrays, Engine, LoraSettings, UserInputError

from ._helpers import text_datum

GOOD = text_datum(b"valid")
N = GOOD.tokens.size
RL = {"logprobs": np.zeros(N, np.float32), "advantages": np.ones(N, np.float32)}


def _with(**inputs: np.ndarray) -> DatumArrays:
    return DatumArrays(tokens=GOOD.tokens, inputs={**GOOD.inputs, **inputs})


CASES = [
    ("cross_entropy", {"bogus": 1.0}, [GOOD], "loss_fn_config.bogus"),
    ("ppo", {"beta": 1.0}, [_with(**RL)], "loss_fn_config.beta"),
    ("ppo", {"clip_low_threshold": 2.0}, [_with(**RL)], "clip_low_threshold"),
    ("dro", {"beta": float("nan")}, [_with(**RL)], "loss_fn_config.beta"),
    ("not_a_loss", {}, [GOOD], "loss_fn 'not_a_loss'"),
    ("ppo", {}, [_with(logprobs=RL["logprobs"])], "loss_fn_inputs.advantages is required for loss_fn 'ppo'"),
    ("cispo", {}, [_with(advantages=RL["advantages"])], "loss_fn_inputs.logprobs is required"),
    (
        "cross_entropy",
        {},
        [_with(weights=np.ones(N + 1, np.float32))],
        r"data\[0\].loss_fn_inputs.weights has length",
    ),
    (
        "cross_entropy",
        {},
        [GOOD, _with(weights=np.full(N, np.inf, np.float32))],
        r"data\[1\].loss_fn_inputs.weights",
    ),
    (
        "cross_entropy",
        {},
        [_with(target_tokens=np.full(N, 260, np.int64))],
        "target_tokens holds token id 260",
    ),
    ("cross_entropy", {}, [_with(target_tokens=np.zeros((N, 2), np.int64))], "2-D"),
    ("cross_entropy", {}, [_with(mask=np.ones(N, np.float32))], "loss_fn_inputs.mask"),
    (
        "cross_entropy",
        {},
        [_with(clip_low_threshold=np.ones(N, np.float32))],
        "loss_fn_inputs.clip_low_threshold",
    ),
    (
        "cross_entropy",
        {},
        [DatumArrays(tokens=np.array([1, -1, 2], np.int32), inputs={})],
        "model_input holds token id -1",
    ),
    (
        "cross_entropy",
        {},
        [DatumArrays(tokens=np.array([], np.int32), inputs={})],
        "model_input must be a non-empty",
    ),
    (
        "cross_entropy",
        {},
        [DatumArrays(tokens=np.zeros(513, np.int32), inputs={"target_tokens": np.zeros(513, np.int64)})],
        "max_context 512",
    ),
    ("cross_entropy", {}, [], "data must contain at least one datum"),
]


@pytest.mark.parametrize(("loss_fn", "config", "data", "message"), CASES)
def test_bad_inputs_name_the_field_and_leave_state_alone(
    tiny_engine: Engine, loss_fn: str, config: dict[str, float], data: list[DatumArrays], message: str
) -> None:
    # covers local-server.md §2.2 (unknown loss/config keys, missing inputs -> category "user") and §5.9
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    with pytest.raises(UserInputError, match=message):
        tiny_engine.forward_backward(model, data, loss_fn, config, forward_only=False)
    assert model.grads is None and model.step == 0


def test_weights_are_optional_for_cross_entropy(tiny_engine: Engine) -> None:
    # covers local-server.md §2.2 (weights default to ones)
    model = tiny_engine.create_model(LoraSettings(rank=4, seed=1))
    without = tiny_engine.forward_backward(model, [GOOD], "cross_entropy", {}, forward_only=True)
    ones = tiny_engine.forward_backward(
        model, [_with(weights=np.ones(N, np.float32))], "cross_entropy", {}, forward_only=True
    )
    assert without.metrics["loss:sum"] == ones.metrics["loss:sum"]
