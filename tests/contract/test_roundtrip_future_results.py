"""retrieve_future replies (protocol.md 4.2): every kind of reply is in the union, and the
generated try-in-order parser never mistakes one kind for another."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import tinker_openapi.models as models
from jsonschema import Draft202012Validator
from tinker_openapi import Client
from tinker_openapi.api.futures import retrieve_future

from ._payloads import PAYLOADS, as_read, kept

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
    if name in CONTROL_REPLIES or "type" in payload:
        # control replies and tagged results read as exactly their own type
        assert type(parsed).__name__ == name
    else:
        # An untagged result is read by the request's type in the SDK; the union parser only has
        # to avoid reading it as a control reply.
        assert type(parsed).__name__ not in CONTROL_REPLIES
    assert kept(as_read(name, payload), parsed.to_dict()) == []


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
