"""The benchmark floor sends what tinkex sends, so tinkex/floor measures the SDK and nothing else.

``benchmarks.floor_client`` must not import tinkex (its process is the no-SDK floor), so it
spells out bodies and headers itself; these tests hold them to tinkex's own.
"""

from __future__ import annotations

import orjson

from benchmarks import floor_client
from benchmarks.common import API_KEY
from tinkex._http.headers import base_headers
from tinkex.config import TARGET_TINKER_SDK_VERSION
from tinkex.types import AdamParams, ModelInput, OptimStepRequest, SampleRequest, SamplingParams


def _wire(model: object) -> object:
    """The JSON the generated endpoint sends for a request model."""
    return orjson.loads(orjson.dumps(model.to_dict(), option=orjson.OPT_SERIALIZE_NUMPY))  # type: ignore[attr-defined]


def test_sample_body_is_tinkex_sample_request() -> None:
    prompt = list(range(1, 33))
    request = SampleRequest(
        num_samples=1,
        prompt=ModelInput.from_ints(prompt),
        sampling_params=SamplingParams(max_tokens=16, temperature=1.0),
        sampling_session_id="s:sample:0",
        seq_id=7,
        prompt_logprobs=False,
        topk_prompt_logprobs=0,
        topk_sample_logprobs=0,
        prompt_alt_tokens_k=0,
        record_stability_info=False,
    )
    assert floor_client.sample_body("s:sample:0", 7, prompt, 16) == _wire(request)


def test_optim_step_body_is_tinkex_optim_step_request() -> None:
    request = OptimStepRequest(model_id="m", seq_id=3, adam_params=AdamParams(learning_rate=1e-4))
    assert floor_client.optim_step_body("m", 3) == _wire(request)


def test_headers_are_tinkex_headers() -> None:
    expected = base_headers(api_key=API_KEY, sdk_version=TARGET_TINKER_SDK_VERSION)
    expected["Accept-Encoding"] = "gzip, deflate"  # added by tinkex._http.calls.ApiClient
    assert floor_client.SDK_VERSION == TARGET_TINKER_SDK_VERSION
    assert floor_client.base_headers() == expected


def test_pool_sizes_are_tinkex_defaults() -> None:
    from tinkex._http.options import PoolType
    from tinkex._http.transports import pool_limits
    from tinkex.config import resolve_config

    config = resolve_config(api_key=API_KEY, base_url="http://127.0.0.1:1")
    assert pool_limits(config, PoolType.SAMPLING).max_connections == floor_client.SAMPLING_CONNECTIONS
    assert pool_limits(config, PoolType.FUTURES).max_connections == floor_client.FUTURES_CONNECTIONS


def test_in_flight_limit_is_a_sampling_clients() -> None:
    from tinkex._clients.sampling_retry import concurrency_limit
    from tinkex.retry_config import RetryConfig

    # SamplingClient's default: the server's sample_max_concurrent_requests (2000) capped by RetryConfig.
    assert concurrency_limit(RetryConfig(), 2000) == floor_client.IN_FLIGHT
