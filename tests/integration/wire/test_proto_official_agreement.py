"""Byte-level agreement of the protobuf codec with the official SDK's own converters.

The official package registers the same proto file name in protobuf's default descriptor pool,
so it cannot be imported next to tinker_proto: its side runs in a child interpreter (which is why
this lives in the integration tier)."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np

from tinkex._wire.proto_codec import (
    WireSampledSequence,
    decode_forward_backward_request,
    encode_forward_backward_output,
    encode_sample_response,
)


def _run_official(tmp_path: Path, script: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_official_sdk_request_bytes_decode(tmp_path: Path) -> None:
    _run_official(
        tmp_path,
        """
        import pathlib, sys
        import tinker
        from tinker.proto.request_conv import forward_backward_request_to_proto
        from tinker.types import ForwardBackwardInput, ForwardBackwardRequest
        datum = tinker.Datum(
            model_input=tinker.ModelInput.from_ints([10, 20, 30]),
            loss_fn_inputs={"target_tokens": [20, 30, 40], "weights": [1.0, 1.0, 0.5]},
        )
        request = ForwardBackwardRequest(
            forward_backward_input=ForwardBackwardInput(data=[datum], loss_fn="cross_entropy", loss_fn_config={"beta": 0.25}),
            model_id="s:train:0",
            seq_id=4,
        )
        pathlib.Path(sys.argv[1], "request.bin").write_bytes(forward_backward_request_to_proto(request).SerializeToString())
        """,
    )
    decoded = decode_forward_backward_request((tmp_path / "request.bin").read_bytes())
    assert (decoded.model_id, decoded.seq_id, decoded.loss_fn) == ("s:train:0", 4, "cross_entropy")
    assert decoded.loss_fn_config == {"beta": 0.25}
    np.testing.assert_array_equal(decoded.data[0].chunks[0].tokens, [10, 20, 30])
    np.testing.assert_array_equal(decoded.data[0].inputs["target_tokens"].to_dense(), [20, 30, 40])
    np.testing.assert_array_equal(decoded.data[0].inputs["weights"].to_dense(), [1.0, 1.0, 0.5])


def test_official_sdk_decodes_our_outputs(tmp_path: Path) -> None:
    outputs = [
        {"logprobs": np.array([-1.0, -0.5], np.float32), "elementwise_loss": np.array([1.0, 0.5], np.float32)}
    ]
    (tmp_path / "fb.bin").write_bytes(
        encode_forward_backward_output("ArrayRecord", outputs, {"loss:sum": 1.5})
    )
    (tmp_path / "sample.bin").write_bytes(
        encode_sample_response(
            [WireSampledSequence(np.array([65, 66], np.int32), np.array([-0.1, -0.2], np.float32), "length")],
            prompt_logprobs=np.array([math.nan, -3.0], np.float32),
            topk_prompt_logprobs=(
                np.array([[0], [7]], np.int32),
                np.array([[math.nan], [-0.75]], np.float32),
            ),
        )
    )
    _run_official(
        tmp_path,
        """
        import pathlib, sys
        from tinker.proto.response_conv import deserialize_forward_backward_output, deserialize_sample_response
        folder = pathlib.Path(sys.argv[1])
        fb = deserialize_forward_backward_output((folder / "fb.bin").read_bytes())
        assert fb.metrics == {"loss:sum": 1.5}, fb.metrics
        assert fb.loss_fn_outputs[0]["logprobs"].tolist() == [-1.0, -0.5]
        sample = deserialize_sample_response((folder / "sample.bin").read_bytes())
        assert sample.sequences[0].tokens == [65, 66]
        assert sample.sequences[0].stop_reason == "length"
        assert sample.prompt_logprobs == [None, -3.0], sample.prompt_logprobs
        assert sample.topk_prompt_logprobs == [None, [(7, -0.75)]], sample.topk_prompt_logprobs
        """,
    )
