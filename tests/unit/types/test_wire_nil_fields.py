"""Request bodies leave unset optional fields out instead of sending ``null`` (feature HTTP-32).

The generated endpoint functions send ``body.to_dict()`` as JSON, so these models' dumps are
exactly what goes on the wire for asample, forward, forward_backward and optim_step.
"""

from __future__ import annotations

import json
from typing import Any

from tinkex.types import (
    AdamParams,
    Datum,
    ForwardBackwardInput,
    ForwardBackwardRequest,
    ForwardRequest,
    ModelInput,
    OptimStepRequest,
    SampleRequest,
    SamplingParams,
)


def _nulls(value: Any, path: str = "$") -> list[str]:
    """Every JSON path whose value is null."""
    if value is None:
        return [path]
    if isinstance(value, dict):
        return [hit for key, item in value.items() for hit in _nulls(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [hit for index, item in enumerate(value) for hit in _nulls(item, f"{path}[{index}]")]
    return []


def _wire(model: Any) -> Any:
    return json.loads(json.dumps(model.to_dict()))


def _fb_input() -> ForwardBackwardInput:
    datum = Datum(model_input=ModelInput.from_ints([1, 2]), loss_fn_inputs={"target_tokens": [2, 3]})
    return ForwardBackwardInput([datum], "cross_entropy")


def test_sample_body_drops_every_unset_field_but_keeps_false_and_zero() -> None:
    # covers HTTP-32: the server rejects null where it expects a field to be absent
    request = SampleRequest(prompt=ModelInput.from_ints([1]), sampling_params=SamplingParams())
    wire = _wire(request)
    assert _nulls(wire) == []
    for unset in ("prompt_logprobs", "seq_id", "sampling_session_id", "base_model", "model_path"):
        assert unset not in wire
    assert "max_tokens" not in wire["sampling_params"] and "stop" not in wire["sampling_params"]
    kept = _wire(
        SampleRequest(
            prompt=ModelInput.from_ints([1]),
            sampling_params=SamplingParams(),
            prompt_logprobs=False,
            topk_prompt_logprobs=0,
        )
    )
    assert kept["prompt_logprobs"] is False and kept["topk_prompt_logprobs"] == 0


def test_training_bodies_carry_no_null() -> None:
    # covers HTTP-32: forward, forward_backward and optim_step bodies
    bodies = [
        ForwardRequest(forward_input=_fb_input(), model_id="m"),
        ForwardBackwardRequest(forward_backward_input=_fb_input(), model_id="m"),
        OptimStepRequest(model_id="m", adam_params=AdamParams()),
    ]
    for body in bodies:
        wire = _wire(body)
        assert _nulls(wire) == [], type(body).__name__
        assert "seq_id" not in wire
