"""Observed protocol payloads validate against the spec and round-trip through the generated models.

Fixtures: data/protocol_payloads.json maps a components schema name to payloads taken from
protocol.md (sections 3-5, 9 and the 0.38 request log of 11.3). Datetimes are written with an
explicit `+00:00` offset because the generated models re-serialize parsed datetimes that way.
Union, map and enum schemas have no class of their own (the generator inlines them): their
payloads are validated here and round-trip inside the objects that hold them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
import tinker_openapi.models as models
from jsonschema import Draft202012Validator

from ._payloads import PAYLOADS, as_read, kept

CASES = [(name, i) for name, payloads in PAYLOADS.items() for i in range(len(payloads))]
MODEL_CASES = [(name, i) for name, i in CASES if isinstance(getattr(models, name, None), type)]

Validators = Callable[[str], Draft202012Validator]


def _case_id(case: tuple[str, int]) -> str:
    return f"{case[0]}-{case[1]}"


def _model_class(schema_name: str) -> Any:
    return getattr(models, schema_name)


def _nested_models(obj: Any) -> Iterator[object]:
    """Every generated model instance inside a parsed payload (the payload itself included)."""
    if attrs.has(type(obj)):
        yield obj
        for field in attrs.fields(type(obj)):
            yield from _nested_models(getattr(obj, field.name))
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _nested_models(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _nested_models(value)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_payload_validates_against_its_schema(case: tuple[str, int], validator_for: Validators) -> None:
    # covers T-16
    name, index = case
    errors = [e.message for e in validator_for(name).iter_errors(PAYLOADS[name][index])]
    assert not errors, f"{name}[{index}]: {errors}"


@pytest.mark.parametrize("case", MODEL_CASES, ids=_case_id)
def test_payload_round_trips_through_the_generated_model(case: tuple[str, int]) -> None:
    # covers T-16
    name, index = case
    payload = PAYLOADS[name][index]
    parsed = _model_class(name).from_dict(copy.deepcopy(payload))
    wire = parsed.to_dict()
    assert kept(as_read(name, payload), wire) == []
    assert _model_class(name).from_dict(wire) == parsed  # what the SDK sends reads back the same


def test_every_schema_without_a_class_is_a_union_map_or_enum(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for name in {name for name, _ in CASES} - {name for name, _ in MODEL_CASES}:
        schema = schemas[name]
        assert (
            "oneOf" in schema
            or "anyOf" in schema
            or "enum" in schema
            or schema.get("type") != "object"
            or ("properties" not in schema and schema.get("additionalProperties") not in (None, False))
        ), name


def test_every_object_schema_is_exercised_by_some_payload(spec: dict[str, Any]) -> None:
    object_schemas = {
        n for n, s in spec["components"]["schemas"].items() if isinstance(getattr(models, n, None), type)
    }
    seen: set[str] = set()
    for name, payloads in PAYLOADS.items():
        if not isinstance(getattr(models, name, None), type):
            continue
        for payload in payloads:
            seen.update(
                type(m).__name__ for m in _nested_models(_model_class(name).from_dict(copy.deepcopy(payload)))
            )
    assert object_schemas - seen == set()


@pytest.mark.parametrize(
    "name",
    [
        "TryAgainResponse",
        "GetInfoResponse",
        "TrainingRun",
        "SampleResponse",
        "CreateSessionResponse",
        "Checkpoint",
    ],
)
def test_unknown_response_fields_are_tolerated_and_kept(name: str, validator_for: Validators) -> None:
    payload = {**PAYLOADS[name][0], "field_from_a_newer_server": {"nested": [1, 2]}}
    assert not list(validator_for(name).iter_errors(payload))
    parsed = _model_class(name).from_dict(copy.deepcopy(payload))
    assert parsed.model_extra == {"field_from_a_newer_server": {"nested": [1, 2]}}
    assert kept(as_read(name, payload), parsed.to_dict()) == []


def test_unset_optionals_are_omitted_and_sdk_defaults_sent() -> None:
    # protocol.md 1: "include defaults, drop nulls".
    prompt = models.ModelInput(chunks=[models.EncodedTextChunk(tokens=[1, 2])])
    request = models.SampleRequest(prompt=prompt, sampling_params=models.SamplingParams())
    assert request.to_dict() == {
        "num_samples": 1,
        "prompt": {"chunks": [{"tokens": [1, 2], "type": "encoded_text"}]},
        "sampling_params": {"temperature": 1.0, "top_k": -1, "top_p": 1.0},
        "topk_prompt_logprobs": 0,
        "topk_sample_logprobs": 0,
        "prompt_alt_tokens_k": 0,
        "type": "sample",
    }
    save = models.SaveWeightsRequest(model_id="m")
    assert save.to_dict() == {"model_id": "m", "overwrite": False, "type": "save_weights"}
    assert models.AdamParams().to_dict() == {
        "learning_rate": 0.0001,
        "beta1": 0.9,
        "beta2": 0.95,
        "eps": 1e-12,
        "weight_decay": 0.0,
        "grad_clip_norm": 0.0,
    }


def test_open_enums_keep_unknown_values() -> None:
    known = models.TryAgainResponse.from_dict(PAYLOADS["TryAgainResponse"][0])
    assert known.queue_state == "paused_capacity"
    unknown = models.TryAgainResponse.from_dict(PAYLOADS["TryAgainResponse"][2])
    assert unknown.queue_state == "paused_new_reason"
    failed = models.RequestFailedResponse.from_dict({"error": "x", "category": "quota"})
    assert failed.category == "unknown"  # an unknown category reads as the official "unknown"


@pytest.mark.parametrize(
    ("name", "payload", "fragment"),
    [
        (
            "CreateSessionRequest",
            {"tags": [], "user_metadata": {}, "sdk_version": "0.38.0"},
            "'type' is a required",
        ),
        ("GetInfoRequest", {"model_id": "m", "type": "create_model"}, "'get_info' was expected"),
        (
            "ForwardBackwardInput",
            {"data": [], "loss_fn": "mse"},
            "'mse' is not one of",
        ),
        (
            "ModelInput",
            {"chunks": [{"type": "audio", "tokens": [1]}]},
            "is not valid under any of the given schemas",
        ),
        ("TensorData", {"data": [1], "dtype": "bfloat16"}, "'bfloat16' is not one of"),
        ("HealthResponse", {"status": "degraded"}, "'ok' was expected"),
        ("TelemetryResponse", {"status": "ok"}, "'accepted' was expected"),
        ("SampleAPIFuture", {"request_id": "r"}, "'sample_sequence_ids' is a required"),
        ("FutureRetrieveResponse", "done", "is not valid under any of the given schemas"),
        ("FinishSessionRequest", {"reason": {"type": "success"}}, "'detail' is a required"),
    ],
)
def test_invalid_payloads_are_rejected(
    name: str, payload: Any, fragment: str, validator_for: Validators
) -> None:
    messages = [e.message for e in validator_for(name).iter_errors(payload)]
    assert any(fragment in m for m in messages), messages
