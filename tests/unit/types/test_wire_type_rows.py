"""The wire request/response types of the feature inventory (TYP-20..41): their fields, tags,
defaults and tolerant parsing, through the public ``tinkex.types`` names."""

from __future__ import annotations

import datetime as dt
from typing import get_args

import pytest

from tinkex import types
from tinkex._clients.training_ops import validate_forward_inputs
from tinkex.errors import TinkexValidationError


def test_archive_url_expires_is_a_datetime_or_the_raw_string() -> None:
    # covers TYP-20
    dated = types.CheckpointArchiveUrlResponse.from_dict(
        {"url": "https://blob.test/a.tar", "expires": "2030-01-02T03:04:05Z"}
    )
    assert dated.url == "https://blob.test/a.tar"
    assert dated.expires == dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    kept = types.CheckpointArchiveUrlResponse.from_dict({"url": "u", "expires": "in ten minutes"})
    assert kept.expires == "in ten minutes"


def test_unload_model_request_and_response() -> None:
    # covers TYP-24
    assert types.UnloadModelRequest(model_id="m-1").to_dict() == {"model_id": "m-1", "type": "unload_model"}
    assert types.UnloadModelResponse.from_dict({"model_id": "m-1"}).type is None
    assert types.UnloadModelResponse.from_dict({"model_id": "m-1", "type": "unload_model"}).model_id == "m-1"


def test_weights_requests_carry_their_type_tags_and_defaults() -> None:
    # covers TYP-25
    save = types.SaveWeightsRequest(model_id="m", path="step-1", seq_id=4).to_dict()
    assert (save["model_id"], save["path"], save["seq_id"], save["type"]) == (
        "m",
        "step-1",
        4,
        "save_weights",
    )
    assert types.SaveWeightsResponse.from_dict({"path": "tinker://r/weights/step-1"}).path.endswith("step-1")
    sampler = types.SaveWeightsForSamplerRequest(model_id="m", path="s1", seq_id=5).to_dict()
    assert sampler["type"] == "save_weights_for_sampler" and sampler["seq_id"] == 5
    load = types.LoadWeightsRequest(model_id="m", path="tinker://r/weights/a", seq_id=6, optimizer=False)
    assert load.to_dict()["optimizer"] is False and load.to_dict()["type"] == "load_weights"
    assert types.LoadWeightsResponse.from_dict({}).path is None  # path is optional


def test_save_for_sampler_accepts_the_path_only_and_id_only_forms() -> None:
    # covers TYP-25 (both response forms, 0.1.9)
    by_path = types.SaveWeightsForSamplerResponse.from_dict({"path": "tinker://r/sampler_weights/s1"})
    assert by_path.path == "tinker://r/sampler_weights/s1" and by_path.sampling_session_id is None
    by_id = types.SaveWeightsForSamplerSessionResponse.from_dict({"sampling_session_id": "sess:sample:0"})
    assert by_id.sampling_session_id == "sess:sample:0" and by_id.path is None


def test_sampler_and_weights_info_leave_out_unset_optionals() -> None:
    # covers TYP-26
    assert types.GetSamplerResponse(sampler_id="s", base_model="b").to_dict() == {
        "sampler_id": "s",
        "base_model": "b",
    }
    with_path = types.GetSamplerResponse(sampler_id="s", base_model="b", model_path="tinker://r/x")
    assert with_path.to_dict()["model_path"] == "tinker://r/x"
    info = types.WeightsInfoResponse(base_model="b", is_lora=True).to_dict()
    assert "lora_rank" not in info and info["is_lora"] is True
    assert types.WeightsInfoResponse(base_model="b", is_lora=True, lora_rank=8).to_dict()["lora_rank"] == 8


def test_session_types() -> None:
    # covers TYP-27
    request = types.CreateSessionRequest(tags=["t"], user_metadata={"k": "v"}, sdk_version="0.38.0")
    assert request.to_dict() == {
        "tags": ["t"],
        "user_metadata": {"k": "v"},
        "sdk_version": "0.38.0",
        "type": "create_session",
    }
    assert types.CreateSessionResponse.from_dict({"session_id": "s-1"}).session_id == "s-1"
    session = types.GetSessionResponse.from_dict({"training_run_ids": ["r1"], "sampler_ids": ["s1"]})
    assert (session.training_run_ids, session.sampler_ids) == (["r1"], ["s1"])
    assert types.ListSessionsResponse.from_dict({"sessions": ["a", "b"]}).sessions == ["a", "b"]


@pytest.mark.parametrize(
    ("cls", "instance"),
    [
        (types.FutureRetrieveRequest, types.FutureRetrieveRequest(request_id="r-1")),
        (types.RequestFailedResponse, types.RequestFailedResponse(error="boom", category="user")),
        (types.SessionHeartbeatRequest, types.SessionHeartbeatRequest(session_id="s-1")),
    ],
)
def test_parity_wire_types_round_trip(cls: type, instance: object) -> None:
    # covers TYP-28
    assert cls.from_dict(instance.to_dict()) == instance  # type: ignore[attr-defined]


def test_heartbeat_and_telemetry_responses_parse_any_body() -> None:
    # covers TYP-28
    assert types.SessionHeartbeatRequest(session_id="s").to_dict()["type"] == "session_heartbeat"
    for body in ({}, {"type": "session_heartbeat"}, {"unexpected": 1}):
        assert types.SessionHeartbeatResponse.from_dict(body).type == "session_heartbeat"
    for body in ({}, {"status": "accepted"}, {"unexpected": 1}):
        assert types.TelemetryResponse.from_dict(body).status == "accepted"


def test_health_response() -> None:
    # covers TYP-29
    assert types.HealthResponse.from_dict({"status": "ok"}).status == "ok"
    assert types.HealthResponse(status="ok").to_dict() == {"status": "ok"}


def test_loss_fn_types_list_the_literal_and_gate_training_calls() -> None:
    # covers TYP-35
    assert set(types.LOSS_FN_TYPES) == set(get_args(types.LossFnType))
    assert {"cross_entropy", "importance_sampling", "ppo", "cispo", "dro"} <= set(types.LOSS_FN_TYPES)
    for loss_fn in types.LOSS_FN_TYPES:
        validate_forward_inputs([], loss_fn, None)
    with pytest.raises(TinkexValidationError, match="loss_fn must be one of"):
        validate_forward_inputs([], "hinge", None)


def test_creation_wire_types() -> None:
    # covers TYP-41
    model = types.CreateModelRequest(session_id="s", model_seq_id=0, base_model="local/byte-tiny").to_dict()
    assert (model["session_id"], model["model_seq_id"], model["base_model"], model["type"]) == (
        "s",
        0,
        "local/byte-tiny",
        "create_model",
    )
    assert types.CreateModelResponse.from_dict({"model_id": "m-1"}).model_id == "m-1"
    sampling = types.CreateSamplingSessionRequest(
        session_id="s", sampling_session_seq_id=1, model_path="tinker://r/sampler_weights/a"
    ).to_dict()
    assert sampling["type"] == "create_sampling_session" and "base_model" not in sampling
    assert sampling["model_path"] == "tinker://r/sampler_weights/a"
    response = types.CreateSamplingSessionResponse.from_dict({"sampling_session_id": "s:sample:1"})
    assert response.sampling_session_id == "s:sample:1"
