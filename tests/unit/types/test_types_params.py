"""Validation of parameter types: messages name the field; official defaults hold."""

from __future__ import annotations

import pytest

from tinkex.types import (
    AdamParams,
    ForwardBackwardInput,
    LoraConfig,
    ModelInput,
    OptimStepRequest,
    SampleRequest,
    SamplingParams,
    TinkexValidationError,
)


def test_adam_defaults_and_wire_form() -> None:  # covers TYP-33, LATER-06
    assert AdamParams().to_dict() == {
        "learning_rate": 0.0001,
        "beta1": 0.9,
        "beta2": 0.95,
        "eps": 1e-12,
        "weight_decay": 0.0,
        "grad_clip_norm": 0.0,
    }
    assert AdamParams(learning_rate=0).learning_rate == 0.0  # warm-up schedules start at 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"learning_rate": -1e-3}, "learning_rate"),
        ({"learning_rate": float("nan")}, "learning_rate"),
        ({"beta1": 1.0}, "beta1"),
        ({"beta2": -0.1}, "beta2"),
        ({"eps": 0.0}, "eps"),
        ({"weight_decay": -1.0}, "weight_decay"),
        ({"grad_clip_norm": -0.5}, "grad_clip_norm"),
    ],
)
def test_adam_errors_name_the_field(kwargs: dict[str, float], field: str) -> None:  # covers TYP-33
    with pytest.raises(TinkexValidationError, match=f"for AdamParams\n{field}\n") as info:
        AdamParams(**kwargs)
    assert info.value.field == field


def test_sampling_params_defaults_and_observed_json() -> None:  # covers TYP-30
    assert SamplingParams().to_dict() == {"temperature": 1.0, "top_k": -1, "top_p": 1.0}
    observed = {"max_tokens": 4, "seed": 7, "stop": ["\n"], "temperature": 0.7, "top_k": -1, "top_p": 1.0}
    params = SamplingParams.from_dict(observed)
    assert params.to_dict() == observed
    assert SamplingParams(stop=[]).stop == []
    assert SamplingParams(stop=(1, 2)).stop == [1, 2]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"max_tokens": 0}, "max_tokens"),
        ({"temperature": -0.1}, "temperature"),
        ({"top_p": 0.0}, "top_p"),
        ({"top_p": 1.5}, "top_p"),
        ({"top_k": 0}, "top_k"),
        ({"stop": ["a", 1]}, "stop"),
        ({"stop": 5}, "stop"),
    ],
)
def test_sampling_params_errors_name_the_field(
    kwargs: dict[str, object], field: str
) -> None:  # covers TYP-30
    with pytest.raises(TinkexValidationError, match=field):
        SamplingParams(**kwargs)  # type: ignore[arg-type]


def test_lora_config() -> None:  # covers TYP-34
    cfg = LoraConfig(rank=32)
    assert cfg.to_dict() == {"rank": 32, "train_unembed": True, "train_mlp": True, "train_attn": True}
    with pytest.raises(TinkexValidationError, match="rank"):
        LoraConfig(rank=0)
    with pytest.raises(TinkexValidationError, match="at least one"):
        LoraConfig(rank=8, train_unembed=False, train_mlp=False, train_attn=False)


def test_sample_request_omits_unset_prompt_logprobs_but_keeps_false() -> None:  # covers TYP-31
    base = {"prompt": ModelInput.from_ints([1]), "sampling_params": SamplingParams()}
    assert "prompt_logprobs" not in SampleRequest(**base).to_dict()  # type: ignore[arg-type]
    dumped = SampleRequest(prompt_logprobs=False, **base).to_dict()  # type: ignore[arg-type]
    assert dumped["prompt_logprobs"] is False
    assert dumped["type"] == "sample" and dumped["num_samples"] == 1
    assert SampleRequest.from_dict(dumped).to_dict() == dumped


def test_loss_fn_validation() -> None:  # covers LATER-20, TYP-40
    with pytest.raises(TinkexValidationError, match="loss_fn"):
        ForwardBackwardInput([], "mse")  # type: ignore[arg-type]
    with pytest.raises(TinkexValidationError, match="loss_fn_config"):
        ForwardBackwardInput([], "ppo", {"clip_low_threshold": [1]})  # type: ignore[dict-item]
    assert ForwardBackwardInput([], "custom", {"loss_id": "x", "k": 1}).loss_fn_config == {
        "loss_id": "x",
        "k": 1.0,
    }


def test_optim_step_request_wire_names() -> None:  # covers TYP-40
    req = OptimStepRequest(adam_params=AdamParams(), model_id="m", seq_id=2)
    dumped = req.to_dict()
    assert "adam_params" in dumped and "optimizer_params" not in dumped
    assert OptimStepRequest.from_dict(dumped) == req


def test_model_copy_and_validate_compat() -> None:
    params = SamplingParams(max_tokens=3)
    changed = params.model_copy(update={"temperature": 0.5})
    assert changed.temperature == 0.5 and params.temperature == 1.0
    assert SamplingParams.model_validate(params) is params
    assert SamplingParams.model_validate({"max_tokens": 3}) == params
    assert params.model_dump() == {
        "max_tokens": 3,
        "seed": None,
        "stop": None,
        "temperature": 1.0,
        "top_k": -1,
        "top_p": 1.0,
    }
