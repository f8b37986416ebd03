"""Response types from protocol JSON shapes, tinker paths, checkpoints, capabilities."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tinkex.types import (
    Checkpoint,
    CheckpointsListResponse,
    Cursor,
    ForwardBackwardOutput,
    GetInfoResponse,
    GetServerCapabilitiesResponse,
    OptimStepResponse,
    ParsedCheckpointTinkerPath,
    QueueState,
    RequestErrorCategory,
    RequestFailedResponse,
    SampledSequence,
    SampleResponse,
    SaveWeightsForSamplerResponse,
    SessionSummary,
    TensorData,
    TinkexValidationError,
    TopkLogprobs,
    TrainingRun,
    TrainingRunsResponse,
    TryAgainResponse,
)

LEGACY_SAMPLE = {  # protocol §5.8 legacy JSON shape
    "sequences": [{"stop_reason": "length", "tokens": [5, 6], "logprobs": [-0.5, -1.0]}],
    "type": "sample",
    "prompt_logprobs": [None, -2.0, -0.25],
    "topk_prompt_logprobs": [None, [[7, -0.1], [8, -2.5]], []],
}


def test_sample_response_from_legacy_json() -> None:  # covers TYP-32
    resp = SampleResponse.from_dict(LEGACY_SAMPLE)
    seq = resp.sequences[0]
    assert seq.tokens == [5, 6] and seq.logprobs == [-0.5, -1.0] and seq.stop_reason == "length"
    assert seq.sequence_id is None
    assert resp.prompt_logprobs == [None, -2.0, -0.25]
    assert resp.topk_prompt_logprobs == [None, [[7, -0.1], [8, -2.5]], []]  # JSON pairs
    assert resp.topk_prompt_logprobs_np is not None
    dumped = resp.to_dict()
    assert dumped["prompt_logprobs"] == LEGACY_SAMPLE["prompt_logprobs"]
    assert dumped["topk_prompt_logprobs"] == LEGACY_SAMPLE["topk_prompt_logprobs"]
    assert SampleResponse.from_dict(dumped).to_dict() == dumped


def test_topk_map_entries_and_malformed_entries() -> None:  # covers TYP-32
    seq = SampledSequence.from_dict(
        {
            "stop_reason": "stop",
            "tokens": [1],
            "sequence_id": "s1",
            "topk_logprobs": [[{"token_id": 3, "logprob": -1}]],
        }
    )
    assert seq.topk_logprobs == [[[3, -1]]]
    assert seq.topk_logprobs_np is not None and seq.topk_logprobs_np.to_lists() == [[(3, -1.0)]]
    with pytest.raises(TinkexValidationError, match="malformed"):
        SampledSequence.from_dict({"stop_reason": "stop", "tokens": [1], "topk_logprobs": [[[1, 2, 3]]]})
    # Response enums are open: a stop reason a newer server adds is kept, not refused.
    assert SampledSequence.from_dict({"stop_reason": "eos", "tokens": []}).stop_reason == "eos"
    with pytest.raises(TinkexValidationError, match="stop_reason"):
        SampledSequence.from_dict({"stop_reason": 3, "tokens": []})


def test_numpy_backed_sequences_and_prompt_logprobs() -> None:  # covers TYP-32 (0.38 numpy fields)
    tokens = np.array([4, 5], dtype=np.int32)
    topk = TopkLogprobs(
        token_ids=np.array([[9, 0], [0, 0]], dtype=np.int32),
        logprobs=np.array([[-0.5, -99999.0], [-99999.0, -99999.0]], dtype=np.float32),
    )
    seq = SampledSequence(
        stop_reason="stop", sequence_id="s", tokens=tokens, logprobs=np.array([-1.0, -2.0], dtype=np.float32)
    )
    assert seq.tokens == [4, 5] and seq.logprobs == [-1.0, -2.0]
    assert seq.tokens is seq.tokens  # converted once
    assert seq.tokens_np.tolist() == [4, 5] and seq.logprobs_np is not None
    resp = SampleResponse([seq], prompt_logprobs=[None, -1.5], topk_prompt_logprobs=[[[9, -0.5]], None])
    assert resp.prompt_logprobs == [None, -1.5]
    assert np.isnan(resp.prompt_logprobs_np[0]) and resp.prompt_logprobs_np[1] == np.float32(-1.5)
    assert resp.topk_prompt_logprobs_np is not None
    assert resp.topk_prompt_logprobs_np.to_lists() == topk.to_lists() == [[(9, -0.5)], None]


def test_forward_backward_output_from_json() -> None:  # covers TYP-40, protocol §4.4
    payload = {
        "loss_fn_output_type": "ArrayRecord",
        "loss_fn_outputs": [{"logprobs": {"data": [-0.1, -0.2], "dtype": "float32", "shape": [2]}}],
        "metrics": {"loss:sum": 0.3},
    }
    out = ForwardBackwardOutput.from_dict(payload)
    assert isinstance(out.loss_fn_outputs[0]["logprobs"], TensorData)
    assert out.loss_fn_outputs[0]["logprobs"].to_numpy().dtype == np.float32
    assert out.loss == 0.3
    assert ForwardBackwardOutput.from_dict(out.to_dict()) == out
    assert OptimStepResponse.from_dict({"metrics": {"lr": 1.0}}).metrics == {"lr": 1.0}
    assert OptimStepResponse.from_dict({}).to_dict() == {}


@pytest.mark.parametrize(
    ("path", "run", "ctype", "cid", "name"),
    [
        ("tinker://run-1/weights/0001", "run-1", "training", "weights/0001", "0001"),
        ("tinker://sess:train:0/sampler_weights/s1", "sess:train:0", "sampler", "sampler_weights/s1", "s1"),
        ("tinker://r/external_weights/e", "r", "external", "external_weights/e", "e"),
    ],
)
def test_tinker_path_parsing(
    path: str, run: str, ctype: str, cid: str, name: str
) -> None:  # covers TYP-14, D-02
    parsed = ParsedCheckpointTinkerPath.from_tinker_path(path)
    assert (parsed.training_run_id, parsed.checkpoint_type, parsed.checkpoint_id) == (run, ctype, cid)
    assert parsed.checkpoint_name == name
    assert parsed.checkpoint_segment == cid
    assert parsed.tinker_path == path


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("s3://run/weights/1", "must start with tinker://"),
        ("tinker://run/weights", "Invalid checkpoint path"),
        ("tinker://run/weights/a/b", "Invalid checkpoint path"),
        ("tinker:///weights/1", "Invalid checkpoint path"),
        ("tinker://run/checkpoints/1", "Invalid checkpoint type in path: 'checkpoints'"),
    ],
)
def test_invalid_tinker_paths(path: str, message: str) -> None:  # covers TYP-14
    with pytest.raises(ValueError, match=message) as info:
        ParsedCheckpointTinkerPath.from_tinker_path(path)
    assert isinstance(info.value, TinkexValidationError) and info.value.category == "user"


def test_checkpoint_list_and_time_parsing() -> None:  # covers TYP-15, TYP-16, TYP-17, LATER-05
    payload = {
        "checkpoints": [
            {
                "checkpoint_id": "weights/0001",
                "checkpoint_type": "training",
                "time": "2025-03-01T12:00:00Z",
                "tinker_path": "tinker://run-1/weights/0001",
                "size_bytes": 10,
            },
            {"checkpoint_id": "x", "checkpoint_type": "sampler", "time": "yesterday", "tinker_path": "odd"},
        ],
        "cursor": {"offset": "0", "limit": 100, "total_count": "bad"},
    }
    resp = CheckpointsListResponse.from_dict(payload)
    first, second = resp.checkpoints
    assert first.time == dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
    assert first.public is False and first.training_run_id == "run-1"
    assert second.time == "yesterday" and second.training_run_id is None
    assert resp.cursor == Cursor(offset=0, limit=100, total_count=0)
    assert first.to_dict()["time"] == "2025-03-01T12:00:00+00:00"
    assert "size_bytes" not in resp.checkpoints[1].to_dict()


def test_training_runs_accept_id_alias() -> None:  # covers TYP-18, TYP-19
    run = {
        "id": "run-1",
        "base_model": "m",
        "model_owner": "me",
        "is_lora": True,
        "lora_rank": 8,
        "last_request_time": "2025-01-02T03:04:05+00:00",
        "last_checkpoint": None,
    }
    resp = TrainingRunsResponse.from_dict(
        {"training_runs": [run], "cursor": {"offset": 0, "limit": 1, "total_count": 1}}
    )
    parsed = resp.training_runs[0]
    assert isinstance(parsed, TrainingRun) and parsed.training_run_id == "run-1" and parsed.corrupted is False
    assert TrainingRun.from_dict(parsed.to_dict()) == parsed


def test_server_capabilities_accept_strings() -> None:  # covers TYP-21, TYP-22
    resp = GetServerCapabilitiesResponse.from_dict(
        {"supported_models": ["a", None, {"model_name": "b", "max_context_length": 4096, "arch": "ignored"}]}
    )
    assert resp.model_names() == ["a", "b"]
    assert resp.supported_models[1].max_context_length == 4096
    assert GetServerCapabilitiesResponse.from_dict({}).supported_models == []


def test_get_info_response() -> None:  # covers TYP-23
    info = GetInfoResponse.from_dict(
        {
            "model_data": {"arch": "llama", "model_name": "m", "tokenizer_id": "t"},
            "model_id": "s:train:0",
            "is_lora": True,
        }
    )
    assert info.model_data.tokenizer_id == "t"
    assert info.optimizer_config.to_dict() == {"type": "adamw"}  # type: ignore[union-attr]
    assert "lora_rank" not in info.to_dict()


def test_failed_and_try_again_responses() -> None:  # covers TYP-37, TYP-38
    failed = RequestFailedResponse.from_dict({"error": "boom", "category": "USER"})
    assert failed.category == RequestErrorCategory.User
    assert not RequestErrorCategory.parse(failed.category).retryable
    assert RequestErrorCategory.parse(None) is RequestErrorCategory.Unknown
    assert RequestErrorCategory("Server") is RequestErrorCategory.Server
    assert QueueState.parse("PAUSED_RATE_LIMIT") is QueueState.PAUSED_RATE_LIMIT
    assert QueueState.parse("new_state") is QueueState.UNKNOWN
    again = TryAgainResponse.from_dict(
        {
            "type": "try_again",
            "request_id": "r",
            "queue_state": "paused_capacity",
            "queue_state_reason": "busy",
        }
    )
    assert again.queue_state_reason == "busy" and again.parsed_queue_state.value == "paused_capacity"


def test_save_weights_console_urls() -> None:
    resp = SaveWeightsForSamplerResponse(path="tinker://run-1/sampler_weights/s1")
    assert resp.get_console_url().endswith("/checkpoints/run-1/sampler_weights%2Fs1")
    assert "checkpoint=tinker%3A%2F%2Frun-1" in resp.get_playground_url()


def test_session_summary_status_union() -> None:  # covers protocol §5.11
    summary = SessionSummary.from_dict(
        {
            "session_id": "s",
            "created_at": "2025-01-01T00:00:00+00:00",
            "owner": "o",
            "project_id": "p",
            "checkpoints_count": 2,
            "status": {"type": "client_finished", "reason": {"type": "errored"}},
        }
    )
    assert type(summary.status).__name__ == "ClientSessionFinished"
    assert summary.to_dict()["status"] == {"type": "client_finished", "reason": {"type": "errored"}}


def test_checkpoint_requires_fields() -> None:
    with pytest.raises(TinkexValidationError, match="Checkpoint"):
        Checkpoint.from_dict({"checkpoint_id": "x"})
