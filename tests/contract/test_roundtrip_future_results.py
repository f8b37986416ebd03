"""retrieve_future replies (protocol.md 4.2): every kind of reply is in the union, and the
generated try-in-order parser never mistakes one kind for another."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import tinker_openapi.models as models
from jsonschema import Draft202012Validator
from tinker_openapi import Client
from tinker_openapi.api.futures import retrieve_future

PAYLOADS: dict[str, list[dict[str, Any]]] = json.loads(
    (Path(__file__).resolve().parent / "data" / "protocol_payloads.json").read_text(encoding="utf-8")
)
CONTROL_REPLIES = ["TryAgainResponse", "FutureCompleteMetadata", "RequestFailedResponse"]
SUCCESS_PAYLOADS = [
    "ForwardBackwardOutput",
    "SampleResponse",
    "CreateModelResponse",
    "UnloadModelResponse",
    "CreateCustomLossResponse",
    "OptimStepResponse",
    "SaveWeightsResponse",
    "SaveWeightsForSamplerResponse",
    "SaveWeightsForSamplerSessionResponse",
    "SaveWeightsExternalResponse",
    "LoadWeightsResponse",
]
FUTURE_RESULTS = [(n, p) for n in CONTROL_REPLIES + SUCCESS_PAYLOADS for p in PAYLOADS[n]]


def _parse_200(payload: dict[str, Any]) -> Any:
    client = Client(base_url="http://tinker.invalid")
    return retrieve_future._parse_response(
        client=client, response=httpx.Response(200, json=copy.deepcopy(payload))
    )


@pytest.mark.parametrize(("name", "payload"), FUTURE_RESULTS, ids=[n for n, _ in FUTURE_RESULTS])
def test_every_future_reply_is_in_the_union(
    name: str, payload: dict[str, Any], validator_for: Callable[[str], Draft202012Validator]
) -> None:
    # covers T-16
    assert not [e.message for e in validator_for("FutureRetrieveResponse").iter_errors(payload)]


@pytest.mark.parametrize(("name", "payload"), FUTURE_RESULTS, ids=[n for n, _ in FUTURE_RESULTS])
def test_generated_parser_keeps_control_and_success_replies_apart(name: str, payload: dict[str, Any]) -> None:
    parsed = _parse_200(payload)
    if name in CONTROL_REPLIES:
        assert type(parsed).__name__ == name
    else:
        # Which success model applies is known from the request type; the parser only has to
        # avoid reading a result as a control reply.
        assert type(parsed).__name__ not in CONTROL_REPLIES
    assert parsed.to_dict() == payload


def test_try_again_with_a_new_queue_state_is_still_try_again() -> None:
    parsed = _parse_200({"type": "try_again", "request_id": "r", "queue_state": "paused_for_maintenance"})
    assert isinstance(parsed, models.TryAgainResponse)
    assert parsed.queue_state == "paused_for_maintenance"


def test_timeout_and_gone_replies_parse() -> None:
    client = Client(base_url="http://tinker.invalid")
    timeout = retrieve_future._parse_response(
        client=client, response=httpx.Response(408, json={"queue_state": "active"})
    )
    assert isinstance(timeout, models.FutureTimeoutResponse)
    gone = retrieve_future._parse_response(
        client=client, response=httpx.Response(410, json={"detail": "expired"})
    )
    assert isinstance(gone, models.ErrorResponse)
    assert gone.detail == "expired"


def test_utc_z_timestamps_parse_to_the_same_instant() -> None:
    # Servers may write `Z`; the generated models re-serialize it as `+00:00` (same instant).
    parsed = models.Checkpoint.from_dict(
        {
            "checkpoint_id": "weights/a",
            "checkpoint_type": "training",
            "time": "2026-03-01T12:00:00Z",
            "tinker_path": "t",
        }
    )
    assert parsed.time == dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
